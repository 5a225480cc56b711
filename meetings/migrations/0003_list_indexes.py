"""
Indexes for the meeting list's sorts and the topic filter and facet, checked with EXPLAIN
at 100,000 meetings (see "Scale and speed" in the README).

* The default sort, newest first (date DESC NULLS LAST, title) among published meetings, and
  the oldest-first sort, read in index order, so a page is a short index scan rather than a
  sort of every matching meeting. PostgreSQL needs NULLS LAST in the index to match;
  SQLite cannot put it in an index, but its DESC already sorts NULLs last, so the newest
  first index serves there too (oldest first, with NULLs last, is sorted on SQLite).
* Meetings by topic: the link table is indexed (meeting, topic) for its uniqueness and by
  topic alone; (topic, meeting) answers the filter and the facet from the index alone.
"""

from django.db import migrations, models

POSTGRESQL = [
    (
        "meeting_published_newest_idx",
        "meetings_meeting (status, date DESC NULLS LAST, title)",
    ),
    (
        "meeting_published_oldest_idx",
        "meetings_meeting (status, date ASC NULLS LAST, title)",
    ),
    ("meeting_topics_topic_meeting_idx", "meetings_meeting_topics (topic_id, meeting_id)"),
]
SQLITE = [
    ("meeting_published_newest_idx", "meetings_meeting (status, date DESC, title)"),
    ("meeting_topics_topic_meeting_idx", "meetings_meeting_topics (topic_id, meeting_id)"),
]


def indexes(schema_editor):
    return {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(schema_editor.connection.vendor, [])


def forward(apps, schema_editor):
    for name, target in indexes(schema_editor):
        schema_editor.execute(f"CREATE INDEX {name} ON {target}", None)


def backward(apps, schema_editor):
    for name, _ in indexes(schema_editor):
        schema_editor.execute(f"DROP INDEX {name}", None)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_search_and_data_version")]

    operations = [
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["status", "title"], name="meeting_status_title_idx"),
        ),
        migrations.RunPython(forward, backward),
    ]
