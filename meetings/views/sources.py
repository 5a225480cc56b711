"""The sources' list, and one source's full text (recorded quotes marked) with its JSON twin."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from ..exports.records import source_data
from ..models import Quote, Source, is_published
from .resource import Resource, public_page


@public_page
def source_list(request):
    sources = Source.objects.annotate(
        meeting_count=Count("meetings", filter=is_published("meetings"))
    ).order_by("title")
    return render(request, "meetings/source_list.html", {"sources": sources})


def highlighted_text(text, quotes):
    """
    The source's text as (segment, quote) pairs, the quote None outside recorded quotes,
    so the template can escape each segment and mark and link the quoted ones.
    """
    spans = []
    for quote in quotes:
        start = text.find(quote.text)
        if start >= 0:
            spans.append((start, start + len(quote.text), quote))
    spans.sort(key=lambda span: (span[0], -span[1]))
    segments, position = [], 0
    for start, end, quote in spans:
        if start < position:  # overlapping quotes: the first one wins
            continue
        segments.append((text[position:start], None))
        segments.append((text[start:end], quote))
        position = end
    segments.append((text[position:], None))
    return [(segment, quote) for segment, quote in segments if segment]


class SourceDetail(Resource):
    """/sources/<slug>/ and its .json twin: a release's full text and what was drawn from it."""

    template_name = "meetings/source_detail.html"

    def context(self, request, slug):
        source = get_object_or_404(Source, slug=slug)
        quotes = list(
            Quote.objects.published()
            .filter(source=source)
            .select_related("meeting", "speaker", "speaker_agency")
        )
        meetings = source.meetings.published().select_related("city")
        return {"source": source, "quotes": quotes, "meetings": meetings}

    def html(self, request, context):
        segments = highlighted_text(context["source"].text, context["quotes"])
        return super().html(request, {**context, "segments": segments})

    def json(self, request, context):
        source = context["source"]
        return {
            **source_data(source),
            "slug": source.slug,
            "url": request.build_absolute_uri(source.get_absolute_url()),
            "text": source.text,
            "notes": source.notes,
            "meetings": [m.slug for m in context["meetings"]],
            "quotes": [
                {"meeting": q.meeting.slug, "speaker": q.speaker_name, "text": q.text}
                for q in context["quotes"]
            ],
        }
