"""
A restore's foreign keys: on PostgreSQL set aside while the rows go in, then added again,
as pg_restore does; on SQLite checked before the commit, as loaddata does.

Django's foreign keys are deferred: each row inserted queues a check of its own, run at
commit. At 100,000 meetings that is some two million single-row lookups (34 s of a restore
on a slow machine), where adding the constraint again checks every row of a table at once,
by one join (a second or two). The constraints are re-created from their own definitions
(names, deferral), in the restore's transaction: a failure rolls them back too, and a row
that points at nothing fails the restore.
"""

from contextlib import contextmanager

FOREIGN_KEYS = """
SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
  FROM pg_constraint c
 WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY (%s)
 ORDER BY 1, 2
"""


def loaded_tables(models):
    """The tables a restore writes: the models' own and their many-to-many link tables."""
    tables = {model._meta.db_table for model in models}
    for model in models:
        for field in model._meta.local_many_to_many:
            if field.remote_field.through._meta.auto_created:
                tables.add(field.remote_field.through._meta.db_table)
    return sorted(tables)


@contextmanager
def foreign_keys_checked_at_the_end(connection, models):
    """Within: the foreign keys of the models' tables dropped; after: added, every row checked."""
    if connection.vendor == "sqlite":
        # Checked at commit, when the error names no row: checked here, as loaddata does.
        yield
        connection.check_constraints(table_names=loaded_tables(models))
        return
    if connection.vendor != "postgresql":
        yield
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(FOREIGN_KEYS, [loaded_tables(models)])
        keys = cursor.fetchall()
        # ALTER TABLE waits for no pending deferred check: run those first.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, name, _ in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        yield
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, name, definition in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
