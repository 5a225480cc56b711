"""The sources' list, and one source's full text (recorded quotes marked) with its JSON twin."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from ..exports.records import source_data
from ..models import Agreement, Delegation, Mention, Participation, Quote, Source
from ..querystring import QueryParams
from ..summary.read import cited_sources_count, with_meeting_counts
from .pagination import paginate
from .resource import PAGE, Resource, public_page

SOURCES_PER_PAGE = 100


@public_page(params=PAGE)
def source_list(request):
    # Source.objects.published(), as the summary rows count them: cited by n > 0 published
    # meetings. Counted and grouped per request, the list took 340 ms at 100,000 meetings.
    sources = (
        with_meeting_counts(Source.objects.all(), "source")
        .filter(meeting_count__gt=0)
        .order_by("title", "pk")
    )
    count = cited_sources_count()
    pagination = paginate(QueryParams(request.GET), sources, SOURCES_PER_PAGE, count=count)
    return render(request, "meetings/source_list.html", {"pagination": pagination})


# What each kind of fact is called in a highlighted passage's label.
FACT_NAMES = {
    "participation": pgettext_lazy("fact", "participation"),
    "delegation": pgettext_lazy("fact", "delegation"),
    "mention": pgettext_lazy("fact", "mention"),
    "agreement": pgettext_lazy("fact", "agreement"),
}


@dataclass
class Mark:
    """A highlighted passage: the anchors that point at it, the meeting it links to."""

    anchors: list
    href: str
    label: str
    kind: str  # "quote", or the kind of fact whose passage it is


def evidence_marks(quotes, rows):
    """(words, anchor, link, label) of each recorded quote and passage of the source."""
    found = [
        (
            q.text,
            f"quote-{q.pk}",
            f"{q.meeting.get_absolute_url()}#quote-{q.number}",
            _("quote by %(speaker)s") % {"speaker": q.speaker_name},
        )
        for q in quotes
    ]
    for kind, row in rows:
        label = _("%(fact)s in %(meeting)s") % {
            "fact": FACT_NAMES[kind],
            "meeting": row.meeting.title,
        }
        href = f"{row.meeting.get_absolute_url()}#{kind}-{row.pk}"
        found.append((row.passage, f"{kind}-{row.pk}", href, label))
    return found


def highlighted_text(text, marks):
    """
    The source's text as (segment, Mark or None) pairs, so the template can escape each
    segment and mark and link the recorded ones. Each mark begins where its passage does;
    passages that begin at one place share a mark, and one that begins inside another cuts
    the other's mark short there, so every anchor lands on its own first word.
    """
    starts = {}
    for words, anchor, href, label in marks:
        start = text.find(words) if words else -1
        if start < 0:
            continue
        if start in starts:
            starts[start][1].anchors.append(anchor)
            starts[start] = (max(starts[start][0], start + len(words)), starts[start][1])
        else:
            kind = anchor.rsplit("-", 1)[0]
            starts[start] = (start + len(words), Mark([anchor], href, label, kind))
    segments, position = [], 0
    ordered = sorted(starts)
    for index, start in enumerate(ordered):
        end, mark = starts[start]
        start = max(start, position)
        following = ordered[index + 1] if index + 1 < len(ordered) else len(text)
        end = min(end, following)
        segments += [(text[position:start], None), (text[start:end], mark)]
        position = max(position, end)
    segments.append((text[position:], None))
    return [(segment, mark) for segment, mark in segments if segment]


EVIDENCE = [
    ("participation", Participation),
    ("delegation", Delegation),
    ("mention", Mention),
    ("agreement", Agreement),
]


def evidence_rows(source):
    """(kind, row) of every fact of a published meeting that cites this source."""
    return [
        (kind, row)
        for kind, model in EVIDENCE
        for row in model.objects.published().filter(source=source).select_related("meeting")
    ]


class SourceDetail(Resource):
    """/sources/<slug>/ and its .json twin: a release's full text and what was drawn from it."""

    template_name = "meetings/source_detail.html"

    def context(self, request, slug):
        source = get_object_or_404(Source.objects.published(), slug=slug)
        quotes = list(
            Quote.objects.published()
            .filter(source=source)
            .select_related("meeting", "speaker", "speaker_agency")
        )
        meetings = source.meetings.published().select_related("city")
        return {"source": source, "quotes": quotes, "meetings": meetings}

    def html(self, request, context):
        marks = evidence_marks(context["quotes"], evidence_rows(context["source"]))
        segments = highlighted_text(context["source"].text, marks)
        return super().html(request, {**context, "segments": segments})

    def json(self, request, context):
        source = context["source"]
        return {
            **source_data(source),
            "slug": source.slug,
            # "url" is this page, as in every JSON twin; the publisher's own address (the
            # "url" of a source within a meeting's record) is "source_url".
            "url": request.build_absolute_uri(source.get_absolute_url()),
            "source_url": source.url,
            "text": source.text,
            "notes": source.notes,
            "meetings": [m.slug for m in context["meetings"]],
            "quotes": [
                {"meeting": q.meeting.slug, "speaker": q.speaker_name, "text": q.text}
                for q in context["quotes"]
            ],
        }
