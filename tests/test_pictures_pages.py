"""
The pictures, country pages, calendar and citations on the public site: what each shows,
what each filter keeps and drops, bad addresses, and each page's fixed number of queries.
"""

import datetime
import re

import icalendar
import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from meetings.filters import SORTS, MeetingFilter
from meetings.models import Country, Delegation, Meeting, Participation, Source
from meetings.pictures.data import timeline_chart, timeline_rows
from meetings.versioning import uncached
from meetings.views.countries import latest_agreements, party_meetings, party_records

pytestmark = pytest.mark.django_db

POMPEO = "2018-05-pompeo-videgaray-washington"  # known to the month
NIELSEN = "2018-03-26-nielsen-pena-nieto-mexico-city"
DIALOGUE = "2017-12-14-second-strategic-dialogue-on-tcos"
HIGH_LEVEL = "2017-02-23-high-level-meeting-mexico-city"
EBRARD = "ebrard-receives-us-congressional-delegation"  # undated


def page(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, url
    return response, response.content.decode()


def bar_links(html):
    """{period: href} of the timeline's bars."""
    svg = re.search(r'<svg class="picture__links".*?</svg>', html, re.S).group(0)
    found = re.findall(
        r'<a href="([^"]+)" tabindex="-1"><rect[^>]*><title>([^:]+): (\d+)</title>', svg
    )
    return {label: (href.replace("&amp;", "&"), int(n)) for href, label, n in found}


def listed(client, href):
    return set(
        re.findall(
            r'class="meeting-item__title"><a href="/meetings/([\w-]+)/"',
            client.get(href).content.decode(),
        )
    )


def year_only_meeting(slug="year-only-2018", sides=("US",)):
    meeting = Meeting.objects.create(
        title="Known only to its year",
        slug=slug,
        date=datetime.date(2018, 1, 1),
        date_precision="year",
        status=Meeting.Status.PUBLISHED,
    )
    source = Source.objects.first()
    for code in sides:
        Delegation.objects.create(
            meeting=meeting,
            side=Country.objects.get(code=code),
            description="A delegation",
            source=source,
            passage=source.text[:20],
        )
    return meeting


# ---------------------------------------------------------------- timelines


def test_the_list_timeline_is_an_accessible_picture_with_a_table_twin(client):
    _, html = page(client, reverse("meeting-list"))
    assert 'role="img"' in html and 'aria-labelledby="timeline-title timeline-desc"' in html
    picture = re.search(r'<svg class="timeline__svg".*?</svg>', html, re.S).group(0)
    assert "<a " not in picture
    assert '<title id="timeline-title">' in html and '<desc id="timeline-desc">' in html
    assert "Meetings per month" in html  # February 2017 to May 2018: months
    assert "<table" in html and "The same counts as a table" in html
    assert "style=" not in re.search(r'<figure class="timeline".*?</figure>', html, re.S).group(0)
    bars = bar_links(html)
    assert bars["May 2018"][1] == 1 and bars["March 2018"][1] == 1 and bars["June 2017"][1] == 0
    assert sum(n for _, n in bars.values()) == 4  # the undated meeting has no bar


def test_the_table_twin_gives_each_period_with_meetings_its_link_and_count(client):
    _, html = page(client, reverse("meeting-list"), topic="security")
    table = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    rows = re.findall(
        r'<tr><th scope="row"><a href="([^"]+)">([^<]+)</a></th><td class="num">(\d+)</td>', table
    )
    assert (
        "/meetings/?topic=security&amp;date_after=2018-05&amp;date_before=2018-05",
        "May 2018",
        "1",
    ) in rows
    assert "June 2017" not in table  # a period without meetings has a bar's slot, not a row
    assert sum(int(n) for *_, n in rows) == sum(n for _, n in bar_links(html).values())


def test_each_bar_links_to_its_period_within_the_same_filters(client):
    _, html = page(client, reverse("meeting-list"), topic="security", sort="title", page="1")
    href, count = bar_links(html)["May 2018"]
    assert href == "/meetings/?topic=security&sort=title&date_after=2018-05&date_before=2018-05"
    assert listed(client, href) == {POMPEO}
    assert count == 1


def test_the_list_timeline_honours_every_filter(client):
    _, html = page(client, reverse("meeting-list"), official="mike-pompeo")
    bars = bar_links(html)
    assert {label for label, (_, n) in bars.items() if n} == {"May 2018"}  # includes
    assert sum(n for _, n in bars.values()) == 1  # and excludes the others
    _, html = page(client, reverse("meeting-list"), date_after="2018")
    assert "February 2017" not in bar_links(html)


def test_a_meeting_known_only_to_its_year_is_counted_in_its_year_not_a_month(client):
    year_only_meeting()
    _, html = page(client, reverse("meeting-list"))
    assert sum(n for _, n in bar_links(html).values()) == 4  # not in any month
    assert "2018, month not known" in html
    assert (
        "Known only to the year, so not in a month&#x27;s bar" in html
        or "so not in a month" in html
    )
    assert "/meetings/?date_after=2018&amp;date_before=2018" in html


def test_a_list_with_no_dated_meeting_draws_no_timeline(client):
    _, html = page(client, reverse("meeting-list"), q="no such words anywhere")
    assert "timeline__svg" not in html


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("/officials/mike-pompeo/", "official=mike-pompeo"),
        ("/agencies/sre/", "agency=sre"),
        ("/topics/security/", "topic=security"),
        ("/countries/US/MX/", "party=US&amp;party=MX"),
    ],
)
def test_detail_pages_have_a_timeline_linking_to_their_filtered_list(client, url, kept):
    _, html = page(client, url)
    assert 'class="timeline__svg"' in html
    assert f'href="/meetings/?{kept}&amp;date_after=' in html


