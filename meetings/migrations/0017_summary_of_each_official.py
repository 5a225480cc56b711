"""
The summary rows count, within each official's meetings, the meetings by month
(meetings/summary/personal.py): an official's page reads its timeline from them, where it
grouped every meeting of theirs on each request (for the busiest at 100,000 meetings on
PostgreSQL, 18 to 22 ms; at 1,000,000, 118 ms for one in 50,000 meetings).
"""

from django.db import migrations

from meetings.migrations._operations import install_summary_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0016_summary_of_each_topic"),
    ]

    operations = [
        migrations.RunPython(install_summary_triggers, migrations.RunPython.noop, elidable=False),
    ]
