"""
The meetings list: what each filter keeps and drops, bad filters and page numbers, facets,
counts, pagination, chips, sorts and the empty state.
"""

import json
import re

import pytest
from django.urls import reverse

from meetings.models import Meeting
from meetings.views import facets

from .releases import ALL, DIALOGUE, EBRARD, HIGH_LEVEL, NIELSEN, POMPEO, make_copies

pytestmark = pytest.mark.django_db


def listed(client, query=""):
    """The slugs of the meetings /meetings/?query lists, via the JSON twin and the page."""
    response = client.get(reverse("meeting-list") + "?" + query)
    items = response.content.decode().split('class="meeting-item"')[1:]
    page_slugs = {re.search(r'href="/meetings/([\w-]+)/"', item).group(1) for item in items}
    export = client.get(reverse("meeting-export-json") + "?" + query)
    assert export.status_code == response.status_code == 200, query
    data = json.loads(b"".join(export.streaming_content))
    export_slugs = {m["slug"] for m in data["meetings"]}
    assert data["count"] == len(export_slugs)
    assert page_slugs == export_slugs, query  # the export matches the list
    return export_slugs


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ALL),
        ("topic=nafta", {POMPEO}),
        ("topic=agriculture", {EBRARD, NIELSEN}),
        ("topic=nafta&topic=agriculture", {POMPEO, EBRARD, NIELSEN}),  # any of them
        ("topic=security&official=luis-videgaray", {POMPEO, HIGH_LEVEL, DIALOGUE, NIELSEN}),
        ("official=miguel-angel-osorio-chong", {HIGH_LEVEL, DIALOGUE}),
        ("official=luis-videgaray&official=rex-tillerson", {HIGH_LEVEL, DIALOGUE}),  # all of them
        ("official=luis-videgaray&official=marcelo-ebrard", set()),
        ("official=jeff-sessions", set()),  # mentioned, never a participant
        ("agency=us-congress", {EBRARD}),  # through the Senate and House delegation
        ("agency=us-department-of-homeland-security", {HIGH_LEVEL, DIALOGUE, NIELSEN}),
        ("agency=sre", {POMPEO, EBRARD, HIGH_LEVEL, DIALOGUE, NIELSEN}),
        ("agency=pgr", {DIALOGUE}),
        ("country=US", {POMPEO, DIALOGUE}),
        ("country=mx", {EBRARD, HIGH_LEVEL, NIELSEN}),
        ("city=washington-dc", {POMPEO, DIALOGUE}),
        ("city=mexico-city", {EBRARD, HIGH_LEVEL, NIELSEN}),
        ("kind=high-level-dialogue", {HIGH_LEVEL, DIALOGUE}),
        ("kind=congressional-delegation", {EBRARD}),
        ("date_after=2018", {POMPEO, NIELSEN}),
        ("date_before=2017", {HIGH_LEVEL, DIALOGUE}),
        ("date_after=2017-12&date_before=2018-03", {DIALOGUE, NIELSEN}),
        # "May 2018" may fall on any day of May: it matches a range that starts mid-May...
        ("date_after=2018-05-15", {POMPEO}),
        ("date_before=2018-05-15", {POMPEO, NIELSEN, HIGH_LEVEL, DIALOGUE}),
        # ...but not one that ends before May.
        ("date_before=2018-04-30", {NIELSEN, HIGH_LEVEL, DIALOGUE}),
        ("q=fentanyl", {EBRARD}),
        ("q=Pena+Nieto", {HIGH_LEVEL, NIELSEN}),
        ("q=PEÑA", {HIGH_LEVEL, NIELSEN}),
        ("q=Miguel+Osorio", {HIGH_LEVEL, DIALOGUE}),  # an alias
        ("q=nafta", {POMPEO, DIALOGUE}),
        ("q=nothing-matches-this", set()),
    ],
)
def test_filters_include_and_exclude(client, query, expected):
    assert listed(client, query) == expected


