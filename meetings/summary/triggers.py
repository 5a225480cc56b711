"""
The SQL that keeps the summary rows exact: pure functions from a database vendor to SQL text
(no connection needed), one set of statements for SQLite and PostgreSQL alike.

Every trigger is a row-level BEFORE trigger: it sees the rows written earlier by the same
statement but not its own row (on PostgreSQL, AFTER row triggers of a multi-row insert all
run at the end, each seeing every row, so "is this the first participant of that side?"
could not be answered). A decrement only updates a row that is there: after a flush or a
restore has emptied the summary table first, the deletions that follow leave it empty, and
never leave negative rows behind. Increments insert the row when it is missing.

What each table's writes change:

* a meeting: "meetings", "kind", "country", "year" and its month and date precision
  ("timeline", what the list's timeline draws) while it is published; when it becomes
  published (or stops being, or is deleted while published), all its topic links,
  participations and sides at once, and so when it is inserted published after its links
  (a bulk load that numbers its rows first, as generate_meetings does: the foreign keys are
  checked at the commit);
* a topic link, a participation or a source link of a published meeting: its topic,
  official or source (a source is public while a published meeting cites it);
* a participation or a delegation of a published meeting: its side, when it is the first
  (or the last) row of that meeting on that side;
* an agency, a topic: the whole table's count;
* and, within each side's and each pair's meetings, what scoped.py describes; within each
  topic's, what topical.py does; within each official's, what personal.py does.
"""

from . import cited, personal, scoped, topical
from .scoped import month as timeline_sql  # "2018-05 day": a meeting's month and precision

TABLE = "meetings_summarycount"
DELTA = "meetings_summarydelta"  # PostgreSQL: the changes of the statement under way
MEETING = "meetings_meeting"
PARTICIPATION = "meetings_participation"
DELEGATION = "meetings_delegation"
TOPIC_LINK = "meetings_meeting_topics"
SOURCE_LINK = "meetings_meeting_sources"
PUBLISHED = "'published'"

# (table, facet) of the links counted one by one: the column holding the linked id.
LINKS = {
    "topic": (TOPIC_LINK, "topic_id"),
    "official": (PARTICIPATION, "official_id"),
    "source": (SOURCE_LINK, "source_id"),
}
# The whole tables counted, by facet.
TABLE_COUNTS = {"agencies": "meetings_agency", "topics": "meetings_topic"}
# Watched by the summary's first version (migration 0010), no longer.
UNWATCHED = ("meetings_source",)
# The meetings' columns whose change moves a summary row.
MEETING_COLUMNS = ("status", "kind", "country_id", "date", "date_precision")


def year_sql(vendor, column):
    """The year of a date column, as text."""
    if vendor == "postgresql":
        return f"CAST(CAST(EXTRACT(YEAR FROM {column}) AS integer) AS TEXT)"
    return f"CAST(CAST(strftime('%Y', {column}) AS integer) AS TEXT)"


def change(vendor, facet, item, sign, condition="TRUE", n="1", source="", group=""):
    """
    +n (sign 1) or -n (sign -1) to (facet, item), for each row `source` gives (one without
    it) where `condition` holds. On SQLite, straight into the summary rows (a decrement
    only where the row is there); on PostgreSQL, into the deltas folded once per statement
    (fold_sql: a row updated thousands of times in one transaction, as by a bulk load,
    leaves a chain of versions each update walks).
    """
    source = f" FROM {source}" if source else ""
    group = f" GROUP BY {group}" if group else ""
    if vendor == "postgresql":
        amount = n if sign > 0 else f"-({n})"
        return (
            f"INSERT INTO {DELTA} (facet, item, n) SELECT '{facet}', {item}, {amount}{source} "
            f"WHERE {condition}{group};"
        )
    if sign > 0:
        return (
            f"INSERT INTO {TABLE} (facet, item, n) SELECT '{facet}', {item}, {n}{source} "
            f"WHERE {condition}{group} "
            f"ON CONFLICT (facet, item) DO UPDATE SET n = {TABLE}.n + excluded.n;"
        )
    return (
        f"UPDATE {TABLE} SET n = n - (SELECT {n}{source} WHERE {condition} "
        f"AND {item} = {TABLE}.item{group}) "
        f"WHERE facet = '{facet}' AND item IN (SELECT {item}{source} WHERE {condition});"
    )


