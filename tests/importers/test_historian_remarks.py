"""Counterparts, unnamed delegations and the accompanied-the-President flag from trips' remarks."""

import datetime

import pytest

from meetings.importers.historian import countries, records, remarks
from meetings.importers.historian.remarks import parse_remarks

D = datetime.date


def people(parsed):
    return [(person.name, person.title, person.side) for person in parsed.people]


def test_met_with_the_president_and_the_foreign_minister():
    text = "Met with President Emmanuel Macron and Foreign Minister Jean-Yves Le Drian."
    parsed = parse_remarks(text, "FR", D(2017, 7, 13))
    assert people(parsed) == [
        ("Emmanuel Macron", "President", "FR"),
        ("Jean-Yves Le Drian", "Foreign Minister", "FR"),
    ]
    macron, le_drian = parsed.people
    assert macron.passage.text == "President Emmanuel Macron"
    assert text[macron.passage.start : macron.passage.end] == macron.passage.text
    assert (le_drian.canonical_title, le_drian.agency) == ("Foreign Minister", "foreign-ministry")
    assert macron.role == "host" and not parsed.delegations and not parsed.accompanied_president


def test_a_companion_who_joined_the_secretary_is_on_the_us_side():
    text = (
        "Discussed bilateral relations with President Enrique Pena Nieto and Foreign Minister "
        "Luis Videgaray. Was joined by Secretary of Homeland Security John Kelly."
    )
    parsed = parse_remarks(text, "MX", D(2017, 2, 22))
    assert people(parsed) == [
        ("Enrique Pena Nieto", "President", "MX"),
        ("Luis Videgaray", "Foreign Minister", "MX"),
        ("John Kelly", "Secretary of Homeland Security", "US"),
    ]
    assert parsed.people[2].role == "member"
    assert parsed.people[2].passage.text == "Secretary of Homeland Security John Kelly"


@pytest.mark.parametrize(
    "text, destination, expected",
    [
        (
            "Met with President Lee and Russian President Putin.",
            "KR",
            [("Lee", "KR"), ("Putin", "RU")],
        ),
        ("Met with Lebanese Prime Minister Siniora.", "FR", [("Siniora", "LB")]),
        (
            "Met with King George of Greece and King Peter of Yugoslavia.",
            "EG",
            [("George", "GR"), ("Peter", "YU")],
        ),
        ("Met with Palestinian Authority President Abbas.", "JO", [("Abbas", "PS")]),
        ("Met with UN Secretary-General Annan.", "ES", [("Annan", None)]),
        ("Audience with Pope John Paul II.", "IT", [("John Paul II", "VA")]),
        ("Attended Tehran Conference with Soviet Premier Stalin.", "IR", [("Stalin", "SU")]),
    ],
)
def test_a_nationality_or_of_x_overrides_the_destination(text, destination, expected):
    parsed = parse_remarks(text, destination, D(1990, 1, 1))
    assert [(person.name, person.side) for person in parsed.people] == expected


def test_of_x_is_part_of_the_passage():
    parsed = parse_remarks("Met with King Peter of Yugoslavia.", "EG", D(1943, 10, 16))
    assert parsed.people[0].passage.text == "King Peter of Yugoslavia"


def test_an_international_official_has_an_organisation_not_a_country():
    (annan,) = parse_remarks("Met with UN Secretary-General Annan.", "ES").people
    assert (annan.side, annan.organization) == (None, "United Nations")


def test_chinese_before_october_1949_is_the_republic_of_china():
    text = "Attended the Cairo Conference with Chinese Generalissimo Chiang Kai-shek."
    assert parse_remarks(text, "EG", D(1943, 11, 22)).people[0].side == "TW"
    assert (
        parse_remarks("Met with Chinese Premier Li Peng.", "JP", D(1990, 1, 1)).people[0].side
        == "CN"
    )


def test_plural_titles_name_each_person():
    text = "Potsdam Conference with British Prime Ministers Churchill and Attlee and Soviet Premier Stalin."
    assert people(parse_remarks(text, "DE", D(1945, 7, 16))) == [
        ("Churchill", "Prime Minister", "GB"),
        ("Attlee", "Prime Minister", "GB"),
        ("Stalin", "Premier", "SU"),
    ]


