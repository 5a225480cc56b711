"""
Full-text search over meetings, and a data version that changes on every write.

Both are kept current by the database itself, with triggers, so every write counts: the
admin, loaddata's raw saves, bulk_create, queryset.update() and plain SQL alike.

Search
    PostgreSQL: meetings_meetingsearch(meeting_id, document tsvector), GIN-indexed. The
    document is built from the title (weight A), the participants' names and aliases (B),
    the topics (C) and the summary (D), unaccented, with everything but letters and digits
    turned into spaces and the 'simple' configuration (no stemming, no stop words), so it
    splits words the way SQLite's tokenizer does. Statement-level triggers with transition
    tables rebuild the documents a statement touches, once per statement.

    SQLite: an FTS5 table of the same name (rowid = meeting id; title, people, topics,
    summary) with the unicode61 tokenizer removing diacritics, kept current by row triggers.

    The side table has no foreign key (so TRUNCATE and flush work on it as on any table);
    triggers on meetings_meeting remove its rows instead.

Data version
    meetings_dataversion holds one row: a random token and the time of the last write. Every
    insert, update, delete (and, on PostgreSQL, truncate) of a table of this app replaces the
    token. A random token rather than a counter: a rolled-back transaction or a restored
    backup can never bring back a number that a cache already used for other data.

A later migration that adds a table to this app must give it the version trigger too (the
tests check every table has one); one that makes Django rebuild a table on SQLite (most
AlterField operations) must re-create that table's triggers.
"""

from django.db import migrations

# ---------------------------------------------------------------- PostgreSQL

PG_WORDS = """
CREATE FUNCTION meetings_search_words(value text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT regexp_replace(unaccent(coalesce(value, '')), '[^[:alnum:]]+', ' ', 'g')
$$;
"""

