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

* a meeting: "meetings", "kind", "country", "year" while it is published; when it becomes
  published (or stops being, or is deleted while published), all its topic links,
  participations and sides at once;
* a topic link or a participation of a published meeting: its topic or official;
* a participation or a delegation of a published meeting: its side, when it is the first
  (or the last) row of that meeting on that side;
* an agency, a topic, a source: the whole table's count.
"""

TABLE = "meetings_summarycount"
MEETING = "meetings_meeting"
PARTICIPATION = "meetings_participation"
DELEGATION = "meetings_delegation"
TOPIC_LINK = "meetings_meeting_topics"
PUBLISHED = "'published'"

# (table, facet) of the links counted one by one: the column holding the linked id.
LINKS = {"topic": (TOPIC_LINK, "topic_id"), "official": (PARTICIPATION, "official_id")}
# The whole tables counted, by facet.
TABLE_COUNTS = {
    "agencies": "meetings_agency",
    "topics": "meetings_topic",
    "sources": "meetings_source",
}
# The meetings' columns whose change moves a summary row.
MEETING_COLUMNS = ("status", "kind", "country_id", "date")


def year_sql(vendor, column):
    """The year of a date column, as text."""
    if vendor == "postgresql":
        return f"CAST(CAST(EXTRACT(YEAR FROM {column}) AS integer) AS TEXT)"
    return f"CAST(CAST(strftime('%Y', {column}) AS integer) AS TEXT)"


def is_not(vendor):
    """The null-safe "differs from" of the vendor (a new row's id may still be null)."""
    return "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"


def add(facet, item, condition="TRUE", n="1", source="", group=""):
    """+n to (facet, item) for each row `source` gives where `condition` holds."""
    source = f" FROM {source}" if source else ""
    group = f" GROUP BY {group}" if group else ""
    return (
        f"INSERT INTO {TABLE} (facet, item, n) SELECT '{facet}', {item}, {n}{source} "
        f"WHERE {condition}{group} "
        f"ON CONFLICT (facet, item) DO UPDATE SET n = {TABLE}.n + excluded.n;"
    )


def subtract(facet, condition, n="1", item=None, items=None):
    """-n from (facet, item), or from each of `items` (a subquery), where `condition` holds."""
    target = f"item = {item}" if item is not None else f"item IN ({items})"
    return f"UPDATE {TABLE} SET n = n - {n} WHERE facet = '{facet}' AND {target} AND {condition};"


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
    ]
    if sign > 0:
        return [add(facet, item, condition) for facet, item, condition in facts]
    return [subtract(facet, condition, item=item) for facet, item, condition in facts]


def meeting_sides(row):
    return (
        f"SELECT side_id FROM {PARTICIPATION} WHERE meeting_id = {row}.id UNION "
        f"SELECT side_id FROM {DELEGATION} WHERE meeting_id = {row}.id"
    )


def meeting_links(row, sign, condition):
    """All of a meeting's topic links, participations and sides, where `condition` holds."""
    found = []
    for facet, (table, column) in LINKS.items():
        if sign > 0:
            where = f"l.meeting_id = {row}.id AND {condition}"
            item = f"CAST(l.{column} AS TEXT)"
            found.append(add(facet, item, where, "COUNT(*)", f"{table} l", f"l.{column}"))
            continue
        counted = (
            f"(SELECT COUNT(*) FROM {table} l WHERE l.meeting_id = {row}.id "
            f"AND CAST(l.{column} AS TEXT) = {TABLE}.item)"
        )
        items = f"SELECT CAST({column} AS TEXT) FROM {table} WHERE meeting_id = {row}.id"
        found.append(subtract(facet, condition, counted, items=items))
    sides = f"({meeting_sides(row)}) s"
    if sign > 0:
        found.append(add("party", "CAST(s.side_id AS TEXT)", condition, source=sides))
    else:
        found.append(
            subtract("party", condition, items=f"SELECT CAST(s.side_id AS TEXT) FROM {sides}")
        )
    return found


def link_fact(facet, row, sign):
    """A topic link or a participation: its topic's or official's count, if published."""
    _, column = LINKS[facet]
    item = f"CAST({row}.{column} AS TEXT)"
    if sign > 0:
        return add(facet, item, published(row))
    return subtract(facet, published(row), item=item)


