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

from django.db import connection, transaction
from django.db.models import F, OrderBy
from django.urls import reverse

from ..models import Agreement, Delegation, Meeting, Participation, Quote, iso_date

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
            items.append(self.build(self.head))
            self.head = next(self.rows, None)
        return items


def export_records(queryset, request, chunk_size=CHUNK):
    """
    Each meeting of `queryset`, in its order, as the exports give it: a dict with its
    participants, delegations, topics, agreements, quotes and sources.
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
        yield from _records(queryset, request, ordering, through, chunk_size)


def _streams(ids, through, chunk_size):
    def rows(queryset, own, *fields):
        return (
            queryset.filter(meeting__in=ids)
            .order_by(*through, *own)
            .values_list("meeting_id", *fields)
            .iterator(chunk_size=chunk_size)
        )

    def participant(row):
        _, name, slug, side, title, acting, agency, role = row
        if title is not None:
            title = f"Acting {title}" if acting else title
        return {
            "name": name,
            "slug": slug,
            "country": side,
            "title": title if title is not None else "",
            "agency": agency,
            "role": role,
        }

    topic_link = Meeting.topics.through.objects
    source_link = Meeting.sources.through.objects
    return {
        "participants": _Stream(
            rows(
                Participation.objects,
                ["order", "pk"],
                "official__name",
                "official__slug",
                "side__code",
                "position__title",
                "position__acting",
                "position__agency__name",
                "role",
            ),
            participant,
        ),
        "delegations": _Stream(
            rows(Delegation.objects, ["pk"], "side__code", "description"),
            lambda r: {"country": r[1], "description": r[2]},
        ),
        "topics": _Stream(
            rows(topic_link, ["topic__name", "topic__pk"], "topic__slug", "topic__name"),
            lambda r: {"slug": r[1], "name": r[2]},
        ),
        "agreements": _Stream(
            rows(Agreement.objects, ["pk"], "title", "summary"),
            lambda r: {"title": r[1], "summary": r[2]},
        ),
        "quotes": _Stream(
            rows(
                Quote.objects,
                ["number", "pk"],
                "speaker__name",
                "speaker_agency__name",
                "speaker_agency__short_name",
                "text",
            ),
            lambda r: {"speaker": speaker_name(r[1], r[2], r[3]), "text": r[4]},
        ),
        "sources": _Stream(
            rows(
                source_link,
                [F("source__published").desc(), "source__title", "source__pk"],
                "source__title",
                "source__publisher",
                "source__url",
                "source__published",
            ),
            lambda r: {
                "title": r[1],
                "publisher": r[2],
                "url": r[3],
                "published": r[4].isoformat() if r[4] else None,
            },
        ),
    }


def _records(queryset, request, ordering, through, chunk_size):
    ids = queryset.order_by().values("pk")
    base = request.build_absolute_uri("/")[:-1]
    url_before, url_after = reverse("meeting-detail", args=[SLUG]).split(SLUG)
    meetings = (
        queryset.order_by(*ordering)
        .values_list(
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
        )
        .iterator(chunk_size=chunk_size)
    )
    streams = _streams(ids, through, chunk_size)
    for pk, slug, title, kind, date, date_end, precision, city, country, venue, summary in meetings:
        yield {
            "slug": slug,
            "url": f"{base}{url_before}{slug}{url_after}",
            "title": title,
            "kind": kind,
            "date": iso_date(date, precision),
            "date_end": iso_date(date_end, precision),
            "date_precision": precision,
            "city": city,
            "country": country,
            "venue": venue,
            "summary": summary,
            "participants": streams["participants"].take(pk),
            "delegations": streams["delegations"].take(pk),
            "topics": streams["topics"].take(pk),
            "agreements": streams["agreements"].take(pk),
            "quotes": streams["quotes"].take(pk),
            "sources": streams["sources"].take(pk),
        }
