"""
The meeting exports' rows, streamed in a fixed number of queries and constant memory,
however many meetings there are.

prefetch_related() over iterator(chunk_size=n) runs one query per relation per chunk, so its
query count grows with the data, and it builds a model instance for every related row. Here
each relation is one query of plain values, ordered like the meetings (the meetings' sort
keys, then their id, then the relation's own order), and the result sets are read side by
side, a merge join: the current meeting's rows are at the head of each. All the queries read
one snapshot (a REPEATABLE READ transaction on PostgreSQL, a read transaction on SQLite), so
they agree on which meetings and rows there are.

`export_records()` yields, for each meeting, exactly what `records.meeting_data()` gives for
it (tests/test_generate.py compares the two on every generated meeting).
"""

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, OrderBy
from django.urls import reverse

from ..models import (
    Agreement,
    Delegation,
    ExternalRecord,
    Meeting,
    Mention,
    Participation,
    Quote,
    iso_date,
)
from ..project.dbguard import statement_bound
from .records import mention_record, participant_record, title_held

CHUNK = 2000  # rows fetched at a time from each result set
SLUG = "__slug__"


def prefixed(ordering, prefix):
    """The ordering of a model, written from a model that points at it through `prefix`."""
    result = []
    for item in ordering:
        if isinstance(item, str):
            if item == "?":
                return None
            descending = item.startswith("-")
            result.append(("-" if descending else "") + prefix + item.lstrip("-"))
        elif isinstance(item, OrderBy) and isinstance(item.expression, F):
            result.append(
                OrderBy(
                    F(prefix + item.expression.name),
                    descending=item.descending,
                    nulls_first=item.nulls_first,
                    nulls_last=item.nulls_last,
                )
            )
        elif isinstance(item, F):
            result.append(F(prefix + item.name))
        else:
            return None  # an ordering the related rows cannot follow
    return result


def meeting_ordering(queryset):
    query = queryset.query
    ordering = list(query.order_by) or (
        list(Meeting._meta.ordering) if query.default_ordering else []
    )
    return [*ordering, "pk"]


def speaker_name(official, agency, short_name):
    """Quote.speaker_name from values: the official's name, or the agency as str() gives it."""
    if official:
        return official
    if agency:
        return f"{agency} ({short_name})" if short_name else agency
    return ""


class _Stream:
    """One result set of (meeting_id, ...) rows, read ahead by one row."""

    def __init__(self, rows, build):
        self.rows = rows
        self.build = build
        self.head = next(rows, None)

    def take(self, meeting_id):
        items = []
        while self.head is not None and self.head[0] == meeting_id:
            items.append(self.build(*self.head[1:]))
            self.head = next(self.rows, None)
        return items


def export_records(queryset, request, chunk_size=CHUNK):
    """
    Each meeting of `queryset`, in its order, as the exports give it: a dict with its
    participants, delegations, mentions, topics, agreements, quotes and sources.
    """
    ordering = meeting_ordering(queryset)
    through = prefixed(ordering, "meeting__")
    if through is None:  # e.g. by relevance: the related rows cannot follow; take the default
        ordering = [*Meeting._meta.ordering, "pk"]
        through = prefixed(ordering, "meeting__")
    if connection.in_atomic_block:
        yield from _records(queryset, request, ordering, through, chunk_size)
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        with statement_bound(settings.EXPORT_STATEMENT_TIMEOUT_MS):
            yield from _records(queryset, request, ordering, through, chunk_size)


def participant(name, slug, side, title, acting, agency, role, passage, source):
    return participant_record(
        name, slug, side, title_held(title, acting), agency, role, passage, source
    )


def source_record(slug, title, publisher, url, published):
    return {
        "slug": slug,
        "title": title,
        "publisher": publisher,
        "url": url,
        "published": published.isoformat() if published else None,
    }


