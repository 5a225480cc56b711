"""
The summary rows read back, in one query whatever the number of meetings: the home page's
figures and the whole list's count and facets. Each "most frequent" group reads only its
`limit` rows and their ties from the (facet, n) index, then names them from their tables.
"""

from django.db import connection
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce

from ..models import SummaryCount
from . import personal
from .cited import CITED, counter
from .topical import OFFICIALS, TIMELINE
from .triggers import TABLE

# For each facet naming records: their table, the value and label shown, the tie-break.
NAMED = {
    "topic": ("meetings_topic", "slug", "name", "name"),
    "official": ("meetings_official", "slug", "name", "sort_name"),
    "party": ("meetings_country", "code", "name", "name"),
    "country": ("meetings_country", "code", "name", "name"),
}
TOTALS = ("meetings", "agencies", "topics")


def top_sql(facet, limit, names=None):
    """
    The `limit` (None: all) most frequent values of `facet` (value, label, n, position),
    named from the records of NAMED[`names`] (by default, the facet's own).
    """
    table, value, label, order = NAMED[names or facet]
    # The limit-th count: no row below it can be among the first `limit` (ties aside).
    floor, limited = "1", ""
    if limit is not None:
        floor = (
            f"COALESCE((SELECT n FROM {TABLE} WHERE facet = '{facet}' AND n > 0 "
            f"ORDER BY n DESC LIMIT 1 OFFSET {int(limit) - 1}), 1)"
        )
        limited = f" LIMIT {int(limit)}"
    return (
        f"SELECT '{facet}', x.* FROM (SELECT t.{value}, t.{label}, s.n, "
        f"ROW_NUMBER() OVER (ORDER BY s.n DESC, t.{order}, t.id) AS position FROM {TABLE} s "
        f"JOIN {table} t ON t.id = CAST(CASE WHEN s.facet = '{facet}' THEN s.item END AS INTEGER) "
        f"WHERE s.facet = '{facet}' AND s.n > 0 AND s.n >= {floor} "
        f"ORDER BY s.n DESC, t.{order}, t.id{limited}) x"
    )


def summary_sql(limits):
    """One query: the totals, the number of officials, and each facet of `limits` (its limit)."""
    parts = [
        f"SELECT 'total', facet, facet, n, 0 FROM {TABLE} WHERE facet IN "
        f"({', '.join(repr(name) for name in TOTALS)})",
        *(
            f"SELECT 'total', '{total}', '{total}', n, 0 FROM {TABLE} "
            f"WHERE facet = '{counter(facet)}'"
            for total, facet in CITED.items()
        ),
    ]
    for facet, limit in limits.items():
        if facet == "kind":
            parts.append(
                f"SELECT 'kind', item, item, n, ROW_NUMBER() OVER (ORDER BY n DESC, item) "
                f"FROM {TABLE} WHERE facet = 'kind' AND n > 0"
            )
        elif facet == "year":
            parts.append(
                f"SELECT 'year', item, item, n, "
                f"ROW_NUMBER() OVER (ORDER BY CAST(item AS INTEGER) DESC) "
                f"FROM {TABLE} WHERE facet = 'year' AND n > 0"
            )
        elif facet == "timeline":
            parts.append(
                f"SELECT 'timeline', item, item, n, 0 FROM {TABLE} "
                f"WHERE facet = 'timeline' AND n > 0"
            )
        else:
            parts.append(top_sql(facet, limit))
    return " UNION ALL ".join(parts)


def read_summary(limits):
    """
    {"total": {"meetings": n, "agencies": n, "topics": n, "officials": n, "sources": n},
    "topic": [(slug, name, n)], "official": [...], "party": [(code, name, n)], "country":
    [...], "kind": [(kind, n)], "year": [(year, n)], "timeline": [(year, month, precision, n)]
    of the dated meetings, as pictures.data.timeline_rows gives them}:
    the facets asked for in `limits`, most frequent first, ties by name (years newest first).
    """
    with connection.cursor() as cursor:
        cursor.execute(summary_sql(limits))
        found = cursor.fetchall()
    groups = {"total": dict.fromkeys([*TOTALS, *CITED], 0)}
    groups.update({facet: [] for facet in limits})
    for facet, value, label, n, _ in sorted(found, key=lambda row: (row[0], row[4])):
        if facet == "total":
            groups["total"][value] = n
        elif facet == "kind":
            groups["kind"].append((value, n))
        elif facet == "year":
            groups["year"].append((int(value), n))
        elif facet == "timeline":
            groups["timeline"].append(timeline_row(value, n))
        else:
            groups[facet].append((value, label, n))
    return groups


