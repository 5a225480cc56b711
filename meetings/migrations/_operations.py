"""Migration operations of this app (a module the migration loader skips: its name has "_")."""

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
