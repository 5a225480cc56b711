"""A pasted release stored verbatim as a Source, and the draft meeting it proposes."""

import datetime

from django.db import transaction

from ...models import Meeting, Proposal, Source
from ..draft import draft
from ..proposals import proposals
from .known import known_world

UNTITLED = "Untitled release"


@transaction.atomic
def create_draft(text, *, title="", url="", publisher="", published=None, file_name="", user=None):
    """
    The release's Source (its text as read: an HTML page reduced to its text, the offsets of
    every passage are into it) and a draft meeting drafted by `user`, with one pending
    Proposal per fact. Nothing is public: the meeting is a draft.
    """
    result = draft(text, published=published, publisher=publisher, known=known_world())
    source = _source(result, title, url, publisher, published, file_name)
    meeting = Meeting(
        title=(result.title or source.title)[:300],
        status=Meeting.Status.DRAFT,
        date_precision="unknown",
        drafted_by=user,
        notes="\n".join(result.notes),
    )
    meeting.clean()
    meeting.save()
    meeting.sources.add(source)
    Proposal.objects.bulk_create(
        Proposal(
            meeting=meeting,
            source=source,
            kind=found.kind,
            payload=found.payload,
            start=found.start,
            end=found.end,
            order=order,
        )
        for order, found in enumerate(proposals(result))
    )
    return meeting


def _source(result, title, url, publisher, published, file_name):
    source = Source(
        title=(title or result.title or file_name or UNTITLED)[:300],
        url=url,
        publisher=publisher,
        published=published or _date(result.published),
        language=result.language[:10],
        file_name=file_name[:200],
        text=result.source_text,
    )
    source.clean()
    source.save()
    return source


def _date(value):
    return datetime.date.fromisoformat(value) if value else None
