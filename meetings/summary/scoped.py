"""
The summary rows within one country's meetings or one pair's: what a country's page
(/countries/MX/) and a relationship's page (/countries/MX/US/) show, kept by the same
triggers as the whole collection's rows (triggers.py), so that neither page groups tens of
thousands of meetings on each request.

A meeting's *scopes* are its sides (the countries of its participants and delegations), each
alone ("12") and each pair of them, the smaller id first ("12:34"). For each scope:

* "timeline:<scope>", item "YYYY-MM precision": the published dated meetings by month;
* "topics:<scope>", item "YYYY <topic id>": their topic links by year;

and for each side:

* "partner:<side>", item "<other side>": the published meetings of both sides;
* "sent:<side>", item "<official id>": the side's participations in published meetings, and
  "sent:<side>:<other side>" those in meetings where the other side took part too.

Each function gives (facet, item, source, condition) tuples, one per kind of count, that
triggers.change_each() turns into statements. The meeting comes first in each source, as
a CROSS JOIN, which SQLite takes as the order of the loops: left to its own choice, with no
statistics yet (a bulk load into a new database), it read every meeting for each scope. A side *arrives* at a meeting with its first
participant or delegation (and leaves with its last): then every scope pairing it with the
meeting's other sides moves, and so do the pairs' counts of the officials already there.
"""

MEETING = "meetings_meeting"
PARTICIPATION = "meetings_participation"
DELEGATION = "meetings_delegation"
TOPIC_LINK = "meetings_meeting_topics"
SIDE_TABLES = (PARTICIPATION, DELEGATION)
LIVE = "'published'"
# Every side of every meeting (meeting_id, side_id), for the recount.
ALL_SIDES = " UNION ".join(f"SELECT meeting_id, side_id FROM {table}" for table in SIDE_TABLES)


def text(column):
    return f"CAST({column} AS TEXT)"


def pair(a, b):
    """The scope of two sides (id columns), the smaller first."""
    return (
        f"CASE WHEN {a} < {b} THEN {text(a)} || ':' || {text(b)} "
        f"ELSE {text(b)} || ':' || {text(a)} END"
    )


def month(vendor, meeting):
    if vendor == "postgresql":
        return f"to_char({meeting}.date, 'YYYY-MM') || ' ' || {meeting}.date_precision"
    return f"substr({meeting}.date, 1, 7) || ' ' || {meeting}.date_precision"


def year_topic(vendor, meeting, link):
    """ "1998 17": the meeting's year (four digits) and the link's topic id."""
    year = (
        f"to_char({meeting}.date, 'YYYY')"
        if vendor == "postgresql"
        else f"strftime('%Y', {meeting}.date)"
    )
    return f"{year} || ' ' || {text(f'{link}.topic_id')}"


def dated(meeting):
    return f"{meeting}.status = {LIVE} AND {meeting}.date IS NOT NULL"


def differs(vendor):
    """The null-safe "differs from" (a new row's id may still be null in its trigger)."""
    return "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"


def sides(vendor, meeting, unlike="", without=None):
    """
    SQL of side_id: the sides of the meeting whose id is `meeting`, but `unlike` (a side id
    column), leaving out the row `without` (table, row): a trigger's own, which an update
    still finds in its table under its old values.
    """
    parts = []
    for table in SIDE_TABLES:
        where = f"o.meeting_id = {meeting}"
        where += f" AND o.side_id <> {unlike}" if unlike else ""
        if without and without[0] == table:
            where += f" AND o.id {differs(vendor)} {without[1]}.id"
        parts.append(f"SELECT o.side_id FROM {table} o WHERE {where}")
    return " UNION ".join(parts)


def scopes(vendor, meeting):
    """SQL of scope: the sides of the meeting whose id is `meeting`, alone and in pairs."""
    found = sides(vendor, meeting)
    return (
        f"SELECT {text('a.side_id')} AS scope FROM ({found}) a UNION ALL "
        f"SELECT {pair('a.side_id', 'b.side_id')} FROM ({found}) a JOIN ({found}) b "
        f"ON a.side_id < b.side_id"
    )


def sent_facets(participation, other="b.side_id"):
    """The facets counting a participation's official: its side's, its side's with `other`'s."""
    side = text(f"{participation}.side_id")
    return f"'sent:' || {side}", f"'sent:' || {side} || ':' || {text(other)}"


def meeting_changes(vendor, row):
    """What a meeting (`row`: OLD or NEW) counts for in each scope while published."""
    here, live = f"{row}.id", f"{row}.status = {LIVE}"
    alone_facet, paired_facet = sent_facets("p")
    participations = f"{PARTICIPATION} p"
    return [
        ("'timeline:' || sc.scope", month(vendor, row), f"({scopes(vendor, here)}) sc", dated(row)),
        (
            "'topics:' || sc.scope",
            year_topic(vendor, row, "l"),
            f"({scopes(vendor, here)}) sc JOIN {TOPIC_LINK} l ON l.meeting_id = {here}",
            dated(row),
        ),
        (
            f"'partner:' || {text('a.side_id')}",
            text("b.side_id"),
            f"({sides(vendor, here)}) a JOIN ({sides(vendor, here)}) b ON a.side_id <> b.side_id",
            live,
        ),
        (alone_facet, text("p.official_id"), participations, f"p.meeting_id = {here} AND {live}"),
        (
            paired_facet,
            text("p.official_id"),
            f"{participations} JOIN ({sides(vendor, here)}) b ON b.side_id <> p.side_id",
            f"p.meeting_id = {here} AND {live}",
        ),
    ]


