"""
The summary rows count published dated meetings by month and date precision ("timeline"):
the whole list's timeline is then read from them, where it was grouped from every published
meeting per data version (0.8 to 1 s at 100,000 meetings on SQLite, the unfiltered list's
main cost with caching off). A meeting's date precision now moves summary rows too.
"""

from django.db import migrations

from meetings.migrations._operations import install_summary_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0011_summary_of_sources"),
    ]

    operations = [
        migrations.RunPython(install_summary_triggers, migrations.RunPython.noop, elidable=False),
    ]
