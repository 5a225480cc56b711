"""
A published meeting's page shows when it last changed and a public change log of its facts,
from the edit history: what changed and when, never who; in a fixed number of queries.
"""

import pytest

from meetings.models import Meeting, Official, Participation

pytestmark = pytest.mark.django_db

DIALOGUE = "2017-12-14-second-strategic-dialogue-on-tcos"
# The page's pin (tests/test_pages.py) and the change log's two queries.
QUERIES = 14


def published_with_history(slug=DIALOGUE):
    meeting = Meeting.objects.get(slug=slug)
    meeting.status = Meeting.Status.DRAFT
    meeting.save()
    meeting.status = Meeting.Status.PUBLISHED
    meeting.save()
    return meeting


def test_a_published_meeting_lists_its_changes_since_publication(client, django_user_model):
    meeting = published_with_history()
    meeting.title = "Second Strategic Dialogue, renamed"
    meeting.save()
    row = meeting.participations.select_related("official").first()
    row.role = Participation.Role.HOST if row.role != "host" else Participation.Role.MEMBER
    row.save()
    page = client.get(meeting.get_absolute_url()).content.decode()
    log = page[page.index('id="changes-heading"') :]
    assert "Last changed:" in page
    assert "Published" in log
    assert "Meeting changed — title" in log
    assert f"Participant changed — {row.official.name}" in log


def test_the_change_log_names_no_editor(client, django_user_model):
    editor = django_user_model.objects.create_user("desk-editor", "d@example.org", "x-long-pw")
    from simple_history.utils import update_change_reason  # noqa: F401

    meeting = published_with_history()
    row = meeting.participations.first()
    row.history_user = editor  # simple-history records this user
    row.role = Participation.Role.HOST if row.role != "host" else Participation.Role.MEMBER
    row.save()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "desk-editor" not in page


def test_a_meeting_without_history_shows_no_log(client):
    page = client.get(Meeting.objects.get(slug=DIALOGUE).get_absolute_url()).content.decode()
    assert 'id="changes-heading"' not in page


def test_the_change_log_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    meeting = published_with_history()
    with django_assert_num_queries(QUERIES):
        client.get(meeting.get_absolute_url())
    official = Official.objects.get(slug="luis-videgaray")
    for row in meeting.participations.exclude(official=official)[:3]:
        row.order += 1
        row.save()
    meeting.title = "Renamed"
    meeting.save()
    with django_assert_num_queries(QUERIES):
        assert client.get(meeting.get_absolute_url()).status_code == 200
