"""
A draft is previewed by staff as its public page will show it, never cached nor indexed;
everyone else gets the public page's 404. The admin's "View on site" of a draft opens it.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from meetings.models import Meeting

from .admin_support import sign_in_with_second_factor

pytestmark = pytest.mark.django_db

POMPEO = "2018-05-pompeo-videgaray-washington"


@pytest.fixture
def draft():
    Meeting.objects.filter(slug=POMPEO).update(status=Meeting.Status.DRAFT)
    return Meeting.objects.get(slug=POMPEO)


def preview_url(meeting):
    return reverse("meeting-preview", args=[meeting.slug])


def test_staff_preview_a_draft_uncached_unindexed_with_a_banner(admin_client_logged_in, draft):
    response = admin_client_logged_in.get(preview_url(draft))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Draft preview" in page and "not published, visible to staff only" in page
    assert "Luis Videgaray" in page  # the page's facts, as the public page shows them
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    cache_control = response["Cache-Control"]
    assert {"no-cache", "no-store", "private"} <= {v.strip() for v in cache_control.split(",")}
    assert "ETag" not in response
    assert response["Content-Security-Policy"]


def test_visitors_and_anonymous_get_404_and_the_public_page_stays_404(
    client, django_user_model, draft
):
    assert client.get(preview_url(draft)).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    visitor = django_user_model.objects.create_user("visitor", "v@example.org", "pw-12345-long")
    client.force_login(visitor)
    assert client.get(preview_url(draft)).status_code == 404
    # Staff who may not view meetings do not see drafts either.
    visitor.is_staff = True
    visitor.save()
    sign_in_with_second_factor(client, visitor)
    assert client.get(preview_url(draft)).status_code == 404
    visitor.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    assert client.get(preview_url(draft)).status_code == 200


def test_a_preview_of_an_unknown_meeting_is_404(admin_client_logged_in):
    response = admin_client_logged_in.get(reverse("meeting-preview", args=["no-such-meeting"]))
    assert response.status_code == 404


def test_view_on_site_opens_a_drafts_preview_and_a_published_meetings_page(
    admin_client_logged_in, draft
):
    change = reverse("admin:meetings_meeting_change", args=[draft.pk])
    assert admin_client_logged_in.get(change).context["absolute_url"] == preview_url(draft)
    Meeting.objects.filter(pk=draft.pk).update(status=Meeting.Status.PUBLISHED)
    response = admin_client_logged_in.get(change)
    assert response.context["absolute_url"] == draft.get_absolute_url()