# ---------------------------------------------------------------- network


def test_an_officials_network_links_each_person_to_their_meetings_together(client):
    _, html = page(client, reverse("official-detail", args=["luis-videgaray"]))
    figure = re.search(r'<figure class="network".*?</figure>', html, re.S).group(0)
    svg = re.search(r'<svg class="network__svg".*?</svg>', figure, re.S).group(0)
    assert 'role="img"' in svg and '<title id="network-title">' in svg and "<desc" in svg
    assert "<a " not in svg  # a picture holds no links: they lie over it, hidden from AT
    assert "style=" not in figure
    href = "/meetings/?official=luis-videgaray&amp;official=mike-pompeo"
    links = re.search(r'<svg class="picture__links" [^>]*aria-hidden="true".*?</svg>', figure, re.S)
    assert f'<a href="{href}" tabindex="-1">' in links.group(0)
    assert f'<a href="{href}">' in figure  # and in the table twin
    assert listed(client, href.replace("&amp;", "&")) == {POMPEO}
    assert 'class="network__edge network__edge--w' in svg
    assert "swatch-0" in svg and "swatch-1" in svg  # Mexico, then the US
    assert '<a href="/countries/MX/">MX</a>' in html and '<a href="/countries/US/">US</a>' in html
    assert "The same people as a table" in html


def test_the_network_is_the_same_on_every_request(client):
    url = reverse("official-detail", args=["luis-videgaray"])

    def svg():
        html = client.get(url).content.decode()
        return re.search(r'<svg class="network__svg".*?</svg>', html, re.S).group(0)

    first = svg()
    from django.core.cache import cache

    cache.clear()
    assert svg() == first


def test_someone_who_met_nobody_has_no_network(client):
    Participation.objects.filter(official__slug="luis-videgaray").exclude(
        meeting__slug=POMPEO
    ).delete()
    Participation.objects.filter(meeting__slug=POMPEO).exclude(
        official__slug="luis-videgaray"
    ).delete()
    _, html = page(client, reverse("official-detail", args=["luis-videgaray"]))
    assert "network__svg" not in html