def test_an_undated_meeting_drops_out_of_date_filters(client):
    assert EBRARD in listed(client, "")
    assert EBRARD not in listed(client, "date_after=1900")


def test_draft_meetings_are_not_public(client):
    Meeting.objects.filter(slug=POMPEO).update(status="draft")
    assert POMPEO not in listed(client, "")
    assert client.get(reverse("meeting-detail", args=[POMPEO])).status_code == 404


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("topic=no-such-topic", "topic", "Select a valid choice"),
        ("official=nobody", "official", "Select a valid choice"),
        ("country=ZZ", "country", "Select a valid choice"),
        ("kind=party", "kind", "Select a valid choice"),
        ("date_after=2018-13", "date_after", "not a real date"),
        ("date_after=last+week", "date_after", "YYYY"),
        ("date_after=2019&date_before=2018", "date_before", "must not be before"),
        ("q=" + "x" * 201, "q", "at most 200 characters"),
        ("sort=sideways", "sort", "Select a valid choice"),
    ],
)
def test_bad_filters_are_explained_not_crashed(client, query, field, message):
    response = client.get(reverse("meeting-list") + "?" + query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    # The page still works: the form, the list and the facets are there.
    assert 'class="filters"' in response.content.decode()
    export = client.get(reverse("meeting-export-json") + "?" + query)
    assert export.status_code == 400
    assert field in export.json()["errors"]
    assert client.get(reverse("meeting-export-csv") + "?" + query).status_code == 400
    assert client.get(reverse("meeting-feed") + "?" + query).status_code == 400


def test_bad_filters_are_left_out_and_good_ones_kept(client):
    response = client.get(reverse("meeting-list"), {"topic": "nafta", "date_after": "junk"})
    assert response.status_code == 400
    assert [m.slug for m in response.context["pagination"]["page"]] == [POMPEO]


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("999999999999999999999", "showing the last page"),
        ("-3", "whole number from 1"),
        ("two", "whole number from 1"),
    ],
)
def test_odd_page_numbers_still_show_a_page(client, page, message):
    response = client.get(reverse("meeting-list"), {"page": page})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(response.context["pagination"]["page"]) == 5


def test_facets_wait_for_a_narrower_filter_when_many_meetings_match(client, monkeypatch):
    monkeypatch.setattr(facets, "FACETED_MAX", 3)
    message = "Counts by topic, official, country, kind and year appear when 3 meetings"
    response = client.get(reverse("meeting-list"), {"topic": "security"})  # all five
    assert response.context["facets"] == []
    assert message in response.content.decode()
    assert response.context["pagination"]["page"].paginator.count == 5  # the list is whole
    narrower = client.get(reverse("meeting-list"), {"topic": "security", "date_after": "2018"})
    assert [f["key"] for f in narrower.context["facets"]][:2] == ["topic", "official"]
    assert message not in narrower.content.decode()
    everything = client.get(reverse("meeting-list"), {"sort": "title"})  # unfiltered
    assert everything.context["facets"]
    assert message not in everything.content.decode()


def test_a_list_counts_no_further_than_counted_max(client, monkeypatch):
    monkeypatch.setattr(facets, "FACETED_MAX", 2)
    monkeypatch.setattr(facets, "COUNTED_MAX", 4)
    make_copies(9)  # the dialogue's topics: security among them
    note = "The timeline and the exact count appear when 4 meetings or fewer match"
    many = client.get(reverse("meeting-list"), {"date_after": "2017", "sort": "title"})
    assert many.status_code == 200
    assert "More than 4 meetings, page 1" in many.content.decode()
    assert note in many.content.decode()
    assert many.context["timeline"] is None and many.context["facets"] == []
    pages = many.context["pagination"]["page"]
    assert pages.paginator.count == 4 and len(pages.object_list) == 4  # the first four
    assert [m.slug for m in pages.object_list] == ["copy-000", "copy-001", "copy-002", "copy-003"]
    beyond = client.get(reverse("meeting-list"), {"date_after": "2017", "page": "2"})
    assert beyond.context["pagination"]["page"].number == 1
    message = "Pages go through the first 4 meetings only; showing page 1."
    assert message in beyond.content.decode()
    # Counted exactly, charted, and neither message: four or fewer, and the lists whose
    # count the summary rows give (the whole list, a topic's), however many.
    few = client.get(reverse("meeting-list"), {"q": "copy 003"})
    exact = [few, client.get(reverse("meeting-list")), client.get("/meetings/?topic=security")]
    for response in exact:
        assert response.context["more_than"] is None and response.context["timeline"]
        assert note not in response.content.decode()
    assert exact[1].context["pagination"]["page"].paginator.count == Meeting.objects.count()
    assert exact[2].context["pagination"]["page"].paginator.count > 4
    spanish = client.get("/es/meetings/", {"date_after": "2017"})
    assert "Más de 4 reuniones, página 1" in spanish.content.decode()