PG_SEARCH = """
CREATE TABLE meetings_meetingsearch (
    meeting_id bigint PRIMARY KEY,
    document tsvector NOT NULL
);
CREATE INDEX meetings_meetingsearch_document ON meetings_meetingsearch USING gin (document);

-- (Re)build the documents of those of the given meetings that exist. (A meeting's own
-- delete trigger removes its document; nothing else can leave one behind.)
CREATE FUNCTION meetings_search_refresh(ids bigint[]) RETURNS void
LANGUAGE sql VOLATILE AS $$
    INSERT INTO meetings_meetingsearch (meeting_id, document)
    SELECT m.id,
           setweight(to_tsvector('simple', meetings_search_words(m.title)), 'A')
        || setweight(to_tsvector('simple', meetings_search_words(people.names)), 'B')
        || setweight(to_tsvector('simple', meetings_search_words(topics.names)), 'C')
        || setweight(to_tsvector('simple', meetings_search_words(m.summary)), 'D')
      FROM meetings_meeting m
      -- Scalar subqueries: every lookup goes by key from the meeting outwards, whatever the
      -- planner believes about table sizes in the middle of a bulk load.
      CROSS JOIN LATERAL (
            SELECT string_agg((
                       SELECT o.name || coalesce(' ' || (
                                  SELECT string_agg(a.name, ' ') FROM meetings_officialalias a
                                   WHERE a.official_id = o.id), '')
                         FROM meetings_official o WHERE o.id = p.official_id
                   ), ' ') AS names
              FROM meetings_participation p
             WHERE p.meeting_id = m.id
           ) people
      CROSS JOIN LATERAL (
            SELECT string_agg((SELECT t.name FROM meetings_topic t WHERE t.id = mt.topic_id), ' ')
                   AS names
              FROM meetings_meeting_topics mt
             WHERE mt.meeting_id = m.id
           ) topics
     WHERE m.id = ANY (ids)
    ON CONFLICT (meeting_id) DO UPDATE SET document = EXCLUDED.document;
$$;

CREATE FUNCTION meetings_search_meeting_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM meetings_search_refresh(ARRAY(SELECT id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM meetings_search_refresh(ARRAY(
            SELECT n.id FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
             WHERE o.id IS NULL OR n.title IS DISTINCT FROM o.title
                OR n.summary IS DISTINCT FROM o.summary
            UNION SELECT o.id FROM old_rows o WHERE o.id NOT IN (SELECT id FROM new_rows)));
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM meetings_meetingsearch WHERE meeting_id IN (SELECT id FROM old_rows);
    ELSIF TG_OP = 'TRUNCATE' THEN
        TRUNCATE meetings_meetingsearch;
    END IF;
    RETURN NULL;
END $$;

-- Rows that point at a meeting (participations, topic links): rebuild those meetings.
CREATE FUNCTION meetings_search_child_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM meetings_search_refresh(ARRAY(SELECT DISTINCT meeting_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM meetings_search_refresh(ARRAY(
            SELECT meeting_id FROM new_rows UNION SELECT meeting_id FROM old_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM meetings_search_refresh(ARRAY(SELECT DISTINCT meeting_id FROM old_rows));
    ELSIF TG_OP = 'TRUNCATE' THEN
        PERFORM meetings_search_refresh(ARRAY(SELECT id FROM meetings_meeting));
    END IF;
    RETURN NULL;
END $$;

-- Officials' names and aliases: rebuild the meetings they took part in.
CREATE FUNCTION meetings_search_person_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    officials bigint[];
BEGIN
    IF TG_TABLE_NAME = 'meetings_official' THEN
        officials := ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                            WHERE n.name IS DISTINCT FROM o.name);
    ELSIF TG_OP = 'INSERT' THEN
        officials := ARRAY(SELECT official_id FROM new_rows);
    ELSIF TG_OP = 'UPDATE' THEN
        officials := ARRAY(SELECT official_id FROM new_rows UNION SELECT official_id FROM old_rows);
    ELSE
        officials := ARRAY(SELECT official_id FROM old_rows);
    END IF;
    IF cardinality(officials) > 0 THEN
        PERFORM meetings_search_refresh(ARRAY(
            SELECT DISTINCT meeting_id FROM meetings_participation
             WHERE official_id = ANY (officials)));
    END IF;
    RETURN NULL;
END $$;

-- Topics' names: rebuild the meetings on them.
CREATE FUNCTION meetings_search_topic_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM meetings_search_refresh(ARRAY(
        SELECT DISTINCT mt.meeting_id FROM meetings_meeting_topics mt
          JOIN new_rows n ON n.id = mt.topic_id
          JOIN old_rows o ON o.id = n.id
         WHERE n.name IS DISTINCT FROM o.name));
    RETURN NULL;
END $$;
"""

# (table, function, events) for statement-level triggers with transition tables.
PG_SEARCH_TRIGGERS = [
    ("meetings_meeting", "meetings_search_meeting_changed", ["INSERT", "UPDATE", "DELETE"]),
    ("meetings_participation", "meetings_search_child_changed", ["INSERT", "UPDATE", "DELETE"]),
    ("meetings_meeting_topics", "meetings_search_child_changed", ["INSERT", "UPDATE", "DELETE"]),
    ("meetings_official", "meetings_search_person_changed", ["UPDATE"]),
    ("meetings_officialalias", "meetings_search_person_changed", ["INSERT", "UPDATE", "DELETE"]),
    ("meetings_topic", "meetings_search_topic_changed", ["UPDATE"]),
]
REFERENCING = {
    "INSERT": "REFERENCING NEW TABLE AS new_rows",
    "UPDATE": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "REFERENCING OLD TABLE AS old_rows",
}

PG_VERSION = """
CREATE TABLE meetings_dataversion (
    id smallint PRIMARY KEY CHECK (id = 1),
    token text NOT NULL,
    changed timestamp with time zone NOT NULL
);
INSERT INTO meetings_dataversion (id, token, changed)
VALUES (1, md5(random()::text || clock_timestamp()::text), clock_timestamp());

CREATE FUNCTION meetings_bump_data_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE meetings_dataversion
       SET token = md5(random()::text || clock_timestamp()::text), changed = clock_timestamp()
     WHERE id = 1;
    RETURN NULL;
END $$;
"""


def runner(schema_editor):
    # No parameters: the SQL is passed to the driver as it is, "%" and all.
    return lambda sql: schema_editor.execute(sql, None)


