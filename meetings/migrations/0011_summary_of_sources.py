"""
The summary rows count, for each source, the published meetings that cite it (kept by a
trigger on the meetings' source links, as topics and officials are): the home page's count
of public sources (those a published meeting cites) is then read with the rest, where it
was counted from every source and its links per data version (280 ms at 100,000 meetings on
SQLite). The count of every source, which nothing shows, is no longer kept.
"""

from django.db import migrations

from meetings.migrations._operations import install_summary_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0010_summary_rows"),
    ]

    operations = [
        migrations.RunPython(install_summary_triggers, migrations.RunPython.noop, elidable=False),
    ]
