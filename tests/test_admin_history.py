"""
Every change in the admin is a version in the record's history, by whom and when, with each
field's old and new values, and any version can be taken back; publishing from the list is
logged per meeting. Loads and generated data write no history, so they stay fast.
"""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from meetings.models import Meeting, Official, Participation, Topic
from meetings.models.history import BASELINE_REASON

from .admin_support import change_form_data

pytestmark = pytest.mark.django_db

POMPEO = "2018-05-pompeo-videgaray-washington"


def change_page(client, meeting):
    return client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))


def save_changed(client, meeting, **changes):
    data = change_form_data(change_page(client, meeting))
    data.update(changes)
    response = client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def history_page(client, meeting):
    response = client.get(reverse("admin:meetings_meeting_history", args=[meeting.pk]))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())  # the markup's spacing, normalised


def test_loads_write_no_history():
    # The session's database was filled by load_fixtures: raw saves, many-to-many included.
    assert not Meeting.history.exists()
    assert not Participation.history.exists()
    assert not Official.history.exists()


def test_the_history_shows_each_change_old_and_new_by_whom(admin_client_logged_in):
    meeting = Meeting.objects.get(slug=POMPEO)
    old_title = meeting.title
    save_changed(admin_client_logged_in, meeting, title="Pompeo and Videgaray in Washington")

    versions = list(Meeting.history.filter(id=meeting.pk).order_by("history_date"))
    assert [v.history_change_reason for v in versions] == [BASELINE_REASON, None]
    assert versions[0].history_user is None and versions[0].title == old_title
    assert versions[1].history_user.username == "editor"
    page = history_page(admin_client_logged_in, meeting)
    assert f"<strong>Title:</strong> {old_title} &nbsp;&rarr;&nbsp;&nbsp;Pompeo and" in page
    assert "Changed Title." in page  # the admin's log, below


def test_topics_and_sources_are_part_of_the_version_a_save_records(admin_client_logged_in):
    meeting = Meeting.objects.get(slug=POMPEO)
    before = set(meeting.topics.values_list("pk", flat=True))
    agriculture = Topic.objects.get(slug="agriculture")
    topics = [str(pk) for pk in before | {agriculture.pk}]
    save_changed(admin_client_logged_in, meeting, topics=topics)

    versions = Meeting.history.filter(id=meeting.pk).order_by("history_date")
    assert versions.count() == 2  # one save, one version (and the one before it)
    latest = versions.last()
    assert agriculture.pk in set(latest.topics.values_list("topic_id", flat=True))
    assert set(versions.first().topics.values_list("topic_id", flat=True)) == before
    assert "Agriculture" in history_page(admin_client_logged_in, meeting)


def test_a_participants_change_is_in_its_history_with_the_editor(admin_client_logged_in):
    meeting = Meeting.objects.get(slug=POMPEO)
    row = meeting.participations.order_by("pk").first()
    prefix = f"participations-{list(meeting.participations.order_by('order', 'pk')).index(row)}"
    save_changed(admin_client_logged_in, meeting, **{f"{prefix}-role": "member"})
    latest = Participation.history.filter(id=row.pk).latest()
    assert latest.role == "member" and latest.history_user.username == "editor"
    # The rows have no page of their own: the meeting's history shows what they changed.
    page = history_page(admin_client_logged_in, meeting)
    assert "<strong>Role:</strong> Head of delegation &rarr; Member of delegation" in page


def test_a_version_can_be_taken_back(admin_client_logged_in):
    meeting = Meeting.objects.get(slug=POMPEO)
    old_title, old_topics = meeting.title, set(meeting.topics.all())
    agriculture = Topic.objects.get(slug="agriculture")
    topics = [str(topic.pk) for topic in old_topics | {agriculture}]
    save_changed(admin_client_logged_in, meeting, title="A wrong title", topics=topics)
    first = Meeting.history.filter(id=meeting.pk).earliest()
    url = reverse("admin:meetings_meeting_simple_history", args=[meeting.pk, first.history_id])
    assert url in history_page(admin_client_logged_in, meeting)

    form_page = admin_client_logged_in.get(url)
    assert form_page.status_code == 200
    assert "Revert" in form_page.content.decode()
    response = admin_client_logged_in.post(url, change_form_data(form_page))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == old_title and set(meeting.topics.all()) == old_topics
    versions = Meeting.history.filter(id=meeting.pk)
    assert versions.count() == 3  # as it was, the wrong title, and the revert: one version
    assert versions.latest().history_user.username == "editor"
    assert set(versions.latest().topics.values_list("topic_id", flat=True)) == {
        topic.pk for topic in old_topics
    }


def select_and_act(client, action, meetings):
    return client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": action, "_selected_action": [str(m.pk) for m in meetings]},
    )


def test_publishing_from_the_list_is_logged_per_meeting_with_the_editor(admin_client_logged_in):
    drafts = list(Meeting.objects.order_by("pk")[:2])
    Meeting.objects.filter(pk__in=[m.pk for m in drafts]).update(status="draft")

    assert select_and_act(admin_client_logged_in, "publish", drafts).status_code == 302
    assert select_and_act(admin_client_logged_in, "unpublish", drafts[:1]).status_code == 302

    for meeting, messages in zip(
        drafts, [["Published.", "Returned to draft."], ["Published."]], strict=True
    ):
        entries = LogEntry.objects.filter(object_id=str(meeting.pk)).order_by("action_time")
        assert [e.get_change_message() for e in entries] == messages
        assert {e.user.username for e in entries} == {"editor"}
    page = history_page(admin_client_logged_in, drafts[0])
    assert "Returned to draft." in page and "Published." in page
    assert re.search(r"Status:</strong> Draft &nbsp;&rarr;&nbsp;&nbsp;Published", page)
    assert "Published from the list of meetings" in page  # the version's reason
