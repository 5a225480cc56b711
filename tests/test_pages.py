"""The public site: what each page shows, what each filter keeps and drops, and its cost."""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from meetings.models import Agreement, Meeting, Participation, Quote, Topic
from meetings.views import facets, officials

pytestmark = pytest.mark.django_db

POMPEO = "2018-05-pompeo-videgaray-washington"
EBRARD = "ebrard-receives-us-congressional-delegation"
HIGH_LEVEL = "2017-02-23-high-level-meeting-mexico-city"
DIALOGUE = "2017-12-14-second-strategic-dialogue-on-tcos"
NIELSEN = "2018-03-26-nielsen-pena-nieto-mexico-city"
ALL = {POMPEO, EBRARD, HIGH_LEVEL, DIALOGUE, NIELSEN}


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


def make_copies(count):
    original = Meeting.objects.get(slug=DIALOGUE)
    topics = list(original.topics.all())
    for index in range(count):
        copy = Meeting.objects.get(pk=original.pk)
        copy.pk = None
        copy.slug = f"copy-{index:03d}"
        copy.title = f"Copy {index:03d}"
        copy.save()
        copy.topics.set(topics)
        copy.sources.set(original.sources.all())


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


# ---------------------------------------------------------------- detail pages


def test_meeting_page_shows_everything_with_its_true_precision(client):
    response = client.get(reverse("meeting-detail", args=[POMPEO]))
    content = response.content.decode()
    assert (
        "<title>Secretary of State Pompeo and Foreign Secretary Videgaray meet in Washington (May 2018)"
        in content
    )
    assert 'datetime="2018-05"' in content
    assert "the day is not known" in content
    assert "1 May 2018" not in content  # never an invented day
    assert "Secretary of State" in content and "Secretary of Foreign Affairs" in content
    assert "four vital areas" in content
    assert reverse("official-detail", args=["mike-pompeo"]) in content
    assert reverse("source-detail", args=["four-areas-of-cooperation-between-us-mexico"]) in content
    assert reverse("meeting-detail-json", args=[POMPEO]) in content


def test_meeting_page_groups_sides_and_names_unnamed_delegations(client):
    response = client.get(reverse("meeting-detail", args=[EBRARD]))
    content = response.content.decode()
    assert "Date unknown" in content and "the source gives no date" in content
    assert "Members of the United States Senate and House of Representatives" in content
    assert "members not named in the source" in content
    sides = [side.code for side, _ in response.context["sides"]]
    assert sides == ["MX", "US"]


def test_meeting_page_separates_mentions_from_participants(client):
    response = client.get(reverse("meeting-detail", args=[DIALOGUE]))
    participants = {
        p.official.slug for _, people in response.context["sides"] for p in people["participants"]
    }
    assert "jeff-sessions" not in participants
    assert "Also named in the source, but not taking part" in response.content.decode()


def test_meeting_json_twin(client):
    data = client.get(reverse("meeting-detail-json", args=[POMPEO])).json()
    assert data["date"] == "2018-05"
    assert data["date_precision"] == "month"
    assert data["city"] == "Washington, D.C."
    assert {p["slug"] for p in data["participants"]} == {"mike-pompeo", "luis-videgaray"}
    pompeo = next(p for p in data["participants"] if p["slug"] == "mike-pompeo")
    assert pompeo == {
        "name": "Mike Pompeo",
        "slug": "mike-pompeo",
        "country": "US",
        "title": "Secretary of State",
        "agency": "U.S. Department of State",
        "role": "head",
        "passage": "U.S. Secretary of State Mike Pompeo and his Mexican counterpart, "
        "Foreign Secretary Luis Videgaray, met in Washington in early May",
        "source": "four-areas-of-cooperation-between-us-mexico",
    }
    assert data["quotes"][0]["speaker"] == "Mike Pompeo"


def test_official_page(client):
    response = client.get(reverse("official-detail", args=["luis-videgaray"]))
    content = response.content.decode()
    assert response.context["pagination"]["page"].paginator.count == 4
    assert "Secretary of Finance and Public Credit" in content  # an earlier post
    assert "Also written:" in content and "Luis Videgaray" in content
    met = dict((slug, n) for slug, _, n in response.context["met_most"])
    assert met["rex-tillerson"] == 2 and met["miguel-angel-osorio-chong"] == 2
    assert "luis-videgaray" not in met
    assert "?official=luis-videgaray&amp;official=rex-tillerson" in content