def test_surname_only_mentions_are_kept_as_written():
    assert people(parse_remarks("Met with Prime Minister Rabin.", "IL")) == [
        ("Rabin", "Prime Minister", "IL")
    ]


def test_names_that_end_a_sentence_or_hold_an_initial():
    text = "With Secretary of Defense Lloyd J. Austin III, met with Prime Minister Kishida Fumio."
    assert people(parse_remarks(text, "JP", D(2024, 7, 28))) == [
        ("Lloyd J. Austin III", "Secretary of Defense", "US"),
        ("Kishida Fumio", "Prime Minister", "JP"),
    ]
    assert people(parse_remarks("Met with President Xi Jinping. State Dinner.", "CN")) == [
        ("Xi Jinping", "President", "CN")
    ]
    assert people(parse_remarks("Met with British Prime Minister Theresa May.", "DE")) == [
        ("Theresa May", "Prime Minister", "GB")
    ]
    assert people(parse_remarks("Met with Prime Minister Mackenzie King.", "CA")) == [
        ("Mackenzie King", "Prime Minister", "CA")
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Met with senior Israeli officials.", [("IL", "senior Israeli officials")]),
        (
            "Accompanied President Bush to Drug Summit Meeting with the Presidents of Peru, Colombia, and Bolivia.",
            [("PE", "the Presidents of Peru, Colombia, and Bolivia")]
            + [("CO", "the Presidents of Peru, Colombia, and Bolivia")]
            + [("BO", "the Presidents of Peru, Colombia, and Bolivia")],
        ),
        ("Met with senior officials.", [("SA", "senior officials")]),
        (
            "Conferred with U.S. military government officials.",
            [("US", "U.S. military government officials")],
        ),
        ("Met with American and Vietnamese business leaders.", []),
    ],
)
def test_unnamed_groups_become_delegations_described_as_written(text, expected):
    parsed = parse_remarks(text, "SA", D(1990, 2, 15))
    assert [(group.side, group.description) for group in parsed.delegations] == expected
    for group in parsed.delegations:
        assert text[group.passage.start : group.passage.end] == group.description


def test_organisations_named_together_make_one_delegation():
    text = "Discussed implementation of the Dayton Accords with senior NATO and OSCE officials."
    (group,) = parse_remarks(text, "BE").delegations
    assert (group.side, group.organization) == (None, "NATO; OSCE")


@pytest.mark.parametrize(
    "text",
    [
        "Attended a G-20 Foreign Ministers’ Meeting.",
        "Visited the DMZ.",
        "Attended NATO Ministerial Meeting.",
        "Attended the state funeral of former President Shimon Peres.",
        "Attended memorial services for former President De Gaulle.",
        "Addressed U.S. military personnel.",
    ],
)
def test_events_without_people_give_nothing(text):
    parsed = parse_remarks(text, "IL")
    assert parsed.people == [] and parsed.delegations == []


def test_a_secretary_who_accompanied_the_president_is_flagged():
    text = "Accompanied President Reagan to a meeting with Soviet General Secretary Gorbachev."
    parsed = parse_remarks(text, "IS", D(1986, 10, 9), role="secretary")
    assert parsed.accompanied_president
    assert people(parsed) == [
        ("Reagan", "President", "US"),
        ("Gorbachev", "General Secretary", "SU"),
    ]
    assert parsed.people[0].role == "head"
    assert not parse_remarks(text, "IS", D(1986, 10, 9), role="president").accompanied_president
    assert not parse_remarks("Accompanied Vice President Bush.", "FR").accompanied_president


def test_the_serving_president_named_in_a_secretarys_remarks_is_american():
    parsed = parse_remarks("Attended the summit with President Bush.", "RU", D(2002, 5, 24))
    assert parsed.people[0].side == "US"


def test_every_passage_of_every_record_is_its_own_text():
    for trip in records.read_trips():
        parsed = remarks.parse_trip(trip, countries.trip_country(trip).code)
        for item in [*parsed.people, *parsed.delegations]:
            assert trip.remarks[item.passage.start : item.passage.end] == item.passage.text
