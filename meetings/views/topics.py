"""The topics' tree, and one topic's page with its JSON twin."""

from django.shortcuts import get_object_or_404, render

from ..filters import SORTS
from ..models import Agreement, Meeting, Topic
from ..pictures.data import timeline_chart
from ..summary.read import topic_figures, with_meeting_counts
from .countries import AGREEMENTS_NEWEST_FIRST, LISTED
from .facets import FACET_LIMIT
from .resource import ResourceWithMeetings, public_page


@public_page
def topic_list(request):
    topics = with_meeting_counts(Topic.objects.select_related("parent"), "topic")
    by_parent = {}
    for topic in topics:
        by_parent.setdefault(topic.parent_id, []).append(topic)
    tree = [(topic, by_parent.get(topic.pk, [])) for topic in by_parent.get(None, [])]
    return render(request, "meetings/topic_list.html", {"tree": tree})


def latest_and_one_more(agreements):
    """
    The LISTED `agreements` of the latest meetings, and one more if there is one: a large
    topic has thousands (447 at 100,000 meetings, all of them on its page until now).
    """
    newest_first = agreements.select_related("meeting").order_by(*AGREEMENTS_NEWEST_FIRST)
    return newest_first[: LISTED + 1]


class TopicDetail(ResourceWithMeetings):
    """/topics/<slug>/ and its .json twin: the topic, its meetings, latest agreements, officials."""

    template_name = "meetings/topic_detail.html"

    def context(self, request, slug):
        topics = Topic.objects.select_related("parent").prefetch_related("children")
        # Counted by its summary row, as on the topics' list: a large topic's 40,000 meetings
        # at 100,000 on SQLite took 100 ms to count.
        topic = get_object_or_404(with_meeting_counts(topics, "topic"), slug=slug)
        meetings = Meeting.objects.published().filter(topics=topic)
        # Its officials and timeline too, from the rows the triggers keep (summary/topical.py):
        # grouping its 40,000 meetings took 96 ms.
        figures = topic_figures(topic.pk, FACET_LIMIT)
        # One more than listed, to say whether there are others (counting a large topic's
        # agreements, 37,000 at 1,000,000 meetings, took 38 ms).
        latest = list(latest_and_one_more(Agreement.objects.published().filter(topics=topic)))
        return {
            "topic": topic,
            "meeting_count": topic.meeting_count,
            "meetings": meetings.order_by(*SORTS["-date"][1]),
            "agreements": latest[:LISTED],
            "more_agreements": len(latest) > LISTED,
            "officials": figures["officials"],
            "timeline_rows": figures["timeline"],
        }

    def html(self, request, context):
        timeline = timeline_chart(context["timeline_rows"], [("topic", context["topic"].slug)])
        return super().html(request, {**context, "timeline": timeline})

    def json(self, request, context):
        topic = context["topic"]
        return {
            "slug": topic.slug,
            "url": request.build_absolute_uri(topic.get_absolute_url()),
            "name": topic.name,
            "description": topic.description,
            "parent": topic.parent.slug if topic.parent else None,
            "children": [child.slug for child in topic.children.all()],
            **self.meetings_json(request, context, [("topic", topic.slug)]),
            "more_agreements": context["more_agreements"],
            "agreements": [
                {"title": a.title, "summary": a.summary, "meeting": a.meeting.slug}
                for a in context["agreements"]
            ],
            "officials": [
                {"slug": s, "name": n, "meetings": c} for s, n, c in context["officials"]
            ],
        }
