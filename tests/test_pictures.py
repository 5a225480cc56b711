"""The pictures' and citations' pure functions, alone: counts in, geometry or text out."""

import dataclasses
import datetime
import json
import math
import re

import icalendar
import pytest

from meetings import calendars, citations
from meetings.pictures import network, relations, timeline
from meetings.templatetags import picture_tags

# ---------------------------------------------------------------- timeline


def test_a_long_range_is_counted_by_year_with_empty_years_shown():
    rows = [(2001, 3, "day", 2), (2001, 7, "month", 1), (2005, 1, "year", 4)]
    grain, found, year_only = timeline.periods(rows)
    assert grain == "year"
    assert [(p.key, p.count) for p in found] == [
        ("2001", 3),
        ("2002", 0),
        ("2003", 0),
        ("2004", 0),
        ("2005", 4),
    ]
    assert year_only == []


def test_a_short_range_is_counted_by_month_and_year_only_meetings_apart():
    rows = [(2017, 2, "day", 1), (2017, 2, "day", 2), (2018, 5, "month", 1), (2018, 1, "year", 3)]
    grain, found, year_only = timeline.periods(rows)
    assert grain == "month"
    assert found[0].key == "2017-02" and found[0].count == 3
    assert found[-1].key == "2018-05" and found[-1].label == "May 2018"
    assert len(found) == 16  # February 2017 to May 2018, empty months included
    # Known only to 2018: counted in 2018, never spread over its months.
    assert year_only == [(2018, 3)]
    assert sum(p.count for p in found) == 4


def test_only_years_known_in_a_short_range_shows_years():
    grain, found, _ = timeline.periods([(2017, 1, "year", 2), (2018, 1, "year", 1)])
    assert grain == "year"
    assert [(p.key, p.count) for p in found] == [("2017", 2), ("2018", 1)]


def test_no_dated_meetings_make_no_bars():
    chart = timeline.timeline([(None, None, "unknown", 3)])
    assert chart.bars == [] and chart.total == 0


def test_bars_are_scaled_to_a_round_top_and_labelled_sparsely():
    rows = [(2000 + i, 1, "day", i + 1) for i in range(20)]
    chart = timeline.timeline(rows)
    assert len(chart.bars) == 20
    tallest = max(chart.bars, key=lambda bar: bar.height)
    assert tallest.period.count == 20
    assert tallest.y == pytest.approx(timeline.TOP)  # 20 is a round top: full height
    assert chart.bars[0].height < chart.bars[1].height
    assert sum(bar.labelled for bar in chart.bars) <= timeline.MAX_LABELS
    assert all(bar.x + bar.width <= timeline.WIDTH for bar in chart.bars)
    assert [tick.value for tick in chart.ticks] == [0, 10, 20]


@pytest.mark.parametrize(
    ("value", "ceiling"), [(0, 1), (1, 1), (3, 5), (7, 10), (11, 20), (60, 100)]
)
def test_nice_ceiling(value, ceiling):
    assert timeline.nice_ceiling(value) == ceiling


# ---------------------------------------------------------------- network

CENTRE = network.Person("luis", "Luis Videgaray", "MX", 0)
PEOPLE = [
    network.Person("mike", "Mike Pompeo", "US", 4),
    network.Person("rex", "Rex Tillerson", "US", 3),
    network.Person("enrique", "Enrique Peña Nieto", "MX", 5),
    network.Person("justin", "Justin Trudeau", "CA", 1),
]
LINKS = [("mike", "rex", 1), ("enrique", "mike", 2), ("mike", "nobody", 9)]


def test_the_network_is_the_same_for_the_same_data_in_any_order():
    one = network.network(CENTRE, PEOPLE, LINKS)
    two = network.network(CENTRE, list(reversed(PEOPLE)), list(reversed(LINKS)))
    assert [(n.person.slug, n.x, n.y) for n in one.nodes] == [
        (n.person.slug, n.x, n.y) for n in two.nodes
    ]


def test_the_network_puts_the_centre_in_the_middle_and_everyone_inside_the_picture():
    picture = network.network(CENTRE, PEOPLE, LINKS)
    centre = picture.nodes[0]
    assert centre.centre and (centre.x, centre.y) == (network.WIDTH / 2, network.HEIGHT / 2)
    for node in picture.nodes:
        assert 0 < node.x < network.WIDTH and 0 < node.y < network.HEIGHT


def test_edges_weigh_meetings_together_and_ignore_strangers():
    picture = network.network(CENTRE, PEOPLE, LINKS)
    weights = {(e.source.person.slug, e.target.person.slug): e.weight for e in picture.edges}
    assert weights[("luis", "enrique")] == 5
    assert weights[("mike", "rex")] == 1
    assert not any("nobody" in pair for pair in weights)
    heaviest = max(picture.edges, key=lambda e: e.weight)
    assert heaviest.stroke == network.MAX_STROKE


def test_colours_follow_countries_the_centres_first():
    picture = network.network(CENTRE, PEOPLE, LINKS)
    assert picture.legend == [("MX", "swatch-0"), ("US", "swatch-1"), ("CA", "swatch-2")]
    swatch = {n.person.slug: n.swatch for n in picture.nodes}
    assert swatch["enrique"] == swatch["luis"] == "swatch-0"
    assert swatch["mike"] == swatch["rex"] == "swatch-1"


def test_many_countries_share_the_last_colour():
    people = [network.Person(f"p{i}", f"P {i}", f"A{chr(65 + i)}", 1) for i in range(8)]
    colours = network.swatches(CENTRE, people)
    assert sorted(set(colours.values()))[-1] == "swatch-other"
    assert len(set(colours.values())) == network.SWATCHES + 1