# ---------------------------------------------------------------- countries


def test_countries_index_lists_each_party_with_its_meetings(client):
    year_only_meeting(sides=("US",))
    _, html = page(client, reverse("country-list"))
    assert '<a href="/countries/US/">United States</a>' in html
    assert '<a href="/meetings/?party=US">6</a>' in html
    assert '<a href="/meetings/?party=MX">5</a>' in html


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/countries/mx/", "/countries/MX/"),
        ("/countries/us/Mx/", "/countries/US/MX/"),
        ("/countries/mx.json", "/countries/MX.json"),
        ("/countries/us/mx.json", "/countries/US/MX.json"),
    ],
)
def test_country_codes_in_any_case_redirect_to_capitals(client, url, canonical):
    response = client.get(url)
    assert response.status_code == 301 and response["Location"] == canonical


@pytest.mark.parametrize(
    "url",
    [
        "/countries/ZZ/",
        "/countries/zz/",  # not redirected to a page that does not exist
        "/countries/US/ZZ/",
        "/countries/us/zz.json",
        "/countries/US/US/",
        "/countries/USA/",
        "/countries/1X/",
    ],
)
def test_unknown_countries_are_404s(client, url):
    assert client.get(url).status_code == 404


def test_a_country_page_shows_its_meetings_people_partners_and_visits(client):
    year_only_meeting(sides=("US",))
    response, html = page(client, reverse("country-detail", args=["US"]))
    assert response.context["pagination"]["page"].paginator.count == 6
    assert "Whom United States sent most" in html
    assert '<a href="/officials/mike-pompeo/">Mike Pompeo</a>' in html
    assert '<a href="/countries/US/MX/">Mexico</a>' in html  # the partners, each a pair page
    assert "Topics over time" in html and "Latest agreements and outcomes" in html


def test_a_pair_page_keeps_the_meetings_of_both_and_leaves_out_the_others(client):
    year_only_meeting(sides=("US",))  # the US alone: not a US–Mexico meeting
    response, html = page(client, reverse("country-pair", args=["US", "MX"]))
    slugs = {m.slug for m in response.context["pagination"]["page"].object_list}
    assert POMPEO in slugs and "year-only-2018" not in slugs
    assert "Whom United States sent most" in html and "Whom Mexico sent most" in html
    assert '<a href="/officials/luis-videgaray/">Luis Videgaray' in html


def test_a_pair_page_json_twin(client):
    data = client.get(reverse("country-pair-json", args=["US", "MX"])).json()
    assert data["countries"] == [
        {"code": "US", "name": "United States"},
        {"code": "MX", "name": "Mexico"},
    ]
    assert data["meeting_count"] == 5
    assert data["url"].endswith("/countries/US/MX/")
    assert {p["slug"] for p in data["sent_most"]["US"]} >= {"mike-pompeo"}
    assert POMPEO in {m["slug"] for m in data["meetings"]}
    assert set(data) >= {"topics_over_time", "agreements", "trips_and_visits", "partners"}


def test_meeting_pages_link_to_their_countries_and_the_pair(client):
    _, html = page(client, reverse("meeting-detail", args=[POMPEO]))
    assert '<a href="/countries/US/">United States</a>' in html
    assert 'href="/countries/' in html and "all their meetings" in html


def test_the_party_facet_links_to_each_countrys_page(client):
    _, html = page(client, reverse("meeting-list"))
    assert 'class="facet__page" href="/countries/MX/"' in html


# ---------------------------------------------------------------- calendar


