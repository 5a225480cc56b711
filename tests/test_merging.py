"""Merging two records of one person: everything moves, the name stays as an alias."""

import pytest

from meetings.merging import merge_officials
from meetings.models import (
    Country,
    MergeCandidate,
    Official,
    OfficialAlias,
    Participation,
    Position,
)

pytestmark = pytest.mark.django_db


def test_a_merge_moves_everything_and_keeps_the_name_as_an_alias():
    kept = Official.objects.get(slug="rex-tillerson")
    twin = Official.objects.create(
        name="Rex Wayne Tillerson",
        sort_name="Tillerson, Rex",
        slug="rex-wayne-tillerson",
        country=Country.objects.get(code="US"),
    )
    meeting = Participation.objects.filter(official=kept).first().meeting
    elsewhere = Participation.objects.exclude(meeting=meeting).exclude(official=kept).first()
    Participation.objects.create(
        meeting=elsewhere.meeting,
        official=twin,
        side=twin.country,
        source=elsewhere.source,
        passage=elsewhere.passage,
        order=9,
    )
    Participation.objects.create(  # both records in one meeting: the kept one's row stays
        meeting=meeting,
        official=twin,
        side=twin.country,
        source=elsewhere.source,
        passage=elsewhere.passage,
        order=9,
    )
    agency = Position.objects.filter(official=kept).first().agency
    Position.objects.create(official=twin, agency=agency, title="Envoy")
    MergeCandidate.objects.create(official=twin, candidate=kept, score=90, reason="test")
    merge_officials(twin, kept)
    assert not Official.objects.filter(pk=twin.pk).exists()
    assert OfficialAlias.objects.filter(official=kept, name="Rex Wayne Tillerson").exists()
    assert Participation.objects.filter(official=kept, meeting=elsewhere.meeting).exists()
    assert Participation.objects.filter(official=kept, meeting=meeting).count() == 1
    assert Position.objects.filter(official=kept, title="Envoy").exists()
    assert not MergeCandidate.objects.filter(official_id=twin.pk).exists()


def test_an_official_is_not_merged_into_themselves():
    kept = Official.objects.get(slug="rex-tillerson")
    with pytest.raises(ValueError):
        merge_officials(kept, kept)
