"""
On PostgreSQL, each meeting's search row also carries its month and date precision
("2018-05 day", as the summary rows' timelines write them; NULL when it has no date), kept by
the same triggers as its other facts (migration 0005), its precision now among the columns
whose change rebuilds the row.

A list only searched then charts its timeline from the matching search rows alone
(aggregates.published_facet_groups) rather than joining every match to its meeting: at 100,000
meetings, the timeline took 26 ms of a search's 67 ms of SQL, on average over the
benchmark's searches.

SQLite keeps its joins (its search table is an FTS5 index); nothing changes there.
"""

from importlib import import_module

from django.db import migrations

from meetings.migrations._operations import on_postgresql

facts = import_module("meetings.migrations.0005_search_row_facts")

TIMELINE_ITEM = "to_char(m.date, 'YYYY-MM') || ' ' || m.date_precision"
FACTS = {**facts.FACTS, "timeline_item": TIMELINE_ITEM}
FACT_COLUMNS = [*facts.FACT_COLUMNS, "date_precision"]

FILL = f"""
UPDATE meetings_meetingsearch s SET timeline_item = {TIMELINE_ITEM}
  FROM meetings_meeting m WHERE m.id = s.meeting_id
"""


class Migration(migrations.Migration):
    dependencies = [("meetings", "0017_summary_of_each_official")]

    operations = [
        migrations.RunPython(
            on_postgresql(
                "ALTER TABLE meetings_meetingsearch ADD COLUMN timeline_item text",
                facts.refresh_function(FACTS),
                facts.meeting_changed_function(FACT_COLUMNS),
                FILL,
                "ANALYZE meetings_meetingsearch",
            ),
            on_postgresql(
                facts.meeting_changed_function(facts.FACT_COLUMNS),
                facts.refresh_function(facts.FACTS),
                "ALTER TABLE meetings_meetingsearch DROP COLUMN timeline_item",
            ),
        )
    ]