def change_each(vendor, facet, item, source, condition, sign):
    """
    +1 (sign 1) or -1 to (facet, item), both SQL expressions, for each row of `source` (what
    follows FROM) where `condition` holds, grouped: the scoped counts (scoped.py).
    """
    rows = f"FROM {source} WHERE {condition}"
    if vendor == "postgresql":
        amount = "COUNT(*)" if sign > 0 else "-COUNT(*)"
        return f"INSERT INTO {DELTA} (facet, item, n) SELECT {facet}, {item}, {amount} {rows} GROUP BY 1, 2;"
    if sign > 0:
        return (
            f"INSERT INTO {TABLE} (facet, item, n) SELECT {facet}, {item}, COUNT(*) {rows} "
            f"GROUP BY 1, 2 ON CONFLICT (facet, item) DO UPDATE SET n = {TABLE}.n + excluded.n;"
        )
    return (
        f"UPDATE {TABLE} SET n = n - (SELECT COUNT(*) {rows} AND {facet} = {TABLE}.facet "
        f"AND {item} = {TABLE}.item) WHERE (facet, item) IN (SELECT {facet}, {item} {rows});"
    )


def scoped_groups(vendor, table, row):
    """
    [(guard, [(facet, item, source, condition)])]: what a row of `table` counts for in
    scoped.py's rows, in groups that count nothing unless their guard (SQL) holds.
    """
    live = published(row) if table != MEETING else f"{row}.status = {PUBLISHED}"
    if table == MEETING:
        changes = scoped.meeting_changes(vendor, row) + topical.meeting_changes(vendor, row)
        return [(live, changes + personal.meeting_changes(vendor, row))]
    if table == TOPIC_LINK:
        changes = scoped.topic_link_changes(vendor, row)
        return [(live, changes + topical.topic_link_changes(vendor, row))]
    if table not in (PARTICIPATION, DELEGATION):
        return []
    arrives = f"{live} AND {scoped.alone(vendor, table, row)}"
    groups = [(arrives, scoped.arrival_changes(vendor, table, row))]
    if table == PARTICIPATION:
        changes = scoped.participant_changes(vendor, row) + topical.participant_changes(vendor, row)
        groups.insert(0, (live, changes + personal.participant_changes(vendor, row)))
    return groups


def guarded(vendor, guard, statements):
    """
    PostgreSQL: `statements` inside IF `guard`. Each statement of a trigger is planned
    afresh on every row (postgresql_create); behind a cheap guard, those that would count
    nothing (a link written before its meeting, a side's second participant) are never
    planned: a bulk load of 3,000 meetings took 2.3 times as long without. SQLite compiles a
    trigger once; the conditions inside the statements suffice.
    """
    if vendor != "postgresql" or not statements:
        return statements
    return [f"IF {guard} THEN {' '.join(statements)} END IF;"]


def published(row):
    return f"EXISTS (SELECT 1 FROM {MEETING} m WHERE m.id = {row}.meeting_id AND m.status = {PUBLISHED})"


def meeting_facts(vendor, row, sign):
    """A meeting's own facts: counted while it is published."""
    condition = f"{row}.status = {PUBLISHED}"
    facts = [
        ("meetings", "''", condition),
        ("kind", f"{row}.kind", condition),
        (
            "country",
            f"CAST({row}.country_id AS TEXT)",
            f"{condition} AND {row}.country_id IS NOT NULL",
        ),
        ("year", year_sql(vendor, f"{row}.date"), f"{condition} AND {row}.date IS NOT NULL"),
        ("timeline", timeline_sql(vendor, row), f"{condition} AND {row}.date IS NOT NULL"),
    ]
    return [change(vendor, facet, item, sign, condition) for facet, item, condition in facts]


