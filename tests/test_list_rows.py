"""
A list's rows (meetings/views/rows.py): each meeting with its participants in the meeting's
order and its topics by name, as links, read in three queries however many rows.
"""

import pytest
from django.db.models import Count

from meetings.models import Meeting, Official, Participation, Topic
from meetings.views.rows import list_rows

pytestmark = pytest.mark.django_db


def test_each_row_has_its_participants_in_order_and_its_topics_by_name():
    meetings = Meeting.objects.published().order_by("date", "pk")
    rows = list_rows(meetings)
    assert [row.pk for row in rows] == list(meetings.values_list("pk", flat=True))
    for row in rows:
        officials = Official.objects.filter(participations__meeting=row).order_by(
            "participations__order", "participations__pk"
        )
        assert row.people == [{"url": o.get_absolute_url(), "name": o.name} for o in officials]
        topics = Topic.objects.filter(meetings=row).order_by("name")
        assert row.topic_links == [{"url": t.get_absolute_url(), "name": t.name} for t in topics]
    assert any(len(row.people) > 1 for row in rows) and any(row.topic_links for row in rows)


def test_a_meeting_with_neither_has_empty_lists_and_another_row_is_untouched():
    alone = Meeting.objects.create(
        title="Unattended", slug="unattended", status="published", date_precision="unknown"
    )
    other = Meeting.objects.published().exclude(pk=alone.pk).filter(topics__isnull=False)[0]
    rows = list_rows(Meeting.objects.filter(pk__in=[alone.pk, other.pk]).order_by("title"))
    by_pk = {row.pk: row for row in rows}
    assert by_pk[alone.pk].people == [] and by_pk[alone.pk].topic_links == []
    assert by_pk[other.pk].topic_links and by_pk[other.pk].people


def test_the_order_of_participants_is_the_meetings_not_the_names(django_assert_num_queries):
    meeting = Meeting.objects.annotate(n=Count("participations")).filter(n__gt=1).first()
    first = Participation.objects.filter(meeting=meeting).order_by("order", "pk").first()
    Participation.objects.filter(pk=first.pk).update(order=1000)  # now the last
    with django_assert_num_queries(3):  # the rows, their participants, their topics
        (row,) = list_rows(Meeting.objects.filter(pk=meeting.pk))
    assert row.people[-1]["name"] == first.official.name != row.people[0]["name"]