def calendar(client, **params):
    response = client.get(reverse("meeting-calendar"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_the_calendar_holds_meetings_known_to_the_day_as_all_day_events(client):
    parsed = calendar(client)
    events = {str(e["url"]).rsplit("/", 2)[-2]: e for e in parsed.walk("VEVENT")}
    assert set(events) == {NIELSEN, DIALOGUE, HIGH_LEVEL}  # not the month's, nor the undated
    nielsen = events[NIELSEN]
    assert nielsen["dtstart"].dt == datetime.date(2018, 3, 26)
    assert nielsen["dtend"].dt == datetime.date(2018, 3, 27)  # exclusive
    assert "2 matching meetings are known only to the month" in str(parsed["x-wr-caldesc"])


def test_the_calendar_honours_the_lists_filters(client):
    parsed = calendar(client, topic="security", date_after="2018")
    assert [str(e["url"]).rsplit("/", 2)[-2] for e in parsed.walk("VEVENT")] == [NIELSEN]
    parsed = calendar(client, official="mike-pompeo")  # a month-precision meeting only
    assert parsed.walk("VEVENT") == []
    assert "1 matching meeting is known only" in str(parsed["x-wr-caldesc"])


def test_a_calendar_of_bad_filters_is_a_400(client):
    response = client.get(reverse("meeting-calendar"), {"date_after": "2018-13"})
    assert response.status_code == 400
    assert "date_after" in response.json()["errors"]


def test_the_list_links_to_its_calendar(client):
    _, html = page(client, reverse("meeting-list"), topic="security")
    assert 'href="/meetings/calendar.ics?topic=security"' in html


# ---------------------------------------------------------------- citations


def test_a_meeting_page_says_how_to_cite_it(client):
    _, html = page(client, reverse("meeting-detail", args=[POMPEO]))
    today = datetime.date.today().isoformat()
    assert "Cite this" in html
    assert f"http://testserver/meetings/{POMPEO}/" in html
    assert f'<time datetime="{today}">' in html
    assert (
        "@misc{" + POMPEO in html and "TY  - ELEC" in html and "&quot;container-title&quot;" in html
    )


def test_the_meeting_json_twin_carries_the_citation(client):
    data = client.get(reverse("meeting-detail-json", args=[POMPEO])).json()
    cited = data["citation"]
    assert cited["permalink"] == f"http://testserver/meetings/{POMPEO}/"
    assert cited["accessed"] == datetime.date.today().isoformat()
    assert cited["csl_json"][0]["issued"] == {"date-parts": [[2018, 5]]}
    assert "year = {2018}" in cited["bibtex"] and "DA  - 2018/05//" in cited["ris"]


# ---------------------------------------------------------------- queries


def copy_with_sides(count):
    """Copies of a US–Mexico meeting, participants included."""
    original = Meeting.objects.get(slug=NIELSEN)
    rows = list(original.participations.all())
    for index in range(count):
        copy = Meeting.objects.get(pk=original.pk)
        copy.pk, copy.slug, copy.title = None, f"copy-{index:03d}", f"Copy {index:03d}"
        copy.date = datetime.date(2000 + index % 20, 1 + index % 12, 1)
        copy.save()
        copy.topics.set(original.topics.all())
        for row in rows:
            row.pk, row.meeting = None, copy
            row.save()


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/countries/", 2),  # the data version, the parties
        # The data version, the countries, the summary's figures (the count, the timeline,
        # whom each side sent, partners, topics by year), the page (ids, rows, participants,
        # topics), agreements, trips and visits.
        ("/countries/US/", 9),
        ("/countries/US/MX/", 9),
        ("/countries/US/MX.json", 7),  # the page of meetings as the page has it: ids, rows
        ("/meetings/calendar.ics?party=US&party=MX", 4),  # version, party, counts, meetings
        (f"/meetings/{POMPEO}/", 12),  # with its change log (tests/test_change_log.py)
    ],
)
def test_new_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    copy_with_sides(25)
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_a_rare_party_is_found_whole_and_a_common_one_meeting_by_meeting(
    client, django_assert_num_queries
):
    # A party in fewer than one meeting in WALKED is grouped first, then sorted; either way
    # the page lists the same meetings, agreements and visits as the list's filter.
    copy_with_sides(60)
    other = Country.objects.get_or_create(code="CA", defaults={"name": "Canada"})[0].code
    rare = year_only_meeting(sides=(other, "US"))
    with django_assert_num_queries(10):  # as a common pair's, and the filter's look-up
        response, _ = page(client, reverse("country-pair", args=[other, "US"]))
    assert [m.slug for m in response.context["pagination"]["page"]] == [rare.slug]
    for codes in ([other], ["US"], ["MX", "US"]):
        countries = [Country.objects.get(code=code) for code in codes]
        expected = list(party_meetings(countries).order_by(*SORTS["-date"][1]))
        for total in (1, 10**6):  # walked, grouped
            figures = {"count": len(expected), "total": total}
            found = party_records(countries, figures)
            assert list(found.order_by(*SORTS["-date"][1])) == expected, (codes, total)
            agreements = list(latest_agreements(found))
            assert agreements == list(latest_agreements(party_meetings(countries)))
            assert all(a.meeting in expected for a in agreements)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "sort=date",
        "party=CA",
        "party=US",
        "party=US&party=MX",
        "party=MX&party=US&sort=date",
        "party=CA&party=US",
    ],
)
def test_a_partys_calendar_from_the_summary_is_the_filters_calendar(client, monkeypatch, query):
    # The whole calendar is counted by the summary rows; a country's or a pair's too, and it
    # walks the newest meetings. Forced through the list's filter instead: byte for byte the same.
    copy_with_sides(60)
    other = Country.objects.get_or_create(code="CA", defaults={"name": "Canada"})[0].code
    year_only_meeting(sides=(other, "US"))
    url = f"/meetings/calendar.ics?{query}"
    with uncached():
        summarized = client.get(url)
        monkeypatch.setattr(MeetingFilter, "narrowed", lambda filterset: {"forced"})
        filtered = client.get(url)
    assert summarized.status_code == filtered.status_code == 200
    assert summarized.content == filtered.content
    events = icalendar.Calendar.from_ical(summarized.content).walk("VEVENT")
    assert bool(events) == ("CA" not in query)  # Canada's one meeting is known to the year