def meeting_sides(row):
    return (
        f"SELECT side_id FROM {PARTICIPATION} WHERE meeting_id = {row}.id UNION "
        f"SELECT side_id FROM {DELEGATION} WHERE meeting_id = {row}.id"
    )


def meeting_links(vendor, row, sign, condition):
    """All of a meeting's topic links, participations and sides, where `condition` holds."""
    found = []
    for facet, (table, column) in LINKS.items():
        where = f"l.meeting_id = {row}.id AND {condition}"
        item = f"CAST(l.{column} AS TEXT)"
        found.append(
            change(vendor, facet, item, sign, where, "COUNT(*)", f"{table} l", f"l.{column}")
        )
    sides = f"({meeting_sides(row)}) s"
    found.append(change(vendor, "party", "CAST(s.side_id AS TEXT)", sign, condition, source=sides))
    return found


def link_fact(vendor, facet, row, sign):
    """A topic link or a participation: its topic's or official's count, if published."""
    _, column = LINKS[facet]
    return change(vendor, facet, f"CAST({row}.{column} AS TEXT)", sign, published(row))


def side_fact(vendor, table, row, sign):
    """A participation or delegation: its side's count, if no other row puts it there."""
    condition = f"{published(row)} AND {scoped.alone(vendor, table, row)}"
    return change(vendor, "party", f"CAST({row}.side_id AS TEXT)", sign, condition)


def row_statements(vendor, table, row, sign):
    """What a row of `table` counts for: "OLD" taken away (sign -1) or "NEW" added (+1)."""
    found = own_statements(vendor, table, row, sign)
    for guard, changes in scoped_groups(vendor, table, row):
        found += guarded(vendor, guard, [change_each(vendor, *c, sign=sign) for c in changes])
    return found


def own_statements(vendor, table, row, sign):
    """row_statements() of the whole collection's counts."""
    if table == MEETING:
        return meeting_facts(vendor, row, sign)
    if table == TOPIC_LINK:
        return [link_fact(vendor, "topic", row, sign)]
    if table == SOURCE_LINK:
        return [link_fact(vendor, "source", row, sign)]
    if table == PARTICIPATION:
        return [link_fact(vendor, "official", row, sign), side_fact(vendor, table, row, sign)]
    if table == DELEGATION:
        return [side_fact(vendor, table, row, sign)]
    facet = {name: facet for facet, name in TABLE_COUNTS.items()}[table]
    return [change(vendor, facet, "''", sign)]


def statements(vendor, table, event):
    """The statements of `table`'s trigger for `event` ("insert", "update" or "delete")."""
    found = []
    if event in ("update", "delete"):
        found += row_statements(vendor, table, "OLD", -1)
    if event in ("insert", "update"):
        found += row_statements(vendor, table, "NEW", +1)
    if table == MEETING and event == "insert":  # links written first, the keys deferred
        found += meeting_links(vendor, "NEW", +1, f"NEW.status = {PUBLISHED}")
    if table == MEETING and event == "delete":
        found += meeting_links(vendor, "OLD", -1, f"OLD.status = {PUBLISHED}")
    if table == MEETING and event == "update":
        was, now = f"OLD.status = {PUBLISHED}", f"NEW.status = {PUBLISHED}"
        found += meeting_links(vendor, "OLD", -1, f"{was} AND NOT {now}")
        found += meeting_links(vendor, "NEW", +1, f"{now} AND NOT {was}")
    return found


