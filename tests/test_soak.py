"""
The soak's editor reads the admin's change form as a browser posts it (bench/editor.py), and
posting the real meeting change page back that way saves it: the soak's edits are real saves.
"""

import pytest
from django.urls import reverse

from bench.editor import form_fields
from meetings.models import Meeting

FORM = """
<form id="other"><input name="elsewhere" value="no"></form>
<form id="meeting_form" method="post">
  <input type="hidden" name="csrfmiddlewaretoken" value="t0k">
  <input name="title" value="Tom &amp; Jerry">
  <input type="checkbox" name="ticked" checked><input type="checkbox" name="unticked">
  <select name="topics" multiple><option value="1" selected>a</option><option value="2">b</option>
    <option value="3" selected>c</option></select>
  <textarea name="notes">
first line &lt;kept&gt;</textarea>
  <input name="quotes-__prefix__-text" value="template row">
  <input type="submit" name="_save" value="Save">
</form>
"""


def test_the_form_is_read_as_a_browser_posts_it():
    assert form_fields(FORM, "meeting_form") == [
        ("csrfmiddlewaretoken", "t0k"),
        ("title", "Tom & Jerry"),
        ("ticked", "on"),
        ("topics", "1"),
        ("topics", "3"),
        ("notes", "first line <kept>"),
    ]


@pytest.mark.django_db
def test_the_change_page_posted_back_as_read_saves_the_meeting(admin_client_logged_in):
    meeting = Meeting.objects.get(slug="2018-05-pompeo-videgaray-washington")
    before = (set(meeting.topics.all()), meeting.participations.count(), meeting.sources.count())
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    page = admin_client_logged_in.get(url).content.decode()
    fields = [(name, value) for name, value in form_fields(page, "meeting_form") if name != "title"]
    data = {}
    for name, value in [*fields, ("title", "Retitled by the soak"), ("_save", "Save")]:
        data.setdefault(name, []).append(value)
    response = admin_client_logged_in.post(url, data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Retitled by the soak"
    after = (set(meeting.topics.all()), meeting.participations.count(), meeting.sources.count())
    assert after == before and before[1] > 0