def test_official_page_pages_through_their_meetings_newest_first(client, monkeypatch):
    monkeypatch.setattr(officials, "RELATED_PER_PAGE", 3)
    make_copies(5)
    videgaray = Participation.objects.get(meeting__slug=DIALOGUE, official__slug="luis-videgaray")
    for index, copy in enumerate(Meeting.objects.filter(slug__startswith="copy-")):
        copy.date = copy.date.replace(year=2010 + index % 3)  # two pairs share a date
        copy.save()
        Participation.objects.create(
            meeting=copy,
            official=videgaray.official,
            side=videgaray.side,
            role=videgaray.role,
            position=videgaray.position,
            source=videgaray.source,
            passage=videgaray.passage,
            order=videgaray.order,
        )
    Meeting.objects.filter(slug="copy-004").update(status="draft")  # never listed
    meetings = Meeting.objects.published().filter(participations__official=videgaray.official)
    expected = [m.slug for m in sorted(meetings, key=lambda m: (-m.date.toordinal(), m.title))]
    assert len(expected) == 8

    shown = []
    for page in (1, 2, 3):
        response = client.get(reverse("official-detail", args=["luis-videgaray"]), {"page": page})
        assert response.context["pagination"]["page"].paginator.count == 8
        shown += [p.meeting.slug for p in response.context["pagination"]["page"].object_list]
    assert shown == expected
    assert "copy-004" not in shown


def test_official_page_shows_their_latest_quotes(client, monkeypatch):
    monkeypatch.setattr(officials, "OFFICIAL_QUOTES_SHOWN", 2)
    response = client.get(reverse("official-detail", args=["luis-videgaray"]))
    quotes = response.context["quotes"]
    assert len(quotes) == 2  # of his three
    assert [(q.meeting.slug, q.number) for q in quotes] == [(DIALOGUE, 3), (DIALOGUE, 4)]
    assert "The 2 latest of 3 quotes" in response.content.decode()
    response = client.get(reverse("official-detail", args=["miguel-angel-osorio-chong"]))
    assert len(response.context["quotes"]) == 2
    assert "latest quotes" not in response.content.decode()  # two of two: all shown


def test_official_page_of_someone_only_mentioned(client):
    response = client.get(reverse("official-detail", args=["jeff-sessions"]))
    assert response.context["pagination"]["page"].paginator.count == 0
    assert "Named in a source without taking part" in response.content.decode()


def test_agency_page_includes_bodies_within_it(client):
    response = client.get(reverse("agency-detail", args=["us-congress"]))
    assert [m.slug for m in response.context["pagination"]["page"]] == [EBRARD]
    assert "United States Senate" in response.content.decode()


def test_topic_page(client):
    response = client.get(reverse("topic-detail", args=["customs"]))
    assert [m.slug for m in response.context["pagination"]["page"]] == [NIELSEN]
    content = response.content.decode()
    assert "Agreement on customs compliance" in content
    assert reverse("topic-detail", args=["trade"]) in content  # its parent
    security = client.get(reverse("topic-detail", args=["security"])).context["officials"]
    assert security[0] == ("luis-videgaray", "Luis Videgaray Caso", 4)  # of its five
    assert [n for _, _, n in security] == sorted((n for _, _, n in security), reverse=True)


def test_source_page_highlights_each_quote_and_links_it(client):
    slug = "second-strategic-high-level-dialogue-on-disrupting-tcos"
    content = client.get(reverse("source-detail", args=[slug])).content.decode()
    quotes = Quote.objects.filter(source__slug=slug)
    assert quotes.count() == 6
    for quote in quotes:
        assert f'id="quote-{quote.pk}"' in content
    assert content.count("<mark>") == 9  # the six quotes, and where each other passage begins
    assert f'href="/meetings/{DIALOGUE}/#quote-6"' in content
    assert "<mark>there were no complaints or comments</mark>" in content


def test_every_fact_on_a_meeting_page_links_to_its_passage_in_its_source(client):
    for meeting in Meeting.objects.published():
        content = client.get(meeting.get_absolute_url()).content.decode()
        rows = [
            *[("participation", p) for p in meeting.participations.all()],
            *[("delegation", d) for d in meeting.delegations.all()],
            *[("mention", m) for m in meeting.mentions.all()],
            *[("agreement", a) for a in meeting.agreements.all()],
        ]
        for kind, row in rows:
            link = f"{row.source.get_absolute_url()}#{kind}-{row.pk}"
            assert f'href="{link}"' in content, link
            source_page = client.get(row.source.get_absolute_url()).content.decode()
            assert f'id="{kind}-{row.pk}"' in source_page, link
            assert row.passage in row.source.text
        for quote in meeting.quotes.all():
            assert f'href="{quote.source.get_absolute_url()}#quote-{quote.pk}"' in content


