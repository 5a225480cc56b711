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


SQLITE_BUMP = (
    "UPDATE meetings_dataversion SET token = lower(hex(randomblob(16))), "
    "changed = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE id = 1;"
)


class AddDataVersionTriggers(migrations.operations.base.Operation):
    """
    The data version's triggers (migration 0002) on tables created later whose rows the public
    pages show: every write to them changes the version, in the same transaction.
    """

    reversible = True

    def __init__(self, tables):
        self.tables = tables

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.tables], {})

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        for table in self.tables:
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(
                    "CREATE TRIGGER meetings_data_version AFTER INSERT OR UPDATE OR DELETE OR "
                    f"TRUNCATE ON {table} FOR EACH STATEMENT "
                    "EXECUTE FUNCTION meetings_bump_data_version()",
                    None,
                )
                continue
            for event in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER meetings_data_version_{table}_{event.lower()} AFTER {event} "
                    f"ON {table} BEGIN {SQLITE_BUMP} END",
                    None,
                )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        for table in self.tables:
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER meetings_data_version ON {table}", None)
                continue
            for event in ("insert", "update", "delete"):
                schema_editor.execute(
                    f"DROP TRIGGER meetings_data_version_{table}_{event}", None
                )

    def describe(self):
        return f"Data version triggers on {', '.join(self.tables)}"
