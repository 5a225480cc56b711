"""Pages' addresses built around the slug (models.base.slug_url) are reverse()'s own."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from meetings.models import Agency, Meeting, Official, Source, Topic
from meetings.models.base import slug_url

pytestmark = pytest.mark.django_db
NAMES = {
    Agency: "agency-detail",
    Meeting: "meeting-detail",
    Official: "official-detail",
    Source: "source-detail",
    Topic: "topic-detail",
}


@pytest.mark.parametrize("model", list(NAMES))
def test_every_record_links_where_reverse_does(model):
    for record in model.objects.all()[:20]:
        assert record.get_absolute_url() == reverse(NAMES[model], args=[record.slug])


def test_under_a_script_prefix_and_another_urlconf():
    set_script_prefix("/kb/")
    try:
        assert slug_url("topic-detail", "trade") == reverse("topic-detail", args=["trade"])
        assert slug_url("topic-detail", "trade").startswith("/kb/")
    finally:
        clear_script_prefix()
    with override_settings(ROOT_URLCONF="bench.urls"):
        assert slug_url("topic-detail", "trade") == reverse("topic-detail", args=["trade"])


def test_an_unusual_slug_goes_through_reverse():
    with pytest.raises(NoReverseMatch):  # as reverse() refuses it
        slug_url("topic-detail", "café")