# The tables whose writes move summary rows, with the columns an update must touch to matter
# (none: an update never does).
WATCHED = {
    MEETING: MEETING_COLUMNS,
    TOPIC_LINK: ("meeting_id", "topic_id"),
    SOURCE_LINK: ("meeting_id", "source_id"),
    PARTICIPATION: ("meeting_id", "official_id", "side_id"),
    DELEGATION: ("meeting_id", "side_id"),
    **{table: () for table in TABLE_COUNTS.values()},
}


def whole_counts(vendor):
    """(facet, item, source, condition, grouped by) of each count of the whole collection."""
    live = f"m.status = {PUBLISHED}"
    sides = f"SELECT meeting_id, side_id FROM {PARTICIPATION} UNION SELECT meeting_id, side_id FROM {DELEGATION}"
    counts = [
        ("'meetings'", "''", f"{MEETING} m", live, ""),
        ("'kind'", "m.kind", f"{MEETING} m", live, "m.kind"),
        (
            "'country'",
            "CAST(m.country_id AS TEXT)",
            f"{MEETING} m",
            f"{live} AND m.country_id IS NOT NULL",
            "m.country_id",
        ),
        (
            "'year'",
            year_sql(vendor, "m.date"),
            f"{MEETING} m",
            f"{live} AND m.date IS NOT NULL",
            year_sql(vendor, "m.date"),
        ),
        (
            "'timeline'",
            timeline_sql(vendor, "m"),
            f"{MEETING} m",
            f"{live} AND m.date IS NOT NULL",
            timeline_sql(vendor, "m"),
        ),
        *(
            (
                f"'{facet}'",
                f"CAST(l.{column} AS TEXT)",
                f"{table} l JOIN {MEETING} m ON m.id = l.meeting_id",
                live,
                f"l.{column}",
            )
            for facet, (table, column) in LINKS.items()
        ),
        (
            "'party'",
            "CAST(l.side_id AS TEXT)",
            f"({sides}) l JOIN {MEETING} m ON m.id = l.meeting_id",
            live,
            "l.side_id",
        ),
        *((f"'{facet}'", "''", table, "TRUE", "") for facet, table in TABLE_COUNTS.items()),
    ]
    return counts


def recount(vendor):
    """Statements that count everything afresh (the migration's first fill; a truncate)."""
    found = [f"DELETE FROM {TABLE};"]
    for facet, item, source, condition, group in whole_counts(vendor):
        group = f" GROUP BY {group}" if group else ""
        found.append(
            f"INSERT INTO {TABLE} (facet, item, n) SELECT {facet}, {item}, COUNT(*) "
            f"FROM {source} WHERE {condition}{group};"
        )
    for facet, item, source, condition in [
        *scoped.recount_changes(vendor),
        *topical.recount_changes(vendor),
        *personal.recount_changes(vendor),
    ]:
        found.append(
            f"INSERT INTO {TABLE} (facet, item, n) SELECT {facet}, {item}, COUNT(*) "
            f"FROM {source} WHERE {condition} GROUP BY 1, 2;"
        )
    return [*found, *cited.recount(TABLE)]


def create_sql(vendor):
    """Everything that installs the triggers (and PostgreSQL's functions), in order."""
    if vendor == "postgresql":
        return postgresql_create()
    found = []
    for table, columns in WATCHED.items():
        for event in ("insert", "update", "delete"):
            if event == "update" and not columns:
                continue
            of = f" OF {', '.join(columns)}" if event == "update" else ""
            body = " ".join(statements(vendor, table, event))
            found.append(
                f"CREATE TRIGGER meetings_summary_{table}_{event} BEFORE {event.upper()}{of} "
                f"ON {table} FOR EACH ROW BEGIN {body} END"
            )
    return [*found, *cited.sqlite_triggers(TABLE)]


