"""
Summary rows (meetings.SummaryCount): what the home page and the whole meeting list show about
every published meeting, counted once here and then kept exact by row-level triggers on the
meetings, topic links, participations, delegations, agencies, topics and sources, in the same
transaction as each write (SQL in meetings/summary/triggers.py; on PostgreSQL a TRUNCATE
recounts). At 100,000 meetings the home page recounted them in 1.5 to 2.8 s per data version. Also an index of the meetings held during a
trip or visit (SQLite counted every meeting of no trip as one value and walked the date index
of all 100,000 instead: a meeting's page took 0.5 s).
"""

from django.db import migrations, models

from meetings.migrations._operations import install_summary_triggers, version_triggers
from meetings.summary.triggers import drop_sql


def nested_writes_keep_the_version(apps, schema_editor):
    """
    On PostgreSQL the summary table's data-version trigger fires only for writes of its own
    (pg_trigger_depth() = 0): the summary triggers write it for every row of a bulk load,
    always inside a write that bumps the version already, and thousands of updates of the
    version's one row in one transaction each walked the chain of its earlier versions (an
    import of the historical record went from seconds to minutes).
    """
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS meetings_data_version ON meetings_summarycount")
    schema_editor.execute(
        "CREATE TRIGGER meetings_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "
        "meetings_summarycount FOR EACH STATEMENT WHEN (pg_trigger_depth() = 0) "
        "EXECUTE FUNCTION meetings_bump_data_version()"
    )


def sqlite_list_index(apps, schema_editor):
    """
    SQLite: migration 0003's newest-first index again, if a table rebuild since dropped it
    (the rebuilds keep triggers, not indexes created by hand): without it a page of the
    list sorted every published meeting (45 ms at 100,000 instead of 1).
    """
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS meeting_published_newest_idx "
        "ON meetings_meeting (status, date DESC, title)",
        None,
    )
    schema_editor.execute("ANALYZE meetings_meeting", None)


def uninstall(apps, schema_editor):
    for sql in drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql, None)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0009_drafts"),
    ]

    operations = [
        migrations.CreateModel(
            name="SummaryCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("facet", models.CharField(max_length=20)),
                ("item", models.CharField(blank=True, max_length=64)),
                ("n", models.BigIntegerField(default=0)),
            ],
            options={
                "indexes": [models.Index(fields=["facet", "n"], name="summary_facet_n_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("facet", "item"), name="summary_facet_item_unique"
                    )
                ],
            },
        ),
        version_triggers("meetings_summarycount"),
        migrations.RunPython(nested_writes_keep_the_version, migrations.RunPython.noop),
        migrations.RunPython(install_summary_triggers, uninstall),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(
                condition=models.Q(("part_of__isnull", False)),
                fields=["part_of", "status"],
                name="meeting_parts_idx",
            ),
        ),
        migrations.RunPython(sqlite_list_index, migrations.RunPython.noop),
    ]
