"""
The summary rows count, within each country's meetings and each pair's, the meetings by month,
their topics by year, the partners and the officials each side sent (meetings/summary/scoped.py):
a country's page and a relationship's page read them, where they grouped every meeting of the
country on each request (1.8 s for /countries/MX/ at 100,000 meetings on SQLite, over the
5 s statement bound on PostgreSQL). Facet names now carry the scope: 40 characters.
"""

from django.db import migrations, models

from meetings.migrations._operations import KeepingSQLiteTriggers, install_summary_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0012_summary_of_the_timeline"),
    ]

    operations = [
        KeepingSQLiteTriggers(
            migrations.AlterField(
                model_name="summarycount",
                name="facet",
                field=models.CharField(max_length=40),
            )
        ),
        migrations.RunPython(install_summary_triggers, migrations.RunPython.noop, elidable=False),
    ]