def side_fact(vendor, table, row, sign):
    """A participation or delegation: its side's count, if no other row puts it there."""
    others = []
    for other in (PARTICIPATION, DELEGATION):
        itself = f" AND o.id {is_not(vendor)} {row}.id" if other == table else ""
        others.append(
            f"NOT EXISTS (SELECT 1 FROM {other} o WHERE o.meeting_id = {row}.meeting_id "
            f"AND o.side_id = {row}.side_id{itself})"
        )
    condition = " AND ".join([published(row), *others])
    item = f"CAST({row}.side_id AS TEXT)"
    if sign > 0:
        return add("party", item, condition)
    return subtract("party", condition, item=item)


def row_statements(vendor, table, row, sign):
    """What a row of `table` counts for: "OLD" taken away (sign -1) or "NEW" added (+1)."""
    if table == MEETING:
        return meeting_facts(vendor, row, sign)
    if table == TOPIC_LINK:
        return [link_fact("topic", row, sign)]
    if table == PARTICIPATION:
        return [link_fact("official", row, sign), side_fact(vendor, table, row, sign)]
    if table == DELEGATION:
        return [side_fact(vendor, table, row, sign)]
    facet = {name: facet for facet, name in TABLE_COUNTS.items()}[table]
    return [add(facet, "''")] if sign > 0 else [subtract(facet, "TRUE", item="''")]


def statements(vendor, table, event):
    """The statements of `table`'s trigger for `event` ("insert", "update" or "delete")."""
    found = []
    if event in ("update", "delete"):
        found += row_statements(vendor, table, "OLD", -1)
    if event in ("insert", "update"):
        found += row_statements(vendor, table, "NEW", +1)
    if table == MEETING and event == "delete":
        found += meeting_links("OLD", -1, f"OLD.status = {PUBLISHED}")
    if table == MEETING and event == "update":
        was, now = f"OLD.status = {PUBLISHED}", f"NEW.status = {PUBLISHED}"
        found += meeting_links("OLD", -1, f"{was} AND NOT {now}")
        found += meeting_links("NEW", +1, f"{now} AND NOT {was}")
    return found


# The tables whose writes move summary rows, with the columns an update must touch to matter
# (none: an update never does).
WATCHED = {
    MEETING: MEETING_COLUMNS,
    TOPIC_LINK: ("meeting_id", "topic_id"),
    PARTICIPATION: ("meeting_id", "official_id", "side_id"),
    DELEGATION: ("meeting_id", "side_id"),
    **{table: () for table in TABLE_COUNTS.values()},
}


def recount(vendor):
    """Statements that count everything afresh (the migration's first fill; a truncate)."""
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
    found = [f"DELETE FROM {TABLE};"]
    for facet, item, source, condition, group in counts:
        group = f" GROUP BY {group}" if group else ""
        found.append(
            f"INSERT INTO {TABLE} (facet, item, n) SELECT {facet}, {item}, COUNT(*) "
            f"FROM {source} WHERE {condition}{group};"
        )
    return found


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
    return found


def postgresql_create():
    found = [
        "CREATE OR REPLACE FUNCTION meetings_summary_recount() RETURNS trigger LANGUAGE plpgsql "
        f"AS $$ BEGIN {' '.join(recount('postgresql'))} RETURN NULL; END $$"
    ]
    for table, columns in WATCHED.items():
        branches = {
            event: " ".join(statements("postgresql", table, event)) or "NULL;"
            for event in ("insert", "update", "delete")
        }
        found.append(
            f"CREATE OR REPLACE FUNCTION meetings_summary_{table}() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN "
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
            f"CREATE TRIGGER meetings_summary_truncate AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION meetings_summary_recount()"
        )
    return found


def drop_sql(vendor):
    """Everything create_sql() installed, removed."""
    if vendor == "postgresql":
        found = []
        for table in WATCHED:
            found.append(f"DROP TRIGGER IF EXISTS meetings_summary ON {table}")
            found.append(f"DROP TRIGGER IF EXISTS meetings_summary_truncate ON {table}")
            found.append(f"DROP FUNCTION IF EXISTS meetings_summary_{table}()")
        return [*found, "DROP FUNCTION IF EXISTS meetings_summary_recount()"]
    return [
        f"DROP TRIGGER IF EXISTS meetings_summary_{table}_{event}"
        for table in WATCHED
        for event in ("insert", "update", "delete")
    ]
