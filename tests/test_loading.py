"""Loading the fixtures is additive: an editor's work is never overwritten, conflicts are listed."""

import io
import json

import pytest
from django.core.management import call_command

from meetings.loading.fixtures import fixture_path, load_fixtures
from meetings.models import LoadConflict, LoadedRecord, Meeting, Official, Topic

pytestmark = pytest.mark.django_db

FIXTURES = ["reference", "officials", "sources", "meetings"]
POMPEO = "2018-05-pompeo-videgaray-washington"


def load(*names):
    out = io.StringIO()
    call_command("load_fixtures", *(names or FIXTURES), stdout=out)
    return out.getvalue()


def changed_fixture(tmp_path, name, change):
    """A copy of fixture `name` with change(item) applied to every item, at a path to load."""
    items = json.loads(fixture_path(name).read_text(encoding="utf-8"))
    for item in items:
        change(item)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    return str(path)


def edit_as_an_editor():
    meeting = Meeting.objects.get(slug=POMPEO)
    meeting.summary = "An editor's summary."
    meeting.save()
    meeting.topics.add(Topic.objects.get(slug="agriculture"))
    official = Official.objects.get(slug="mike-pompeo")
    official.notes = "An editor's note."
    official.save()
    topic = Topic.objects.get(slug="trade")
    topic.description = "An editor's description."
    topic.save()


def assert_edits_intact():
    meeting = Meeting.objects.get(slug=POMPEO)
    assert meeting.summary == "An editor's summary."
    assert meeting.topics.filter(slug="agriculture").exists()
    assert Official.objects.get(slug="mike-pompeo").notes == "An editor's note."
    assert Topic.objects.get(slug="trade").description == "An editor's description."


def test_loading_again_changes_nothing():
    before = LoadedRecord.objects.count()
    assert "unchanged" in load() and "created" not in load()
    assert LoadedRecord.objects.count() == before > 150


def test_an_editors_changes_survive_every_load():
    edit_as_an_editor()
    out = load()
    load()
    assert_edits_intact()
    assert "3 kept edit" in out  # the meeting, the official, the topic
    assert not LoadConflict.objects.exists()


def test_a_record_nobody_edited_takes_the_fixtures_change(tmp_path):
    def rename(item):
        if item["model"] == "meetings.topic" and item["fields"]["slug"] == "agriculture":
            item["fields"]["description"] = "Crops and livestock."

    out = load(changed_fixture(tmp_path, "reference", rename))
    assert "1 updated" in out
    assert Topic.objects.get(slug="agriculture").description == "Crops and livestock."


def test_a_change_on_both_sides_is_listed_for_review_not_applied(tmp_path):
    edit_as_an_editor()

    def resummarise(item):
        if item["model"] == "meetings.meeting" and item["fields"]["slug"] == POMPEO:
            item["fields"]["summary"] = "The fixture's new summary."

    out = load(changed_fixture(tmp_path, "meetings", resummarise))
    assert "1 conflict" in out and "listed for review" in out
    assert_edits_intact()
    conflict = LoadConflict.objects.open().get()
    assert conflict.model == "meetings.meeting" and POMPEO in conflict.key
    assert conflict.incoming["fields"]["summary"] == "The fixture's new summary."
    assert conflict.current["fields"]["summary"] == "An editor's summary."
    load(changed_fixture(tmp_path, "meetings", resummarise))  # listed once, however often
    assert LoadConflict.objects.count() == 1


def test_a_record_an_editor_deleted_is_not_brought_back():
    Meeting.objects.get(slug=POMPEO).delete()
    out = load("meetings")
    assert "kept deleted" in out
    assert not Meeting.objects.filter(slug=POMPEO).exists()


def test_a_database_loaded_before_load_records_existed_keeps_its_edits():
    LoadedRecord.objects.all().delete()  # as loaddata left it
    edit_as_an_editor()
    load()
    assert_edits_intact()
    assert LoadConflict.objects.open().count() == 3


def test_dry_run_changes_nothing(tmp_path):
    def new_topic(item):
        if item["model"] == "meetings.topic" and item["fields"]["slug"] == "agriculture":
            item["fields"].update(slug="fisheries", name="Fisheries")

    out = io.StringIO()
    path = changed_fixture(tmp_path, "reference", new_topic)
    call_command("load_fixtures", path, dry_run=True, stdout=out)
    assert "Would load" in out.getvalue() and "1 created" in out.getvalue()
    assert not Topic.objects.filter(slug="fisheries").exists()


def test_load_fixtures_returns_counts_by_model():
    outcome = load_fixtures(["reference"])
    assert outcome.counts[("meetings.topic", "unchanged")] == Topic.objects.count()