def summarized_and_filtered(client, monkeypatch, url, finder, grouped_sql):
    """
    `url` too many for facets (here more than 30), answered from the summary rows and then
    through the filter alone (MeetingFilter.`finder` turned off): the same list. The first
    runs no query holding `grouped_sql`.
    """
    monkeypatch.setattr("meetings.views.facets.FACETED_MAX", 30)
    copy_with_sides(60)
    with uncached(), CaptureQueriesContext(connection) as queries:
        summarized = client.get(url)
    assert not any(grouped_sql in query["sql"] for query in queries)
    monkeypatch.setattr(MeetingFilter, finder, lambda filterset: None)
    with uncached():
        filtered = client.get(url)
    assert summarized.status_code == filtered.status_code == 200
    for response in (summarized, filtered):
        assert response.context["facets"] == []
    pages = [response.context["pagination"]["page"] for response in (summarized, filtered)]
    assert [m.slug for m in pages[0]] == [m.slug for m in pages[1]]
    assert pages[0].paginator.count == pages[1].paginator.count > 30
    timelines = [response.context["timeline"] for response in (summarized, filtered)]
    assert timelines[0].bars == timelines[1].bars
    assert timelines[0].links == timelines[1].links


@pytest.mark.parametrize(
    "query", ["party=US", "party=MX&party=US&sort=title", "party=US&page=2", "party=US&sort=date"]
)
def test_a_partys_list_from_the_summary_is_the_filters_list(client, monkeypatch, query):
    # A country's or a pair's list is counted and charted from the summary rows and walks the
    # newest meetings: the party is never grouped.
    summarized_and_filtered(client, monkeypatch, f"/meetings/?{query}", "parties_alone", "HAVING")