# Each relation of a meeting: (key in the record, its rows, their own order, the values read,
# how a row's values become the record's item). Rows are read with "meeting_id" first.
RELATIONS = [
    (
        "participants",
        Participation.objects,
        ["order", "pk"],
        [
            "official__name",
            "official__slug",
            "side__code",
            "position__title",
            "position__acting",
            "position__agency__name",
            "role",
            "passage",
            "source__slug",
        ],
        participant,
    ),
    (
        "delegations",
        Delegation.objects,
        ["pk"],
        ["side__code", "description", "passage", "source__slug"],
        lambda side, description, passage, source: {
            "country": side,
            "description": description,
            "passage": passage,
            "source": source,
        },
    ),
    (
        "mentions",
        Mention.objects,
        ["pk"],
        [
            "official__name",
            "official__slug",
            "official__country__code",
            "note",
            "passage",
            "source__slug",
        ],
        mention_record,
    ),
    (
        "topics",
        Meeting.topics.through.objects,
        ["topic__name", "topic__pk"],
        ["topic__slug", "topic__name"],
        lambda slug, name: {"slug": slug, "name": name},
    ),
    (
        "agreements",
        Agreement.objects,
        ["pk"],
        ["title", "summary", "passage", "source__slug"],
        lambda title, summary, passage, source: {
            "title": title,
            "summary": summary,
            "passage": passage,
            "source": source,
        },
    ),
    (
        "quotes",
        Quote.objects,
        ["number", "pk"],
        [
            "speaker__name",
            "speaker_agency__name",
            "speaker_agency__short_name",
            "text",
            "source__slug",
        ],
        lambda official, agency, short, text, source: {
            "speaker": speaker_name(official, agency, short),
            "text": text,
            "source": source,
        },
    ),
    (
        "sources",
        Meeting.sources.through.objects,
        [F("source__published").desc(), "source__title", "source__pk"],
        ["source__slug", "source__title", "source__publisher", "source__url", "source__published"],
        source_record,
    ),
    (
        "external_ids",
        ExternalRecord.objects,
        ["scheme", "record_id"],
        ["scheme", "record_id", "url"],
        lambda scheme, record_id, url: {"scheme": scheme, "id": record_id, "url": url},
    ),
]


def _streams(ids, through, chunk_size):
    """One merge-joinable stream of rows per relation of the meetings `ids`."""
    return {
        key: _Stream(
            rows.filter(meeting__in=ids)
            .order_by(*through, *own_order)
            .values_list("meeting_id", *values)
            .iterator(chunk_size=chunk_size),
            build,
        )
        for key, rows, own_order, values, build in RELATIONS
    }


MEETING_VALUES = [
    "pk",
    "slug",
    "title",
    "kind",
    "date",
    "date_end",
    "date_precision",
    "city__name",
    "country__code",
    "venue",
    "summary",
    "part_of__slug",
]


def _records(queryset, request, ordering, through, chunk_size):
    ids = queryset.order_by().values("pk")
    base = request.build_absolute_uri("/")[:-1]
    url_before, url_after = reverse("meeting-detail", args=[SLUG]).split(SLUG)
    meetings = (
        queryset.order_by(*ordering).values_list(*MEETING_VALUES).iterator(chunk_size=chunk_size)
    )
    streams = _streams(ids, through, chunk_size)
    for (
        pk,
        slug,
        title,
        kind,
        date,
        date_end,
        precision,
        city,
        country,
        venue,
        summary,
        part_of,
    ) in meetings:
        yield {
            "slug": slug,
            "title": title,
            "kind": kind,
            "date": iso_date(date, precision),
            "date_end": iso_date(date_end, precision),
            "date_precision": precision,
            "city": city,
            "country": country,
            "venue": venue,
            "summary": summary,
            "part_of": part_of,
            "url": f"{base}{url_before}{slug}{url_after}",
            **{key: stream.take(pk) for key, stream in streams.items()},
        }
