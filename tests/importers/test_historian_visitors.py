"""A visit's visitors, the U.S. officials its description names, and the cities it states."""

import pytest

from meetings.importers.historian import records, visitors
from meetings.importers.historian.visitors import cities, parse_visitor, us_participants


@pytest.mark.parametrize(
    "visitor, expected",
    [
        ("President Lee Myung-bak", [("President", "Lee Myung-bak")]),
        ("President-elect Enrique Pena Nieto", [("President-elect", "Enrique Pena Nieto")]),
        ("King Juan Carlos I", [("King", "Juan Carlos I")]),
        ("Prime Minister Shinzo Abe", [("Prime Minister", "Shinzo Abe")]),
        ("Foreign Minister Luis Videgaray", [("Foreign Minister", "Luis Videgaray")]),
        ("Prime Minster Mackenzie King", [("Prime Minster", "Mackenzie King")]),
        (
            "President Fatmir Sejdiu and Prime Minister Hashim Thaci",
            [("President", "Fatmir Sejdiu"), ("Prime Minister", "Hashim Thaci")],
        ),
        ("Sheikh Haya Rashed al-Khalifa", [("", "Sheikh Haya Rashed al-Khalifa")]),
    ],
)
def test_a_visitor_string_is_titles_and_names(visitor, expected):
    assert [(v.title, v.name) for v in parse_visitor(visitor)] == expected


def test_a_misspelt_title_keeps_its_spelling_and_gets_its_canonical_form():
    (visitor,) = parse_visitor("Prime Minster Mackenzie King")
    assert (visitor.canonical_title, visitor.agency) == ("Prime Minister", "head-of-government")


def test_us_officials_named_in_the_description():
    description = "Met with President Carter. Private visit to Atlanta."
    (carter,) = us_participants(description)
    assert (carter.name, carter.title, carter.side) == ("Carter", "President", "US")
    assert carter.passage.text == "President Carter"
    assert description[carter.passage.start : carter.passage.end] == "President Carter"


def test_foreign_leaders_and_the_dead_are_not_us_participants():
    assert us_participants("Attended funeral of President Kennedy.") == []
    assert us_participants("Met with Prime Minister Nehru in New York City.") == []


@pytest.mark.parametrize(
    "description, expected",
    [
        ("Met with President Bush at the UN General Assembly in New York City.", ["New York City"]),
        ("Working visit. Met with President Bush in Crawford, Texas.", ["Crawford"]),
        ("Private visit afterwards to Gainesville (Fla.).", ["Gainesville"]),
        (
            "In U.S. July 26–August 5, visited Philadelphia, New York City, Minneapolis (Minnesota), and Honolulu (Hawaii).",
            ["Philadelphia", "New York City", "Minneapolis", "Honolulu"],
        ),
        ("Attended the First Washington (Arcadia) Conference.", []),
        ("Caribbean Leaders Conference at Mar-a-Lago, Florida.", []),
        ("Working visit.", []),
    ],
)
def test_cities_only_when_the_description_states_them(description, expected):
    found = cities(description)
    assert [city.name for city in found] == expected
    for city in found:
        assert description[city.passage.start : city.passage.end] == city.name


def test_every_visit_parses_with_passages_from_its_own_text():
    for visit in records.read_visits():
        parsed = visitors.parse_visit(visit)
        assert parsed.visitors
        for item in [*parsed.people, *parsed.cities]:
            assert visit.description[item.passage.start : item.passage.end] == item.passage.text