def postgresql_forward(schema_editor, tables):
    run = runner(schema_editor)
    run(PG_WORDS)
    run(PG_SEARCH)
    for table, function, events in PG_SEARCH_TRIGGERS:
        for event in events:
            run(
                f"CREATE TRIGGER meetings_search_{event.lower()} AFTER {event} ON {table} "
                f"{REFERENCING[event]} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )
    for table in ("meetings_meeting", "meetings_participation", "meetings_meeting_topics"):
        function = dict((t, f) for t, f, _ in PG_SEARCH_TRIGGERS)[table]
        run(
            f"CREATE TRIGGER meetings_search_truncate AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
    run("SELECT meetings_search_refresh(ARRAY(SELECT id FROM meetings_meeting))")
    run(PG_VERSION)
    for table in tables:
        run(
            f"CREATE TRIGGER meetings_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION meetings_bump_data_version()"
        )


def postgresql_backward(schema_editor, tables):
    run = runner(schema_editor)
    for table in tables:
        run(f"DROP TRIGGER IF EXISTS meetings_data_version ON {table}")
    for table, _, events in PG_SEARCH_TRIGGERS:
        for event in [*events, "TRUNCATE"]:
            run(f"DROP TRIGGER IF EXISTS meetings_search_{event.lower()} ON {table}")
    run("DROP TABLE meetings_dataversion")
    run("DROP TABLE meetings_meetingsearch")
    for function in (
        "meetings_bump_data_version()",
        "meetings_search_meeting_changed()",
        "meetings_search_child_changed()",
        "meetings_search_person_changed()",
        "meetings_search_topic_changed()",
        "meetings_search_refresh(bigint[])",
        "meetings_search_words(text)",
    ):
        run(f"DROP FUNCTION {function}")


# ---------------------------------------------------------------- SQLite

SQLITE_SEARCH = """
CREATE VIRTUAL TABLE meetings_meetingsearch USING fts5(
    title, people, topics, summary, tokenize = 'unicode61 remove_diacritics 2'
)
"""

# The statement that indexes the meetings whose ids {ids} selects...
SQLITE_INSERT = """
INSERT INTO meetings_meetingsearch (rowid, title, people, topics, summary)
SELECT m.id,
       m.title,
       (SELECT group_concat(o.name || ' ' || coalesce(
                   (SELECT group_concat(a.name, ' ') FROM meetings_officialalias a
                     WHERE a.official_id = o.id), ''), ' ')
          FROM meetings_participation p JOIN meetings_official o ON o.id = p.official_id
         WHERE p.meeting_id = m.id),
       (SELECT group_concat(t.name, ' ')
          FROM meetings_meeting_topics mt JOIN meetings_topic t ON t.id = mt.topic_id
         WHERE mt.meeting_id = m.id),
       m.summary
  FROM meetings_meeting m
 WHERE m.id IN ({ids})
"""
# ...and the statements that rebuild their documents.
SQLITE_REFRESH = (
    "DELETE FROM meetings_meetingsearch WHERE rowid IN ({ids});\n" + SQLITE_INSERT + ";\n"
)

PEOPLE_MEETINGS = "SELECT meeting_id FROM meetings_participation WHERE official_id = {row}.{column}"
TOPIC_MEETINGS = "SELECT meeting_id FROM meetings_meeting_topics WHERE topic_id = NEW.id"

# (trigger name, event, table, [ids to rebuild])
SQLITE_SEARCH_TRIGGERS = [
    ("meeting_insert", "INSERT", "meetings_meeting", ["NEW.id"]),
    ("meeting_update", "UPDATE OF id, title, summary", "meetings_meeting", ["OLD.id", "NEW.id"]),
    ("participation_insert", "INSERT", "meetings_participation", ["NEW.meeting_id"]),
    (
        "participation_update",
        "UPDATE OF meeting_id, official_id",
        "meetings_participation",
        ["OLD.meeting_id", "NEW.meeting_id"],
    ),
    ("participation_delete", "DELETE", "meetings_participation", ["OLD.meeting_id"]),
    ("meeting_topics_insert", "INSERT", "meetings_meeting_topics", ["NEW.meeting_id"]),
    (
        "meeting_topics_update",
        "UPDATE",
        "meetings_meeting_topics",
        ["OLD.meeting_id", "NEW.meeting_id"],
    ),
    ("meeting_topics_delete", "DELETE", "meetings_meeting_topics", ["OLD.meeting_id"]),
    (
        "official_update",
        "UPDATE OF name",
        "meetings_official",
        [PEOPLE_MEETINGS.format(row="NEW", column="id")],
    ),
    (
        "officialalias_insert",
        "INSERT",
        "meetings_officialalias",
        [PEOPLE_MEETINGS.format(row="NEW", column="official_id")],
    ),
    (
        "officialalias_update",
        "UPDATE",
        "meetings_officialalias",
        [
            PEOPLE_MEETINGS.format(row="OLD", column="official_id"),
            PEOPLE_MEETINGS.format(row="NEW", column="official_id"),
        ],
    ),
    (
        "officialalias_delete",
        "DELETE",
        "meetings_officialalias",
        [PEOPLE_MEETINGS.format(row="OLD", column="official_id")],
    ),
    ("topic_update", "UPDATE OF name", "meetings_topic", [TOPIC_MEETINGS]),
]

SQLITE_BUMP = (
    "UPDATE meetings_dataversion SET token = lower(hex(randomblob(16))), "
    "changed = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE id = 1;"
)


def sqlite_forward(schema_editor, tables):
    run = runner(schema_editor)
    run(SQLITE_SEARCH)
    for name, event, table, ids in SQLITE_SEARCH_TRIGGERS:
        body = "".join(SQLITE_REFRESH.format(ids=select) for select in ids)
        run(f"CREATE TRIGGER meetings_search_{name} AFTER {event} ON {table} BEGIN {body} END")
    run(
        "CREATE TRIGGER meetings_search_meeting_delete AFTER DELETE ON meetings_meeting "
        "BEGIN DELETE FROM meetings_meetingsearch WHERE rowid = OLD.id; END"
    )
    run(SQLITE_INSERT.format(ids="SELECT id FROM meetings_meeting"))
    run(
        "CREATE TABLE meetings_dataversion ("
        "id integer PRIMARY KEY CHECK (id = 1), token text NOT NULL, changed text NOT NULL)"
    )
    run(
        "INSERT INTO meetings_dataversion (id, token, changed) VALUES "
        "(1, lower(hex(randomblob(16))), strftime('%Y-%m-%d %H:%M:%f', 'now'))"
    )
    for table in tables:
        for event in ("INSERT", "UPDATE", "DELETE"):
            run(
                f"CREATE TRIGGER meetings_data_version_{table}_{event.lower()} AFTER {event} "
                f"ON {table} BEGIN {SQLITE_BUMP} END"
            )


def sqlite_backward(schema_editor, tables):
    run = runner(schema_editor)
    for table in tables:
        for event in ("insert", "update", "delete"):
            run(f"DROP TRIGGER IF EXISTS meetings_data_version_{table}_{event}")
    for name, *_ in SQLITE_SEARCH_TRIGGERS:
        run(f"DROP TRIGGER IF EXISTS meetings_search_{name}")
    run("DROP TRIGGER IF EXISTS meetings_search_meeting_delete")
    run("DROP TABLE meetings_dataversion")
    run("DROP TABLE meetings_meetingsearch")


# ---------------------------------------------------------------- both


def app_tables(apps):
    """Every table of this app as of this migration, many-to-many link tables included."""
    config = apps.get_app_config("meetings")
    return sorted(model._meta.db_table for model in config.get_models(include_auto_created=True))


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        postgresql_forward(schema_editor, app_tables(apps))
    elif vendor == "sqlite":
        sqlite_forward(schema_editor, app_tables(apps))
    else:
        raise NotImplementedError(f"Bilateral runs on PostgreSQL or SQLite, not {vendor}.")


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        postgresql_backward(schema_editor, app_tables(apps))
    elif vendor == "sqlite":
        sqlite_backward(schema_editor, app_tables(apps))


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
