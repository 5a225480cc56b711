"""
The summary rows count, for each source, the published meetings that cite it (kept by a
trigger on the meetings' source links, as topics and officials are): the home page's count
of public sources (those a published meeting cites) is then read with the rest, where it
was counted from every source and its links per data version (280 ms at 100,000 meetings on
SQLite). The count of every source, which nothing shows, is no longer kept.
"""

from django.db import migrations

from meetings.summary.triggers import create_sql, drop_sql, recount


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in [*drop_sql(vendor), *create_sql(vendor), *recount(vendor)]:
        schema_editor.execute(sql, None)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0010_summary_rows"),
    ]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop, elidable=False),
    ]
