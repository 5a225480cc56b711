"""The public site: what each page shows, what each export gives, and its cost."""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from meetings.models import Agreement, Meeting, Participation, Quote, Topic
from meetings.views import officials

from .releases import DIALOGUE, EBRARD, NIELSEN, POMPEO, make_copies

pytestmark = pytest.mark.django_db


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
