"""Migration operations of this app (a module the migration loader skips: its name has "_")."""

import contextlib

from django.db import migrations


class AddFieldInPlace(migrations.AddField):
    """
    AddField that on SQLite adds the column with ALTER TABLE ... ADD COLUMN, its default kept
    in the database, instead of rebuilding the table: a rebuild drops the table's triggers
    (the search rows' and the data version's, migration 0002) and fails in the triggers of
    other tables that name it. PostgreSQL adds columns in place already.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        model = to_state.apps.get_model(app_label, self.model_name)
        field = model._meta.get_field(self.name)
        definition, params = schema_editor.column_sql(model, field, include_default=True)
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"ALTER TABLE {quote(model._meta.db_table)} ADD COLUMN {quote(field.column)} "
            f"{definition}",
            params or None,
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        model = from_state.apps.get_model(app_label, self.model_name)
        field = model._meta.get_field(self.name)
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"ALTER TABLE {quote(model._meta.db_table)} DROP COLUMN {quote(field.column)}", None
        )


class KeepingSQLiteTriggers(migrations.operations.base.Operation):
    """
    Run `operation` (one that rebuilds a table on SQLite: a changed check constraint...) with
    every trigger set aside and put back afterwards, as sqlite_master holds them: a rebuild
    drops the table's own triggers, and other tables' triggers that name it fail meanwhile.
    Elsewhere it runs `operation` as it is.
    """

    reversible = True

    def __init__(self, operation):
        self.operation = operation

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.operation], {})

    def state_forwards(self, app_label, state):
        self.operation.state_forwards(app_label, state)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        with self._triggers_kept(schema_editor):
            self.operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        with self._triggers_kept(schema_editor):
            self.operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"{self.operation.describe()}, keeping SQLite's triggers"

    @contextlib.contextmanager
    def _triggers_kept(self, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            yield
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            triggers = cursor.fetchall()
        for name, _ in triggers:
            schema_editor.execute(f'DROP TRIGGER "{name}"', None)
        yield
        for _, sql in triggers:
            schema_editor.execute(sql, None)


# The data version's trigger (migration 0002) for tables added since: every table of this app
# has it, so that any write to any of them gives the data a new version.
SQLITE_BUMP = (
    "UPDATE meetings_dataversion SET token = lower(hex(randomblob(16))), "
    "changed = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE id = 1;"
)
EVENTS = ("insert", "update", "delete")


def _add_version_triggers(tables, schema_editor):
    run = lambda sql: schema_editor.execute(sql, None)  # noqa: E731
    _drop_version_triggers(tables, schema_editor)  # at most one, whoever added it first
    for table in tables:
        if schema_editor.connection.vendor == "postgresql":
            run(
                f"CREATE TRIGGER meetings_data_version AFTER INSERT OR UPDATE OR DELETE OR "
                f"TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION "
                f"meetings_bump_data_version()"
            )
            continue
        for event in EVENTS:
            run(
                f"CREATE TRIGGER meetings_data_version_{table}_{event} AFTER {event.upper()} "
                f"ON {table} BEGIN {SQLITE_BUMP} END"
            )


def _drop_version_triggers(tables, schema_editor):
    for table in tables:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS meetings_data_version ON {table}")
            continue
        for event in EVENTS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS meetings_data_version_{table}_{event}")


def version_triggers(*tables):
    """A RunPython giving `tables` the data version's trigger (and taking it back)."""
    return migrations.RunPython(
        lambda apps, schema_editor: _add_version_triggers(tables, schema_editor),
        lambda apps, schema_editor: _drop_version_triggers(tables, schema_editor),
    )


def install_summary_triggers(apps, schema_editor):
    """The summary rows' triggers as meetings/summary/triggers.py has them now, and a recount."""
    from meetings.summary.triggers import create_sql, drop_sql, recount

    vendor = schema_editor.connection.vendor
    for sql in [*drop_sql(vendor), *create_sql(vendor), *recount(vendor)]:
        schema_editor.execute(sql, None)


def on_postgresql(*statements):
    """A RunPython function that runs `statements` (SQL, no parameters) on PostgreSQL only."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql, None)  # no parameters: "%" as is

    return run