@pytest.mark.parametrize("query", ["topic=security", "topic=security&sort=title&page=2"])
def test_a_topics_list_from_the_summary_is_the_filters_list(client, monkeypatch, query):
    # A topic's list is counted and charted from the topic's summary rows: its timeline is
    # never grouped.
    summarized_and_filtered(client, monkeypatch, f"/meetings/?{query}", "topic_alone", "t_month")


def test_a_rare_topics_list_and_two_topics_are_faceted(client, monkeypatch):
    monkeypatch.setattr("meetings.views.facets.FACETED_MAX", 30)
    copy_with_sides(60)
    # A topic of 30 meetings or fewer, or two topics: faceted as any list, and charted from
    # the facets' query: the timeline is never grouped on its own.
    for query in ("topic=migration", "topic=migration&topic=nafta"):
        with uncached(), CaptureQueriesContext(connection) as queries:
            response = client.get(f"/meetings/?{query}")
        assert response.status_code == 200
        assert 0 < response.context["pagination"]["page"].paginator.count <= 30, query
        assert response.context["facets"], query
        assert not any("t_month" in query["sql"] for query in queries), query
        with uncached(), monkeypatch.context() as patched:
            patched.setattr(MeetingFilter, "topic_alone", lambda filterset: None)
            filtered = client.get(f"/meetings/?{query}")
        assert response.context["timeline"].bars == filtered.context["timeline"].bars
        assert response.context["facets"] == filtered.context["facets"]


@pytest.mark.parametrize("query", ["date_after=2005", "q=nielsen", "q=nielsen&date_before=2015"])
def test_a_list_too_many_for_facets_is_charted_by_its_count(client, monkeypatch, query):
    # Beyond FACETED_MAX, the query that counts a list groups it by month too: its timeline
    # is never grouped on its own, and is the one its meetings' own grouping charts.
    monkeypatch.setattr("meetings.views.facets.FACETED_MAX", 3)
    copy_with_sides(60)
    with uncached(), CaptureQueriesContext(connection) as queries:
        response = client.get(f"/meetings/?{query}")
    assert response.status_code == 200 and response.context["facets"] == []
    assert response.context["pagination"]["page"].paginator.count > 3
    assert not any("t_month" in query["sql"] for query in queries)
    within = list(response.context["params"].multi_items)
    meetings = MeetingFilter(response.wsgi_request.GET, queryset=Meeting.objects.published()).qs
    expected = timeline_chart(timeline_rows(meetings), within)
    assert response.context["timeline"].bars == expected.bars
    assert response.context["timeline"].links == expected.links


@pytest.mark.parametrize(
    "url",
    ["/countries/", "/countries/US/MX/", "/countries/MX.json", "/meetings/calendar.ics?party=MX"],
)
def test_new_pages_answer_conditional_requests(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["ETag"]
    again = client.get(url, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304
    Meeting.objects.filter(slug=POMPEO).update(title="Edited")  # a new data version
    assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == 200


def test_a_drafts_preview_offers_no_citation(admin_client_logged_in):
    Meeting.objects.filter(slug=POMPEO).update(status=Meeting.Status.DRAFT)
    response = admin_client_logged_in.get(reverse("meeting-preview", args=[POMPEO]))
    assert response.status_code == 200
    assert "Cite this" not in response.content.decode()


def test_the_home_page_leads_to_the_countries(client):
    _, html = page(client, reverse("home"))
    assert '<a href="/countries/">' in html


def test_a_timelines_caption_counts_with_the_languages_separator():
    chart = timeline_chart([(2018, 5, "day", 1234), (2019, 1, "day", 1)], [])
    context = {"chart": chart, "id": "t", "name": ""}
    english = render_to_string("meetings/includes/timeline.html", context)
    assert "1,235 dated meetings" in english
    with translation.override("es"):
        spanish = render_to_string("meetings/includes/timeline.html", context)
    assert "1\xa0235 reuniones con fecha" in spanish  # as intcomma groups in Spanish