def test_source_text_is_escaped(client):
    from meetings.models import Source

    Source.objects.filter(slug="secure-trade-and-travel-between-us-and-mexico").update(
        text="<script>alert(1)</script> and more"
    )
    content = client.get(
        reverse("source-detail", args=["secure-trade-and-travel-between-us-and-mexico"])
    ).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content


@pytest.mark.parametrize(
    "url",
    [
        "/meetings/no-such-meeting/",
        "/meetings/no-such-meeting.json",
        "/officials/nobody/",
        "/officials/nobody.json",
        "/agencies/none/",
        "/topics/none/",
        "/sources/none/",
        "/no/such/page",
    ],
)
def test_unknown_things_are_friendly_404s(client, url):
    response = client.get(url)
    assert response.status_code == 404


def test_404_page_uses_the_site_layout(client, settings):
    settings.DEBUG = False
    content = client.get("/officials/nobody/").content.decode()
    assert "Page not found" in content and 'class="site-header"' in content


@pytest.mark.parametrize("url", ["/", "/officials/", "/agencies/", "/topics/", "/sources/"])
def test_index_pages(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "<title>" in response.content.decode()


def test_home_counts_and_links(client):
    response = client.get("/")
    assert response.context["counts"]["meetings"] == 5
    assert response.context["counts"]["officials"] == 13  # Trump and Sessions only mentioned
    content = response.content.decode()
    assert "?topic=security" in content
    assert reverse("official-detail", args=["luis-videgaray"]) in content


# ---------------------------------------------------------------- exports and feed


def test_csv_export(client):
    response = client.get(reverse("meeting-export-csv"), {"topic": "agriculture"})
    assert response["Content-Disposition"] == 'attachment; filename="bilateral-meetings.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row["slug"] for row in rows} == {EBRARD, NIELSEN}
    nielsen = next(row for row in rows if row["slug"] == NIELSEN)
    assert nielsen["date"] == "2018-03-26"
    assert "Kirstjen Nielsen (Secretary of Homeland Security" in nielsen["participants"]
    ebrard = next(row for row in rows if row["slug"] == EBRARD)
    assert ebrard["date"] == "" and ebrard["date_precision"] == "unknown"
    assert "Senate" in ebrard["delegations"]


def test_json_export_shape(client):
    response = client.get(reverse("meeting-export-json"), {"official": "alberto-elias-beltran"})
    data = json.loads(b"".join(response.streaming_content))
    assert data["count"] == 1
    (meeting,) = data["meetings"]
    assert set(meeting) == {
        "slug",
        "url",
        "title",
        "kind",
        "date",
        "date_end",
        "date_precision",
        "city",
        "country",
        "venue",
        "summary",
        "participants",
        "delegations",
        "mentions",
        "topics",
        "agreements",
        "quotes",
        "sources",
        "external_ids",
        "part_of",
    }
    assert meeting["external_ids"] == [] and meeting["part_of"] is None  # a release's meeting
    assert meeting["url"] == f"http://testserver/meetings/{DIALOGUE}/"
    beltran = next(p for p in meeting["participants"] if p["slug"] == "alberto-elias-beltran")
    assert beltran["title"] == "Acting Attorney General"
    assert meeting["sources"][0]["published"] is None


def test_feed_honours_filters(client):
    response = client.get(reverse("meeting-feed"), {"topic": "fentanyl-and-synthetic-drugs"})
    assert response.status_code == 200
    tree = ET.fromstring(response.content)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    titles = [entry.find("atom:title", ns).text for entry in tree.findall("atom:entry", ns)]
    assert titles == [
        "Foreign Secretary Ebrard receives a U.S. congressional delegation (Date unknown)"
    ]


# ---------------------------------------------------------------- queries


@pytest.mark.parametrize(
    ("url", "queries"),
    # Each count includes the first query, which reads the data version (for ETag and cache).
    [
        # The summary rows (meetings/summary): the home page's counts and tops in one query,
        # not seven; the whole list's count, facets and timeline in one, not three.
        ("/", 5),  # the summary rows give every figure, the public sources' count too
        ("/meetings/", 6),  # a short list: its ids, then the page (see meeting_list)
        # A filtered list is counted and charted with its facets, in one query.
        ("/meetings/?topic=security&official=luis-videgaray&date_after=2017&q=secretary", 8),
        # and the meetings held during it, if a travel; and the meeting's versions for its
        # change log (+1; a meeting published with history, +1 more: tests/test_change_log.py)
        (f"/meetings/{DIALOGUE}/", 13),
        (f"/meetings/{DIALOGUE}.json", 11),
        ("/officials/", 4),
        # Its timeline, and its network: the people's countries, the pairs among them.
        ("/officials/luis-videgaray/", 13),
        # The twins give their page's meetings (the official's: their ids, then the page).
        ("/officials/luis-videgaray.json", 7),
        ("/agencies/", 2),
        ("/agencies/sre/", 12),
        ("/agencies/sre.json", 9),  # its posts, and a page of meetings: count, ids, rows
        ("/topics/", 2),
        ("/topics/security/", 9),  # counted, charted and ranked by its summary rows
        ("/topics/security.json", 7),
        ("/sources/", 3),  # paginated: the count, then the page
        # Its meetings, quotes, and the participations, delegations, mentions, agreements citing it.
        ("/sources/second-strategic-high-level-dialogue-on-disrupting-tcos/", 8),
    ],
)
def test_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    make_copies(25)
    Topic.objects.create(name="Extra", slug="extra")
    with django_assert_num_queries(queries):
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The data version, the count, the meetings, and one query per relation.
        ("/meetings/export.json", 11),
        ("/meetings/export.csv", 10),
    ],
)
def test_exports_run_a_fixed_number_of_queries(client, django_assert_num_queries, url, queries):
    make_copies(40)
    with django_assert_num_queries(queries):
        b"".join(client.get(url).streaming_content)


