"""
A restore's triggers: the search documents and the summary rows built once at the end rather
than row by row.

Migration 0002's triggers rebuild a meeting's search document whenever one of its rows
changes: on SQLite for every row inserted (a meeting with ten participants and five topics
was indexed sixteen times), on PostgreSQL for every statement. During a restore they are set
aside (in its transaction: a failure rolls this back too), the search table emptied, and
every document built once when the rows are in, by one statement (the search migration's). SQLite's data-version triggers, which run
for every row, are set aside as well and the version changed once; PostgreSQL's run once a
statement and stay. The summary rows' triggers (meetings/summary) are set aside too and
everything recounted once at the end.
"""

from contextlib import contextmanager
from importlib import import_module

from ..migrations._operations import SQLITE_BUMP
from ..summary.triggers import recount

# The statement that indexes meetings on SQLite, as the search's migration defines it.
SQLITE_INDEX = import_module("meetings.migrations.0002_search_and_data_version").SQLITE_INSERT

SQLITE_ASIDE = ("meetings_search_", "meetings_data_version_", "meetings_summary_")
PG_ASIDE = """
SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
 WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND pg_table_is_visible(c.oid)
   AND (starts_with(t.tgname, 'meetings_search_') OR starts_with(t.tgname, 'meetings_summary'))
"""


@contextmanager
def search_built_at_the_end(connection):
    """Within: no trigger maintains the search; after: every meeting's document built anew."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            yield from _sqlite(cursor)
        elif connection.vendor == "postgresql":
            yield from _postgresql(cursor)
        else:
            yield


def _sqlite(cursor):
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    triggers = [(name, sql) for name, sql in cursor.fetchall() if name.startswith(SQLITE_ASIDE)]
    for name, _ in triggers:
        cursor.execute(f'DROP TRIGGER "{name}"')
    cursor.execute("DELETE FROM meetings_meetingsearch")
    yield
    cursor.execute(SQLITE_INDEX.format(ids="SELECT id FROM meetings_meeting"))
    recount_summary(cursor, "sqlite")
    for _, sql in triggers:
        cursor.execute(sql)
    cursor.execute(SQLITE_BUMP)


def _postgresql(cursor):
    cursor.execute(PG_ASIDE)
    triggers = cursor.fetchall()
    _alter(cursor, triggers, "DISABLE")
    cursor.execute("DELETE FROM meetings_meetingsearch")
    yield
    recount_summary(cursor, "postgresql")
    _alter(cursor, triggers, "ENABLE")
    cursor.execute("SELECT meetings_search_refresh(ARRAY(SELECT id FROM meetings_meeting))")


def recount_summary(cursor, vendor):
    """The summary rows counted afresh from the restored records, their triggers aside."""
    for sql in recount(vendor):
        cursor.execute(sql)


def _alter(cursor, triggers, action):
    """
    ALTER TABLE waits for no deferred check: the foreign keys' (checked at commit) are
    checked now, and deferred again afterwards.
    """
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for table, name in triggers:
        cursor.execute(f'ALTER TABLE "{table}" {action} TRIGGER "{name}"')
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