def home_figures(limit):
    """(counts, top topics, top officials) of the home page."""
    groups = read_summary({"topic": limit, "official": limit})
    return groups["total"], groups["topic"], groups["official"]


def whole_list(limit):
    """
    (count, groups as aggregates.facet_groups gives them, the timeline's too) of every
    published meeting.
    """
    # As facet_groups: the most frequent topics, officials and parties; every country, kind,
    # year and month.
    limits = {"topic": limit, "official": limit, "party": limit}
    everything = dict.fromkeys(["country", "kind", "year", "timeline"])
    groups = read_summary({**limits, **everything})
    return groups["total"]["meetings"], groups


def official_timeline(official_id):
    """
    [(year, month, precision, n)] of the published dated meetings an official took part in
    (personal.py), as pictures.data.timeline_rows gives them.
    """
    facet = f"{personal.TIMELINE}{int(official_id)}"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT item, n FROM {TABLE} WHERE facet = %s AND n > 0", [facet])
        return [timeline_row(item, n) for item, n in cursor.fetchall()]


def timeline_row(item, n):
    """(year, month, precision, n) of a timeline item: "2018-05 day"."""
    month, precision = item.split(" ")
    year, month = month.split("-")
    return (int(year), int(month), precision, n)


def scope_of(sides):
    """(the scope's name, the condition on the summary row counting its meetings)."""
    scope = ":".join(str(side) for side in sorted(sides))
    if len(sides) == 1:
        return scope, f"facet = 'party' AND item = '{sides[0]}'"
    return scope, f"facet = 'partner:{sides[0]}' AND item = '{sides[1]}'"


def timeline_parts(timeline, count):
    """A count (`count`: the condition on its row), every meeting's, a `timeline` facet's rows."""
    return [
        f"SELECT 'count', '', '', n, 0 FROM {TABLE} WHERE {count}",
        f"SELECT 'total', '', '', n, 0 FROM {TABLE} WHERE facet = 'meetings'",
        timeline_part(timeline),
    ]


def timeline_part(timeline):
    """The rows of a `timeline` facet, tagged as the figures' queries read them."""
    return f"SELECT 'timeline', item, '', n, 0 FROM {TABLE} WHERE facet = '{timeline}' AND n > 0"


def scope_sql(sides, partners, sent):
    """party_figures()'s query: its parts tagged, each (tag, value, label, n, position)."""
    sides = [int(side) for side in sides]
    scope, count = scope_of(sides)
    if len(sides) == 1:
        senders = {sides[0]: f"sent:{sides[0]}"}
    else:
        senders = {side: f"sent:{side}:{other}" for side, other in (sides, sides[::-1])}
    topics = f"topics:{scope}"
    parts = [
        *timeline_parts(f"timeline:{scope}", count),
        # A topics item is "YYYY <topic id>": the year four digits, the id from the sixth on.
        f"SELECT 'topics', t.slug, t.name, s.n, CAST(substr(s.item, 1, 4) AS INTEGER) "
        f"FROM {TABLE} s JOIN meetings_topic t ON t.id = "
        f"CAST(CASE WHEN s.facet = '{topics}' THEN substr(s.item, 6) END AS INTEGER) "
        f"WHERE s.facet = '{topics}' AND s.n > 0",
        *(top_sql(facet, sent, names="official") for facet in senders.values()),
    ]
    if len(sides) == 1:
        parts.append(top_sql(f"partner:{sides[0]}", partners, names="party"))
    return " UNION ALL ".join(parts), senders