def topic_link_changes(vendor, row):
    """A topic link of a published dated meeting: its year and topic in each scope."""
    return [
        (
            "'topics:' || sc.scope",
            year_topic(vendor, "m", row),
            f"{MEETING} m CROSS JOIN ({scopes(vendor, f'{row}.meeting_id')}) sc",
            f"m.id = {row}.meeting_id AND {dated('m')}",
        )
    ]


def alone(vendor, table, row):
    """Whether `row` is the only one putting its side in its meeting (itself left out)."""
    found = []
    for other in SIDE_TABLES:
        itself = f" AND o.id {differs(vendor)} {row}.id" if other == table else ""
        found.append(
            f"NOT EXISTS (SELECT 1 FROM {other} o WHERE o.meeting_id = {row}.meeting_id "
            f"AND o.side_id = {row}.side_id{itself})"
        )
    return " AND ".join(found)


def participant_changes(vendor, row):
    """A participation's official, for its side alone and with each of the meeting's others."""
    meeting, side = f"{row}.meeting_id", f"{row}.side_id"
    others = f"({sides(vendor, meeting, side, (PARTICIPATION, row))}) b"
    live = f"m.id = {meeting} AND m.status = {LIVE}"
    alone_facet, paired_facet = sent_facets(row)
    return [
        (alone_facet, text(f"{row}.official_id"), f"{MEETING} m", live),
        (paired_facet, text(f"{row}.official_id"), f"{MEETING} m CROSS JOIN {others}", live),
    ]


def arrival_changes(vendor, table, row):
    """
    A side's first (or last) row in a published meeting: the scopes it makes with the
    meeting's other sides b, the partners, and the officials of the others now in the pair.
    """
    meeting, side = f"{row}.meeting_id", f"{row}.side_id"
    others = f"({sides(vendor, meeting, side, (table, row))}) b"
    arrives = f"{alone(vendor, table, row)} AND m.id = {meeting}"
    live, on_date = f"{arrives} AND m.status = {LIVE}", f"{arrives} AND {dated('m')}"
    scoped = (
        f"{MEETING} m CROSS JOIN (SELECT {text(side)} AS scope UNION ALL "
        f"SELECT {pair(side, 'b.side_id')} FROM {others}) sc"
    )
    with_others = f"{MEETING} m CROSS JOIN {others}"
    itself = f" AND q.id {differs(vendor)} {row}.id" if table == PARTICIPATION else ""
    _, paired_facet = sent_facets("q", other=side)
    return [
        ("'timeline:' || sc.scope", month(vendor, "m"), scoped, on_date),
        (
            "'topics:' || sc.scope",
            year_topic(vendor, "m", "l"),
            f"{scoped} JOIN {TOPIC_LINK} l ON l.meeting_id = m.id",
            on_date,
        ),
        (f"'partner:' || {text(side)}", text("b.side_id"), with_others, live),
        (f"'partner:' || {text('b.side_id')}", text(side), with_others, live),
        (
            paired_facet,
            text("q.official_id"),
            f"{MEETING} m JOIN {PARTICIPATION} q ON q.meeting_id = m.id "
            f"AND q.side_id <> {side}{itself}",
            live,
        ),
    ]


def recount_changes(vendor):
    """Every scoped count, from all the records (the sides of every meeting: `s`)."""
    every = f"({ALL_SIDES})"
    scoped = (
        f"(SELECT meeting_id, {text('side_id')} AS scope FROM {every} s UNION ALL "
        f"SELECT a.meeting_id, {pair('a.side_id', 'b.side_id')} FROM {every} a JOIN {every} b "
        f"ON b.meeting_id = a.meeting_id AND a.side_id < b.side_id) sc "
        f"JOIN {MEETING} m ON m.id = sc.meeting_id"
    )
    live = f"m.status = {LIVE}"
    alone_facet, paired_facet = sent_facets("p")
    participations = f"{PARTICIPATION} p JOIN {MEETING} m ON m.id = p.meeting_id"
    return [
        ("'timeline:' || sc.scope", month(vendor, "m"), scoped, dated("m")),
        (
            "'topics:' || sc.scope",
            year_topic(vendor, "m", "l"),
            f"{scoped} JOIN {TOPIC_LINK} l ON l.meeting_id = m.id",
            dated("m"),
        ),
        (
            f"'partner:' || {text('a.side_id')}",
            text("b.side_id"),
            f"{every} a JOIN {every} b ON b.meeting_id = a.meeting_id AND a.side_id <> b.side_id "
            f"JOIN {MEETING} m ON m.id = a.meeting_id",
            live,
        ),
        (alone_facet, text("p.official_id"), participations, live),
        (
            paired_facet,
            text("p.official_id"),
            f"{participations} JOIN {every} b ON b.meeting_id = p.meeting_id "
            f"AND b.side_id <> p.side_id",
            live,
        ),
    ]
