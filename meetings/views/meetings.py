"""The meetings list, filtered and faceted, and one meeting's page with its JSON twin."""

from collections import OrderedDict
from typing import NamedTuple

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ..changelog import change_log
from ..citations import citation, csl_text
from ..exports.records import meeting_data
from ..filters import SORTS, MeetingFilter, query_for_links
from ..models import Meeting
from ..pictures.data import timeline_chart
from ..pictures.timeline import Timeline
from ..querystring import QueryParams
from ..summary.read import topic_timeline
from ..versioning import cached
from . import facets
from .countries import parties_alone
from .facets import active_chips, facet_links, list_summary
from .pagination import paginate_meetings
from .resource import Resource, public_page


@public_page(params=[*MeetingFilter.base_filters, "page"])
def meeting_list(request):
    filterset = MeetingFilter(request.GET, queryset=Meeting.objects.published())
    valid = filterset.is_valid()
    # Every link of the page keeps this query, the language switcher's too (it reads request.GET).
    request.GET = query_for_links(request.GET, filterset.form)
    params = QueryParams(request.GET)
    figures = list_figures(filterset, params)
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "pagination": paginate_meetings(
            params, figures.meetings, figures.count, more_than=figures.more_than
        ),
        "more_than": figures.more_than,
        "params": params,
        "facets": facet_links(params, figures.facet_rows) if figures.facet_rows else [],
        "faceted_max": None if figures.facet_rows else facets.FACETED_MAX,
        "chips": active_chips(filterset, params),
        "export_query": params.without("page"),
        "sorts": sort_links(params),
        "timeline": figures.timeline,
    }
    return render(request, "meetings/meeting_list.html", context, status=200 if valid else 400)


class ListFigures(NamedTuple):
    meetings: QuerySet  # in the list's order
    count: int
    facet_rows: list | None  # None: too many meetings for facets
    timeline: Timeline | None  # None: too many meetings to chart
    more_than: int | None = None  # when the count is a bound: more than `count` match


def list_figures(filterset, params):
    """The list's ListFigures."""
    by_party = party_list(filterset)
    if by_party:
        meetings, count, rows = by_party
        return ListFigures(meetings, count, None, timeline_chart(rows, params.multi_items))
    topic = lone_topic_figures(filterset)
    if topic and topic["count"] > facets.FACETED_MAX:  # too many for facets: counted too
        chart = timeline_chart(topic["timeline"], params.multi_items)
        return ListFigures(filterset.qs, topic["count"], None, chart)
    narrowed = filterset.narrowed()
    if not filterset.is_valid():  # not the whole list: counted from its own (empty) queryset
        narrowed.add("invalid")
    search = filterset.form.cleaned_data.get("q")
    count, rows, months = list_summary(filterset.qs, params, narrowed, search)
    timeline = None if months is None else timeline_chart(months, params.multi_items)
    if narrowed and count > facets.COUNTED_MAX:  # counted no further
        return ListFigures(filterset.qs, facets.COUNTED_MAX, rows, timeline, facets.COUNTED_MAX)
    return ListFigures(filterset.qs, count, rows, timeline)


def party_list(filterset):
    """
    (meetings in the list's order, count, timeline rows) of a list of one country's or one
    pair's meetings alone, too many for facets, read as their country page reads them: the
    summary rows, then a walk of the newest meetings (grouped per request, /meetings/?party=MX
    took 450 ms at 100,000 meetings on SQLite). None for any other list.
    """
    found = parties_alone(filterset, more_than=facets.FACETED_MAX)  # few: faceted as any list
    if found is None:
        return None
    meetings, figures = found
    return meetings, figures["count"], figures["timeline"]


def lone_topic_figures(filterset):
    """
    topic_timeline()'s figures (its count, its timeline) of a list of one topic's meetings
    alone, read from the topic's summary rows: grouping /meetings/?topic=security's 39,692
    meetings at 100,000 took 65 ms on SQLite for the count and 34 for the timeline. A rare
    topic's list uses the count alone, to know it is faceted (and charted with its facets).
    None for any other list.
    """
    topic = filterset.topic_alone()
    if topic is None:
        return None
    # Cached as the other lists' figures are, so that a list read again reads the cache alone.
    return cached(("topic-timeline", topic.pk), lambda: topic_timeline(topic.pk))


def sort_links(params):
    return [
        {
            "label": label,
            "url": params.replace("sort", key),
            "active": key == (params.get("sort") or "-date"),
        }
        for key, (label, _) in SORTS.items()
    ]


class MeetingDetail(Resource):
    """/meetings/<slug>/ and /meetings/<slug>.json: a published meeting and all its facts."""

    template_name = "meetings/meeting_detail.html"

    def context(self, request, slug):
        meeting = get_object_or_404(Meeting.objects.published().with_related(), slug=slug)
        parts = meeting.parts.published().only(
            "title", "slug", "date", "date_end", "date_precision"
        )
        return {
            "meeting": meeting,
            "sides": sides(meeting),
            "parts": parts,
            "citation": meeting_citation(meeting, request),
        }

    def html(self, request, context):
        # The page only: the citation as CSL text, when it last changed, and its public
        # change log (two queries).
        last_changed, changes = change_log(context["meeting"])
        csl = csl_text(context["citation"]["csl_json"])
        page = {"csl": csl, "last_changed": last_changed, "changes": changes}
        return super().html(request, {**context, **page})

    def json(self, request, context):
        return {**meeting_data(context["meeting"], request), "citation": context["citation"]}


def meeting_citation(meeting, request):
    """How to cite the meeting's page: its permalink (the slug never changes), read today."""
    permalink = request.build_absolute_uri(meeting.get_absolute_url())
    return citation(meeting.slug, meeting.title, meeting.iso_date, permalink, timezone.localdate())


def sides(meeting):
    """The meeting's participants and unnamed delegations, grouped by the side they were on."""
    by_side = OrderedDict()
    for participation in meeting.participations.all():
        by_side.setdefault(participation.side, {"participants": [], "delegations": []})
        by_side[participation.side]["participants"].append(participation)
    for delegation in meeting.delegations.all():
        by_side.setdefault(delegation.side, {"participants": [], "delegations": []})
        by_side[delegation.side]["delegations"].append(delegation)
    return list(by_side.items())