def test_the_network_marks_escape_names_and_round_widths_half_up():
    people = [*PEOPLE, network.Person("odd", "O'Brien <& Co>", "IE", 2)]
    picture = network.network(CENTRE, people, LINKS)
    links = {p.slug: f"/meetings/?official=luis&official={p.slug}" for p in people}
    marks = picture_tags.network_marks(
        picture, [(node, links.get(node.person.slug, "")) for node in picture.nodes]
    )
    widths = re.findall(r"network__edge--w(\d+)", marks["edge_marks"])
    assert widths == [str(math.floor(edge.stroke + 0.5)) for edge in picture.edges]
    assert "O&#x27;Brien &lt;&amp; Co&gt; (IE): 2" in marks["node_links"]
    assert "&amp;official=odd" in marks["node_links"]
    assert marks["node_links"].count("<a ") == len(people)  # the centre has no link
    assert marks["node_marks"].count("network__node--centre") == 1
    picture.edges[0] = dataclasses.replace(picture.edges[0], stroke=2.5)
    marks = picture_tags.network_marks(picture, [])
    assert "network__edge--w3" in marks["edge_marks"]  # as floatformat:0, not round()


def test_a_network_of_one_has_no_edges():
    picture = network.network(CENTRE, [], [])
    assert picture.edges == [] and len(picture.nodes) == 1


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Mike Pompeo", "Mike Pompeo"),
        ("Andrés Manuel López Obrador", "A. M. López Obrador"),
        ("Miguel Ángel Osorio Chong", "M. Á. Osorio Chong"),
    ],
)
def test_long_names_are_shortened_for_the_picture(name, short):
    assert network.short_name(name) == short


# ---------------------------------------------------------------- topics over time


def test_topics_over_time_keeps_the_most_frequent_in_a_few_spans():
    rows = [
        ("trade", "Trade", 2001, 3),
        ("trade", "Trade", 2020, 1),
        ("security", "Security", 2010, 5),
    ]
    rows += [(f"t{i}", f"Topic {i}", 2005, 1) for i in range(10)]
    spans, table = relations.topics_over_time(rows)
    assert len(spans) <= relations.MAX_SPANS
    assert spans[0].first == 2001 and spans[-1].last == 2020
    assert [row[0] for row in table[:2]] == ["security", "trade"]
    assert len(table) == relations.TOPICS_SHOWN
    trade = table[1]
    assert trade[2] == 4 and sum(trade[3]) == 4 and trade[3][0] == 3


def test_spans_cover_every_year_once():
    found = relations.spans(1990, 2023)
    years = [y for span in found for y in range(span.first, span.last + 1)]
    assert years == list(range(1990, 2024))
    assert relations.spans(2018, 2018)[0].label == "2018"


# ---------------------------------------------------------------- citations

READ = datetime.date(2026, 11, 28)
LINK = "https://bilateral.example/meetings/a-b/"


def test_citation_formats_carry_the_date_at_its_precision_and_the_access_date():
    cited = citations.citation("a-b", "Pompeo & Videgaray {meet}", "2018-05", LINK, READ)
    assert cited["permalink"] == LINK and cited["accessed"] == "2026-11-28"
    assert cited["bibtex"].startswith("@misc{a-b,\n")
    assert r"title = {{Pompeo \& Videgaray \{meet\}}}" in cited["bibtex"]
    assert "year = {2018}" in cited["bibtex"] and "month = {5}" in cited["bibtex"]
    assert "day = " not in cited["bibtex"]
    assert "urldate = {2026-11-28}" in cited["bibtex"]
    ris = cited["ris"].splitlines()
    assert ris[0] == "TY  - ELEC" and ris[-1] == "ER  -"
    assert "DA  - 2018/05//" in ris and "Y2  - 2026/11/28" in ris and f"UR  - {LINK}" in ris
    (item,) = cited["csl_json"]
    assert item["issued"] == {"date-parts": [[2018, 5]]}
    assert item["accessed"] == {"date-parts": [[2026, 11, 28]]}
    assert item["URL"] == LINK and item["type"] == "webpage"
    json.dumps(cited)  # all of it is JSON


def test_an_undated_record_cites_no_date():
    cited = citations.citation("x", "Untitled", None, LINK, READ)
    assert "year" not in cited["bibtex"]
    assert "PY  -" not in cited["ris"]
    assert "issued" not in cited["csl_json"][0]


# ---------------------------------------------------------------- calendars


def test_calendar_events_are_all_day_with_an_exclusive_end():
    events = [
        calendars.Event("a@x", "One day", datetime.date(2018, 3, 26), None, "https://x/a/"),
        calendars.Event(
            "b@x",
            "Two days",
            datetime.date(2018, 2, 1),
            datetime.date(2018, 2, 2),
            "https://x/b/",
            location="Mexico City, Mexico",
        ),
    ]
    stamp = datetime.datetime(2026, 11, 28, tzinfo=datetime.UTC)
    body = calendars.calendar(events, "Bilateral", calendars.describe(2, 3, 500), stamp)
    parsed = icalendar.Calendar.from_ical(body)
    assert "3 matching meetings are known only to the month or the year" in str(
        parsed["x-wr-caldesc"]
    )
    one, two = parsed.walk("VEVENT")
    assert one["dtstart"].dt == datetime.date(2018, 3, 26)
    assert one["dtend"].dt == datetime.date(2018, 3, 27)
    assert two["dtend"].dt == datetime.date(2018, 2, 3)
    assert str(two["location"]) == "Mexico City, Mexico"


def test_calendar_description_says_when_it_holds_only_the_latest():
    assert "The latest 500 only." in calendars.describe(500, 0, 500)
    assert "left out" not in calendars.describe(3, 0, 500)
