"""
The conflicts loads leave, settled in the admin: each shows the incoming and current values
field by field; an editor keeps the current record or takes the incoming one, and the next
load of the same version lists nothing again.
"""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from meetings.models import LoadConflict, LoadedRecord, Meeting, Topic

from .test_loading import POMPEO, changed_fixture, edit_as_an_editor, load

pytestmark = pytest.mark.django_db


def resummarise(item):
    if item["model"] == "meetings.meeting" and item["fields"]["slug"] == POMPEO:
        item["fields"]["summary"] = "The fixture's new summary."


@pytest.fixture
def conflict(tmp_path):
    """A meeting changed both by an editor and in the fixtures; and the changed fixture."""
    edit_as_an_editor()
    fixture = changed_fixture(tmp_path, "meetings", resummarise)
    assert "1 conflict" in load(fixture)
    return LoadConflict.objects.open().get(), fixture


def conflict_page(client, conflict):
    response = client.get(reverse("admin:meetings_loadconflict_change", args=[conflict.pk]))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_open_conflicts_are_listed_and_shown_field_by_field(admin_client_logged_in, conflict):
    conflict, _ = conflict
    assert listed_open(admin_client_logged_in, conflict)

    page = conflict_page(admin_client_logged_in, conflict)
    assert (
        '<tr class="conflict-differs"><th scope="row">summary</th>'
        "<td>The fixture&#x27;s new summary.</td><td>An editor&#x27;s summary.</td></tr>"
    ) in page
    assert '<tr class=""><th scope="row">title</th>' in page  # the same on both sides
    assert 'name="_keep_current"' in page and 'name="_take_incoming"' in page


def test_keeping_the_current_record(admin_client_logged_in, conflict):
    conflict, fixture = conflict
    url = reverse("admin:meetings_loadconflict_change", args=[conflict.pk])
    assert admin_client_logged_in.post(url, {"_keep_current": "1"}).status_code == 302

    conflict.refresh_from_db()
    assert conflict.resolution == "kept current" and conflict.resolved_by.username == "editor"
    assert Meeting.objects.get(slug=POMPEO).summary == "An editor's summary."
    record = LoadedRecord.objects.get(model="meetings.meeting", key=conflict.key)
    assert record.fingerprint == conflict.fingerprint
    assert "kept edit" in load(fixture)
    assert not LoadConflict.objects.open().exists()
    assert not listed_open(admin_client_logged_in, conflict)


def test_taking_the_incoming_record(admin_client_logged_in, conflict):
    conflict, fixture = conflict
    response = admin_client_logged_in.post(
        reverse("admin:meetings_loadconflict_changelist"),
        {"action": "take_incoming", "_selected_action": [str(conflict.pk)]},
    )
    assert response.status_code == 302

    meeting = Meeting.objects.get(slug=POMPEO)
    assert meeting.summary == "The fixture's new summary."
    assert not meeting.topics.filter(slug="agriculture").exists()  # the fixture's topics
    assert meeting.created is not None
    conflict.refresh_from_db()
    assert conflict.resolution == "took incoming" and conflict.resolved_by.username == "editor"
    assert "unchanged" in load(fixture)
    assert not LoadConflict.objects.open().exists()

    # In the meeting's history, by the editor, after the editor's own change.
    versions = list(Meeting.history.filter(id=meeting.pk).order_by("history_date"))
    assert [v.summary for v in versions][-2:] == ["An editor's summary.", meeting.summary]
    assert versions[-1].history_user.username == "editor"
    assert "Took the incoming version from fixtures" in versions[-1].history_change_reason
    assert LogEntry.objects.filter(object_id=str(meeting.pk)).exists()


def test_taking_an_incoming_record_without_history(admin_client_logged_in, tmp_path):
    topic = Topic.objects.get(slug="trade")
    topic.description = "An editor's description."
    topic.save()

    def redescribe(item):
        if item["model"] == "meetings.topic" and item["fields"]["slug"] == "trade":
            item["fields"]["description"] = "Goods and services."

    fixture = changed_fixture(tmp_path, "reference", redescribe)
    assert "1 conflict" in load(fixture)
    conflict = LoadConflict.objects.open().get()
    url = reverse("admin:meetings_loadconflict_change", args=[conflict.pk])
    assert admin_client_logged_in.post(url, {"_take_incoming": "1"}).status_code == 302
    assert Topic.objects.get(slug="trade").description == "Goods and services."
    assert "unchanged" in load(fixture)


def listed_open(client, conflict):
    response = client.get(reverse("admin:meetings_loadconflict_changelist"))
    return f"/{conflict.pk}/change/" in response.content.decode()
