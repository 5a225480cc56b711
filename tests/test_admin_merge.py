"""The review list of people an import could not tell apart: merge, or keep apart."""

import pytest
from django.urls import reverse

from meetings.models import Country, MergeCandidate, Official, OfficialAlias

pytestmark = pytest.mark.django_db


def doubtful_pair():
    kept = Official.objects.get(slug="rex-tillerson")
    made = Official.objects.create(
        name="Rex Wayne Tillerson",
        sort_name="Tillerson, Rex",
        slug="rex-wayne-tillerson",
        country=Country.objects.get(code="US"),
    )
    return MergeCandidate.objects.create(official=made, candidate=kept, score=86, reason="test")


def test_the_list_shows_both_records(admin_client_logged_in):
    doubtful_pair()
    content = admin_client_logged_in.get(reverse("admin:meetings_mergecandidate_changelist"))
    assert "Rex Wayne Tillerson" in content.content.decode()
    assert "Rex Tillerson" in content.content.decode()


def test_one_click_merges_and_keeps_the_name_as_an_alias(admin_client_logged_in):
    pair = doubtful_pair()
    response = admin_client_logged_in.post(
        reverse("admin:meetings_mergecandidate_changelist"),
        {"action": "merge", "_selected_action": [pair.pk]},
    )
    assert response.status_code == 302
    assert not Official.objects.filter(slug="rex-wayne-tillerson").exists()
    assert OfficialAlias.objects.filter(official__slug="rex-tillerson", name="Rex Wayne Tillerson")


def test_keep_apart_resolves_without_merging(admin_client_logged_in):
    pair = doubtful_pair()
    admin_client_logged_in.post(
        reverse("admin:meetings_mergecandidate_changelist"),
        {"action": "keep_apart", "_selected_action": [pair.pk]},
    )
    pair.refresh_from_db()
    assert pair.resolution == "kept apart"
    assert Official.objects.filter(slug="rex-wayne-tillerson").exists()