def test_pagination_keeps_every_filter(client):
    make_copies(30)
    response = client.get(
        reverse("meeting-list"), {"topic": "security", "kind": "high-level-dialogue"}
    )
    pagination = response.context["pagination"]
    assert pagination["page"].paginator.count == 32
    assert pagination["next"] == "?topic=security&kind=high-level-dialogue&page=2"
    second = client.get(reverse("meeting-list") + pagination["next"])
    assert len(second.context["pagination"]["page"]) == 12
    assert (
        'href="?topic=security&amp;kind=high-level-dialogue&amp;page=1"' in second.content.decode()
    )


def test_facets_count_within_the_current_filters_and_toggle(client):
    response = client.get(reverse("meeting-list"), {"official": "rex-tillerson"})
    facets = {facet["key"]: facet for facet in response.context["facets"]}
    topics = {item["label"]: item for item in facets["topic"]["items"]}
    assert topics["Security"]["count"] == 2
    assert topics["Drug trafficking"]["count"] == 2
    assert "NAFTA" not in topics  # only Pompeo's meeting had it
    assert topics["Security"]["url"] == "?official=rex-tillerson&topic=security"
    officials = {item["label"]: item for item in facets["official"]["items"]}
    assert officials["Rex Tillerson"]["active"]
    assert officials["Rex Tillerson"]["url"] == "?"  # clicking it again removes the filter
    assert (
        officials["Luis Videgaray Caso"]["url"] == "?official=rex-tillerson&official=luis-videgaray"
    )
    years = {item["label"]: item for item in facets["year"]["items"]}
    assert years == {
        "2017": {
            "label": "2017",
            "count": 2,
            "url": "?official=rex-tillerson&date_after=2017&date_before=2017",
            "active": False,
            "page": "",
        }
    }
    kinds = {item["label"]: item["count"] for item in facets["kind"]["items"]}
    assert kinds == {"High-level dialogue": 2}


def test_chips_remove_one_filter_each(client):
    response = client.get(
        reverse("meeting-list"),
        {"topic": ["security", "trade"], "official": "luis-videgaray", "page": "1"},
    )
    chips = {chip["label"]: chip["url"] for chip in response.context["chips"]}
    assert chips == {
        "Topic: Security": "?topic=trade&official=luis-videgaray",
        "Topic: Trade": "?topic=security&official=luis-videgaray",
        "Official: Luis Videgaray Caso": "?topic=security&topic=trade",
    }


def test_sort_orders(client):
    def order(sort):
        response = client.get(reverse("meeting-list"), {"sort": sort} if sort else {})
        return [m.slug for m in response.context["pagination"]["page"]]

    assert order("") == [POMPEO, NIELSEN, DIALOGUE, HIGH_LEVEL, EBRARD]  # undated last
    assert order("date")[:4] == [HIGH_LEVEL, DIALOGUE, NIELSEN, POMPEO]
    assert order("title")[0] == EBRARD


def test_empty_state(client):
    response = client.get(reverse("meeting-list"), {"q": "zzzz"})
    assert "No meetings match these filters" in response.content.decode()
