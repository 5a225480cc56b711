"""
The summary rows count published dated meetings by month and date precision ("timeline"):
the whole list's timeline is then read from them, where it was grouped from every published
meeting per data version (0.8 to 1 s at 100,000 meetings on SQLite, the unfiltered list's
main cost with caching off). A meeting's date precision now moves summary rows too.
"""

from django.db import migrations

from meetings.summary.triggers import create_sql, drop_sql, recount


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in [*drop_sql(vendor), *create_sql(vendor), *recount(vendor)]:
        schema_editor.execute(sql, None)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0011_summary_of_sources"),
    ]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop, elidable=False),
    ]
