"""
"Who or what comes up most" among a set of meetings, in one query that stays cheap at
100,000 meetings: top_linked() for officials or topics, facet_groups() for a list's five
facets at once, and on PostgreSQL published_facet_groups() for a search's or an official's
facets, read from the meetings' search rows.

Grouping the link rows by the official's (or topic's) slug and name, as
`.values_list("official__slug", ...).annotate(Count(...))` does, joins every link row to its
official and groups by text. Here the link rows are grouped by the official's id first, and
only the groups are joined to the names: the same rows, in the same order, in half the time
or less (500 ms to 200 ms on SQLite, 240 ms to 95 ms on PostgreSQL, for the official facet
of every published meeting).
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Concat

from .functions import Year, YearMonth
from .models import Country, Delegation, Meeting, Official, Participation, Topic
from .search import TABLE as SEARCH_TABLE
from .search import document_matches
from .summary.read import timeline_row

# The groups facet_groups() gives, all of them unless asked for fewer.
FACETS = ("topic", "official", "party", "country", "kind", "year")
# The groups that keep their `limit` most frequent (the one parameter of their SQL).
LIMITED = {"topic", "official", "party"}
# The officials' counts (target_id, n) among the participants that grouped() reads once.
PARTICIPANTS_COUNTED = (
    "SELECT official_id AS target_id, COUNT(*) AS n FROM participants GROUP BY official_id"
)

# For each kind of "who or what": the link table, its column, the linked model, the tie-break.
LINKED = {
    "official": (Participation, "official_id", Official, "sort_name"),
    "topic": (Meeting.topics.through, "topic_id", Topic, "name"),
}


def linked_sql(kind, meetings_sql):
    """
    SQL for the `limit` (its one parameter, last) officials or topics linked to most of the
    meeting ids `meetings_sql` selects: value (slug), label (name), n, and their position.
    """
    link, column, *_ = LINKED[kind]
    counts = (
        f"SELECT {column} AS target_id, COUNT(*) AS n FROM {link._meta.db_table} "
        f"WHERE meeting_id IN ({meetings_sql}) GROUP BY {column}"
    )
    return named_sql(kind, counts)


def named_sql(kind, counts_sql):
    """linked_sql() with the counts (target_id, n) selected by `counts_sql`."""
    _, _, target, order = LINKED[kind]
    return (
        f"SELECT t.slug AS value, t.name AS label, g.n AS n, "
        f"ROW_NUMBER() OVER (ORDER BY g.n DESC, t.{order}, t.id) AS position "
        f"FROM ({counts_sql}) g JOIN {target._meta.db_table} t ON t.id = g.target_id "
        f"ORDER BY g.n DESC, t.{order}, t.id LIMIT %s"
    )


def top_linked(kind, meetings, limit):
    """
    [(slug, name, count)] of the `limit` officials (kind "official") or topics ("topic")
    linked to most of `meetings` (a queryset of meeting ids), the most frequent first, ties
    by sort name (officials) or name (topics).
    """
    try:
        ids_sql, ids_params = meetings.order_by().query.sql_with_params()
    except EmptyResultSet:  # Django knows there are none (an empty list of ids, say)
        return []
    with connection.cursor() as cursor:
        cursor.execute(linked_sql(kind, ids_sql), [*ids_params, limit])
        return [(value, label, n) for value, label, n, _ in cursor.fetchall()]


def facet_groups(meetings, limit, many=False, at_most=None, facets=FACETS, count_most=None):
    """
    How `meetings` (a queryset) divide by topic, official, party, country, kind and year, in
    one query: {"topic": [(slug, name, count)], "official": [...], "party": [(code, name,
    count)], "country": [(code, name, count)], "kind": [(kind, count)], "year": [(year,
    count)]}, the most frequent first, ties by name (topics and officials: the `limit` most
    frequent; years: newest first).

    The meetings are found once, in a common table expression that the database keeps for
    the five groupings (it is read more than once, so PostgreSQL and SQLite both materialize
    it), rather than by five queries each finding them again: for a search, its documents are
    read once instead of five times. With `many` meetings (tens of thousands), PostgreSQL is
    told to plan each grouping with the meetings' query inlined instead: it cannot estimate
    the size of a materialized set and would join it row by row (1 s instead of 0.3 s for
    100,000 meetings).

    With `at_most`, the same query also counts the meetings ("count": n) and groups them
    only if there are at most that many (otherwise the five groups are empty): a filtered
    list needs its count anyway, and its meetings are then found once, not twice. Only the
    groups named in `facets` are computed, the others left empty; "timeline" adds the
    meetings by month, as timeline_rows() gives them, whatever their number up to
    `count_most`: beyond, the count stops at count_most + 1 and nothing is grouped.
    """
    month = Concat(YearMonth("date"), Value(" "), "date_precision")  # "2018-05 day"
    rows = meetings.order_by().annotate(facet_year=Year("date"), timeline_item=month)
    try:
        matched_sql, matched_params = rows.values_list(
            "pk", "kind", "country_id", "facet_year", "timeline_item"
        ).query.sql_with_params()
    except EmptyResultSet:  # Django knows there are none (an empty list of ids, say)
        return no_groups(at_most, facets)
    inline = "NOT MATERIALIZED" if many and connection.vendor == "postgresql" else ""
    matched = f"matched (id, kind, country_id, year, timeline_item) AS {inline} ({matched_sql})"

    def linked(kind, gate):
        if kind == "official":  # grouped's participants, already gated
            return named_sql(kind, PARTICIPANTS_COUNTED)
        return linked_sql(kind, f"SELECT id FROM matched WHERE {gate}")

    return grouped(matched, matched_params, linked, limit, at_most, facets, count_most)


# The columns of a meeting's search row that hold its topics' and participants' ids.
SEARCH_ROW_IDS = {"topic": "topic_ids", "official": "official_ids"}


def published_facet_groups(
    limit, at_most=None, search=None, official=None, facets=FACETS, count_most=None
):
    """
    PostgreSQL only: facet_groups() of the published meetings, of those matching `search`
    (a search.Query) or of those an official (`official`, an id) took part in, read from
    the meetings' search rows alone. Each row carries its meeting's kind, country and year
    and its topics' and participants' ids (migration 0005), so no other table is read: a
    search's documents and facts come from the same rows, an official's meetings from the
    index of participants' ids.
    """
    where, params = published_rows(search, official)
    matched = (
        "matched AS (SELECT meeting_id AS id, kind, country_id, year, topic_ids, official_ids, "
        f"timeline_item FROM {SEARCH_TABLE} WHERE {where})"
    )

    def linked(kind, gate):
        counts = (
            f"SELECT target_id, COUNT(*) AS n FROM matched, unnest({SEARCH_ROW_IDS[kind]}) "
            f"AS target_id WHERE {gate} GROUP BY target_id"
        )
        return named_sql(kind, counts)

    return grouped(matched, params, linked, limit, at_most, facets, count_most)


def published_rows(search=None, official=None):
    """
    The condition (sql, params) on the search rows of the published meetings, of those
    matching `search` (a query of no words matches every meeting, as search_meetings() has
    it) or of those an official (`official`, an id) took part in.
    """
    # Written "IS TRUE" unless the official's index is wanted: PostgreSQL reads the partial
    # index of participants' ids (WHERE published) to find the published rows when it may,
    # and for a search's matches that took 180 of 250 ms at 1,000,000 meetings.
    conditions, params = ["published" if official is not None else "published IS TRUE"], []
    if search:
        condition, condition_params = document_matches(search)
        conditions.append(condition)
        params.extend(condition_params)
    if official is not None:
        conditions.append("official_ids @> ARRAY[%s]::bigint[]")
        params.append(official)
    return " AND ".join(conditions), params


def parties_sql(gate):
    """
    The `limit` parties (its one parameter) whose officials took part in most of the
    matched meetings, named (grouped's `participants`) or in unnamed delegations.
    """
    sides = (
        f"SELECT meeting_id, side_id FROM participants UNION "
        f"SELECT meeting_id, side_id FROM {Delegation._meta.db_table} "
        f"WHERE meeting_id IN (SELECT id FROM matched WHERE {gate})"
    )
    return (
        f"SELECT c.code, c.name, g.n, ROW_NUMBER() OVER (ORDER BY g.n DESC, c.name) "
        f"FROM (SELECT side_id, COUNT(*) AS n FROM ({sides}) s GROUP BY side_id) g "
        f"JOIN {Country._meta.db_table} c ON c.id = g.side_id ORDER BY g.n DESC, c.name LIMIT %s"
    )


def no_groups(at_most, facets=FACETS):
    groups = {name: [] for name in (*FACETS, *facets)}
    if at_most is not None:
        groups["count"] = 0
    return groups


def grouped(matched, matched_params, linked, limit, at_most, facets=FACETS, count_most=None):
    """
    facet_groups() of the meetings of the common table expression `matched` (id, kind,
    country_id, year, timeline_item), the topics and officials grouped by the SQL that
    `linked`(kind, condition) writes. With `at_most`, they are counted (total_sql()).

    Their participations are read once, into `participants` (meeting_id, official_id,
    side_id), for the officials (what `linked` may read) and the parties alike: read twice,
    they took 38 of the 91 ms a list of 4,292 meetings took at 100,000 on PostgreSQL.
    """
    gate, counted = "TRUE", ""
    if at_most is not None:
        counted = total_sql(count_most)
        # An uncorrelated condition, evaluated once: when false, no grouping reads a row.
        gate = f"(SELECT n FROM total) <= {int(at_most)}"
    if "timeline" in facets:
        counted += months_sql(count_most if at_most is not None else None)
    participants = (
        f", participants AS (SELECT meeting_id, official_id, side_id "
        f"FROM {Participation._meta.db_table} "
        f"WHERE {gate} AND meeting_id IN (SELECT id FROM matched))"
    )
    parts = groups_sql(linked, gate, facets)
    sql = f"WITH {matched}{counted}{participants} {parts}"
    if at_most is not None:
        sql += " UNION ALL SELECT 'count', NULL, NULL, n, 1 FROM total"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*matched_params, *[limit] * len(set(facets) & LIMITED)])
        return read_groups(cursor.fetchall(), no_groups(at_most, facets))


def total_sql(count_most=None):
    """
    The common table `total` (n): how many meetings `matched` holds, counted no further than
    `count_most` + 1 when given (PostgreSQL reads a common table only as far as asked).
    """
    limit = "" if count_most is None else f" LIMIT {int(count_most) + 1}"
    return f", total (n) AS (SELECT COUNT(*) FROM (SELECT id FROM matched{limit}) counted)"


def months_sql(count_most=None):
    """
    The common table `months` (item, n): the meetings of `matched` by timeline_item, the
    undated ones under NULL; none at all when `total` passes `count_most`.
    """
    item = "CASE WHEN year IS NULL THEN NULL ELSE timeline_item END"
    within = "TRUE" if count_most is None else f"(SELECT n FROM total) <= {int(count_most)}"
    return (
        f", months (item, n) AS (SELECT {item}, COUNT(*) FROM matched "
        f"WHERE {within} GROUP BY {item})"
    )


def groups_sql(linked, gate, facets):
    """
    The UNION of the rows (facet, value, label, count, rank) of each of `facets`, in this
    order, under `gate`: those in LIMITED take the `limit` as their one parameter. The
    timeline is read from the common table `months` (months_sql()), which has its own bound.
    """
    parts = {
        "topic": f"SELECT 'topic', topics.* FROM ({linked('topic', gate)}) topics",
        "official": f"SELECT 'official', officials.* FROM ({linked('official', gate)}) officials",
        "party": f"SELECT 'party', parties.* FROM ({parties_sql(gate)}) parties",
        "country": f"""SELECT 'country', c.code, c.name, g.n,
            ROW_NUMBER() OVER (ORDER BY g.n DESC, c.name)
            FROM (
                SELECT country_id, COUNT(*) AS n FROM matched
                WHERE country_id IS NOT NULL AND {gate} GROUP BY country_id
            ) g JOIN {Country._meta.db_table} c ON c.id = g.country_id""",
        "kind": f"""SELECT 'kind', kind, kind, COUNT(*), ROW_NUMBER() OVER (ORDER BY COUNT(*) DESC, kind)
            FROM matched WHERE {gate} GROUP BY kind""",
        "year": f"""SELECT 'year', CAST(year AS TEXT), CAST(year AS TEXT), COUNT(*),
            ROW_NUMBER() OVER (ORDER BY year DESC)
            FROM matched WHERE year IS NOT NULL AND {gate} GROUP BY year""",
        # By month and date precision, "2018-05 day", as the summary rows' timelines.
        "timeline": "SELECT 'timeline', item, '', n, 0 FROM months WHERE item IS NOT NULL",
    }
    return " UNION ALL ".join(parts[facet] for facet in facets)


def read_groups(found, groups):
    """`groups` filled from the rows groups_sql() gives, each group in its own order."""
    # A UNION does not promise to keep the order of its parts.
    for facet, value, label, count, _ in sorted(found, key=lambda row: (row[0], row[4])):
        if facet == "count":
            groups[facet] = count
        elif facet == "kind":
            groups[facet].append((value, count))
        elif facet == "year":
            groups[facet].append((int(value), count))
        elif facet == "timeline":
            groups[facet].append(timeline_row(value, count))
        else:
            groups[facet].append((value, label, count))
    return groups
