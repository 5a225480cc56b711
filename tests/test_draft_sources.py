"""
Nothing of a draft is public: a source cited only by draft meetings is 404 on its page and
its JSON twin, and absent from the sources' list, the home page's count and the exports,
like the meeting itself. The source JSON keeps the page's URL and the publisher's apart.
"""

import json
import re

import pytest
from django.urls import reverse

from meetings.models import Meeting, Source

pytestmark = pytest.mark.django_db

POMPEO = "2018-05-pompeo-videgaray-washington"
ITS_SOURCE = "four-areas-of-cooperation-between-us-mexico"  # cited by that meeting alone
OTHER_SOURCE = "secure-trade-and-travel-between-us-and-mexico"


@pytest.fixture
def draft():
    Meeting.objects.filter(slug=POMPEO).update(status="draft")


def listed_sources(client, page=1):
    response = client.get(reverse("source-list"), {"page": page})
    assert response.status_code == 200
    return re.findall(r'<li><a href="/sources/([^/"]+)/"', response.content.decode())


def exported_sources(client, path):
    body = b"".join(client.get(path).streaming_content).decode()
    return body


def test_published_sources_are_those_a_published_meeting_cites(draft):
    published = set(Source.objects.published().values_list("slug", flat=True))
    assert ITS_SOURCE not in published and OTHER_SOURCE in published
    assert len(published) == Source.objects.count() - 1


def test_a_source_cited_only_by_drafts_is_not_public(client, draft):
    assert client.get(reverse("source-detail", args=[ITS_SOURCE])).status_code == 404
    assert client.get(reverse("source-detail-json", args=[ITS_SOURCE])).status_code == 404
    assert ITS_SOURCE not in listed_sources(client)
    assert OTHER_SOURCE in listed_sources(client)
    assert client.get("/").context["counts"]["sources"] == Source.objects.count() - 1
    for path in ("/meetings/export.json", "/meetings/export.csv"):
        body = exported_sources(client, path)
        assert ITS_SOURCE not in body and "Four areas of cooperation" not in body


def test_the_same_source_is_public_once_its_meeting_is(client):
    assert client.get(reverse("source-detail", args=[ITS_SOURCE])).status_code == 200
    assert ITS_SOURCE in listed_sources(client)


def test_a_source_cited_by_a_draft_and_a_published_meeting_is_public(client, draft):
    other = Meeting.objects.get(slug="ebrard-receives-us-congressional-delegation")
    other.sources.add(Source.objects.get(slug=ITS_SOURCE))
    response = client.get(reverse("source-detail-json", args=[ITS_SOURCE]))
    assert response.status_code == 200
    # Its meetings and quotes are still only the published ones.
    assert json.loads(response.content)["meetings"] == [other.slug]


def test_the_sources_list_is_paginated(client, monkeypatch):
    from meetings.views import sources

    monkeypatch.setattr(sources, "SOURCES_PER_PAGE", 2)
    first, second, third = (
        listed_sources(client, 1),
        listed_sources(client, 2),
        listed_sources(client, 3),
    )
    assert len(first) == len(second) == 2 and len(third) == 1
    assert len(set(first + second + third)) == 5
    page = client.get(reverse("source-list")).content.decode()
    assert 'class="pagination"' in page and 'href="?page=2"' in page


def test_the_source_json_keeps_the_page_url_and_the_publishers(client):
    source = Source.objects.get(slug=OTHER_SOURCE)
    source.url = "https://www.dhs.gov/news/2018/03/26/secure-trade-and-travel"
    source.save()
    data = client.get(reverse("source-detail-json", args=[OTHER_SOURCE])).json()
    assert data["url"] == f"http://testserver/sources/{OTHER_SOURCE}/"
    assert data["source_url"] == source.url
    # Within a meeting's record, a source's "url" is the publisher's, as before.
    export = json.loads(exported_sources(client, "/meetings/export.json"))
    cited = [s for m in export["meetings"] for s in m["sources"] if s["slug"] == OTHER_SOURCE]
    assert cited[0]["url"] == source.url