def fold_sql():
    """
    PostgreSQL: the statement's deltas summed into the summary rows, each row once, with
    the cited counters they move (read in the same snapshot: the rows before the fold).
    """
    return (
        f"WITH d AS (DELETE FROM {DELTA} RETURNING facet, item, n), "
        f"s AS (SELECT facet, item, SUM(n) AS n FROM d GROUP BY facet, item HAVING SUM(n) <> 0), "
        f"a AS (SELECT facet, item, n FROM s UNION ALL ({cited.turned(TABLE, 's')})) "
        f"INSERT INTO {TABLE} (facet, item, n) SELECT facet, item, n FROM a WHERE n > 0 "
        f"OR (n < 0 AND EXISTS (SELECT 1 FROM {TABLE} c WHERE c.facet = a.facet AND c.item = a.item)) "
        f"ON CONFLICT (facet, item) DO UPDATE SET n = {TABLE}.n + excluded.n;"
    )


def postgresql_create():
    found = [
        f"CREATE TABLE IF NOT EXISTS {DELTA} (facet varchar(40) NOT NULL, "
        "item varchar(64) NOT NULL, n bigint NOT NULL)",
        "CREATE OR REPLACE FUNCTION meetings_summary_recount() RETURNS trigger LANGUAGE plpgsql "
        f"AS $$ BEGIN DELETE FROM {DELTA}; {' '.join(recount('postgresql'))} RETURN NULL; END $$",
        "CREATE OR REPLACE FUNCTION meetings_summary_fold() RETURNS trigger LANGUAGE plpgsql "
        f"AS $$ BEGIN {fold_sql()} RETURN NULL; END $$",
    ]
    for table, columns in WATCHED.items():
        branches = {
            event: " ".join(statements("postgresql", table, event)) or "NULL;"
            for event in ("insert", "update", "delete")
        }
        found.append(
            # Planned afresh each time: a plan cached while a bulk load's tables were small
            # would scan them whole once they are not.
            f"CREATE OR REPLACE FUNCTION meetings_summary_{table}() RETURNS trigger "
            f"LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$ BEGIN "
            f"IF TG_OP = 'INSERT' THEN {branches['insert']} "
            f"ELSIF TG_OP = 'UPDATE' THEN {branches['update']} "
            f"ELSE {branches['delete']} END IF; "
            f"IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"
        )
        events = "INSERT OR DELETE" + (f" OR UPDATE OF {', '.join(columns)}" if columns else "")
        found.append(
            f"CREATE TRIGGER meetings_summary BEFORE {events} ON {table} FOR EACH ROW "
            f"EXECUTE FUNCTION meetings_summary_{table}()"
        )
        found.append(
            f"CREATE TRIGGER meetings_summary_fold AFTER {events} ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION meetings_summary_fold()"
        )
        found.append(
            f"CREATE TRIGGER meetings_summary_truncate AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION meetings_summary_recount()"
        )
    return found


def drop_sql(vendor):
    """Everything create_sql() installed (or an earlier version did), removed."""
    if vendor == "postgresql":
        found = []
        for table in [*WATCHED, *UNWATCHED]:
            found.append(f"DROP TRIGGER IF EXISTS meetings_summary ON {table}")
            found.append(f"DROP TRIGGER IF EXISTS meetings_summary_truncate ON {table}")
            found.append(f"DROP TRIGGER IF EXISTS meetings_summary_fold ON {table}")
            found.append(f"DROP FUNCTION IF EXISTS meetings_summary_{table}()")
        return [
            *found,
            "DROP FUNCTION IF EXISTS meetings_summary_recount()",
            "DROP FUNCTION IF EXISTS meetings_summary_fold()",
            f"DROP TABLE IF EXISTS {DELTA}",
        ]
    return [
        *(
            f"DROP TRIGGER IF EXISTS meetings_summary_{table}_{event}"
            for table in [*WATCHED, *UNWATCHED]
            for event in ("insert", "update", "delete")
        ),
        *(f"DROP TRIGGER IF EXISTS {name}" for name in cited.SQLITE_TRIGGER_NAMES),
    ]
