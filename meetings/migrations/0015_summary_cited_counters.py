"""
The home page's officials taking part and public sources kept as two summary rows, moved when
one official's or source's own row turns positive or falls back to zero
(meetings/summary/cited.py), instead of counted from every such row on each request (at
1,000,000 meetings, a million sources' rows).
"""

from django.db import migrations

from meetings.migrations._operations import install_summary_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0014_source_title_index"),
    ]

    operations = [
        migrations.RunPython(install_summary_triggers, migrations.RunPython.noop, elidable=False),
    ]