def party_figures(sides, partners, sent):
    """
    What the page of one country (`sides`: [id]) or of a pair ([id, id]) shows of their
    published meetings, in one query: {"count": n, "total": every published meeting, "timeline": [(year, month, precision,
    n)], "topic_years": [(slug, name, year, n)], "sent": {side: [(slug, name, n)]} (each
    side's `sent` officials in most of them), "partners": [(code, name, n)] (one country's
    `partners` most frequent other sides)}.
    """
    sql, senders = scope_sql(sides, partners, sent)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        found = cursor.fetchall()
    figures = {"count": 0, "total": 0, "timeline": [], "topic_years": [], "partners": []}
    figures["sent"] = {side: [] for side in senders}
    side_of = {facet: side for side, facet in senders.items()}
    for tag, value, label, n, position in sorted(found, key=lambda row: (row[0], row[4])):
        if tag in ("count", "total"):
            figures[tag] = n
        elif tag == "timeline":
            figures["timeline"].append(timeline_row(value, n))
        elif tag == "topics":
            figures["topic_years"].append((value, label, position, n))
        elif tag in side_of:
            figures["sent"][side_of[tag]].append((value, label, n))
        else:
            figures["partners"].append((value, label, n))
    return figures


def party_timeline(sides):
    """
    {"count": the published meetings of one country or a pair (`sides`: [id] or [id, id]),
    "total": every published meeting, "timeline": [(year, month, precision, n)], "day": how
    many of theirs are known to the day}: what a list or calendar of theirs alone counts.
    """
    scope, count = scope_of([int(side) for side in sides])
    return counted_timeline(f"timeline:{scope}", count)


def topic_figures(topic_id, officials):
    """
    {"timeline": [(year, month, precision, n)], "officials": [(slug, name, n)]} of a topic's
    published meetings, in one query: its meetings by month, and the `officials` taking part
    in most of them (topical.py's rows).
    """
    topic_id = int(topic_id)
    parts = [
        timeline_part(f"{TIMELINE}{topic_id}"),
        top_sql(f"{OFFICIALS}{topic_id}", officials, names="official"),
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        found = cursor.fetchall()
    figures = {"timeline": [], "officials": []}
    for tag, value, label, n, _position in sorted(found, key=lambda row: (row[0], row[4])):
        if tag == "timeline":
            figures["timeline"].append(timeline_row(value, n))
        else:
            figures["officials"].append((value, label, n))
    return figures


def topic_timeline(topic_id):
    """party_timeline()'s figures for one topic's published meetings."""
    topic_id = int(topic_id)
    return counted_timeline(f"{TIMELINE}{topic_id}", f"facet = 'topic' AND item = '{topic_id}'")


def whole_counted_timeline():
    """party_timeline()'s figures for every published meeting."""
    return counted_timeline("timeline", "facet = 'meetings'")


def counted_timeline(timeline, count):
    sql = " UNION ALL ".join(timeline_parts(timeline, count))
    with connection.cursor() as cursor:
        cursor.execute(sql)
        found = cursor.fetchall()
    figures = {"count": 0, "total": 0, "timeline": []}
    for tag, value, _label, n, _position in found:
        if tag == "timeline":
            figures["timeline"].append(timeline_row(value, n))
        else:
            figures[tag] = n
    figures["day"] = sum(
        n for _year, _month, precision, n in figures["timeline"] if precision == "day"
    )
    return figures


def with_meeting_counts(queryset, facet):
    """
    `queryset` (topics, officials or sources) with `meeting_count`: the published meetings
    each record counts for, read from its summary row (`facet`, its id) through the unique
    (facet, item) index, rather than grouped from every link per request (the officials'
    list at 100,000 meetings on SQLite: 1,100 ms).
    """
    row = SummaryCount.objects.filter(facet=facet, item=Cast(OuterRef("pk"), CharField()))
    return queryset.annotate(meeting_count=Coalesce(Subquery(row.values("n")[:1]), 0))


def cited_sources_count():
    """How many sources a published meeting cites (Source.objects.published().count())."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT n FROM {TABLE} WHERE facet = '{counter(CITED['sources'])}'")
        found = cursor.fetchone()
    return found[0] if found else 0