def test_a_topics_count_is_its_published_meetings(client):
    make_copies(25)
    Meeting.objects.filter(slug="copy-004").update(status="draft")  # counted no more
    security = Topic.objects.get(slug="security")
    published = Meeting.objects.published().filter(topics=security).count()
    assert Meeting.objects.filter(topics=security).count() == published + 1
    assert client.get("/topics/security.json").json()["meeting_count"] == published
    page = client.get("/topics/security/").content.decode()
    assert f"Meetings ({published})" in page


def test_a_topic_lists_its_latest_agreements_and_says_there_are_more(client):
    security = Topic.objects.get(slug="security")
    meetings = list(Meeting.objects.published().filter(topics=security).order_by("date"))
    for number in range(12):  # on its meetings, oldest to newest
        meeting = meetings[number % len(meetings)]
        source = meeting.sources.first()
        agreement = meeting.agreements.create(
            title=f"Agreement {number:02d}", source=source, passage=source.text[:40]
        )
        agreement.topics.add(security)
    expected = Agreement.objects.published().filter(topics=security).select_related("meeting")
    twin = client.get("/topics/security.json").json()
    assert twin["more_agreements"] and expected.count() > 12
    dates = {a.title: a.meeting.date or datetime.date.min for a in expected}
    titles = [a["title"] for a in twin["agreements"]]
    listed = [dates[title] for title in titles]
    unlisted = [date for title, date in dates.items() if title not in titles]
    assert len(listed) == 10 and listed == sorted(listed, reverse=True)  # newest first
    assert max(unlisted) <= min(listed)
    page = client.get("/topics/security/").content.decode()
    assert page.count("<li><strong>") == 10
    assert "The latest 10 only." in page
    assert "Solo los 10 más recientes." in client.get("/es/topics/security/").content.decode()
    assert not client.get("/topics/migration.json").json()["more_agreements"]
    assert "The latest" not in client.get("/topics/migration/").content.decode()


def test_a_twin_gives_its_pages_meetings_and_links_to_the_rest(client):
    make_copies(25)  # copies of a security dialogue: 20 meetings to a page
    path = "/topics/security.json"
    first = client.get(path).json()
    assert (first["page"], first["pages"], first["previous"]) == (1, 2, None)
    assert first["next"] == f"http://testserver{path}?page=2"
    second = client.get(path, {"page": 2}).json()
    assert second["previous"] == f"http://testserver{path}?page=1"
    assert second["next"] is None
    paged = [m["slug"] for m in first["meetings"] + second["meetings"]]
    assert len(paged) == len(set(paged)) == first["meeting_count"]
    export = client.get(first["all_meetings"].removeprefix("http://testserver"))
    exported = json.loads(b"".join(export.streaming_content))
    assert [m["slug"] for m in exported["meetings"]] == paged  # the same meetings, in order


@pytest.mark.parametrize(
    "path", ["/officials/luis-videgaray.json", "/agencies/sre.json", "/countries/US/MX.json"]
)
def test_every_twin_pages_its_meetings_alike(client, path):
    data = client.get(path).json()
    assert data["meeting_count"] == len(data["meetings"]) > 0  # one page of the fixtures
    assert (data["page"], data["pages"], data["next"], data["previous"]) == (1, 1, None, None)
    assert "/meetings/export.json?" in data["all_meetings"]
