"""The meeting's city and country, from the known cities and the GeoNames gazetteer."""

import pytest

from meetings.drafting.known import KnownWorld
from meetings.drafting.places import find_place

COUNTRIES = KnownWorld().country_table()
KNOWN = [("washington-dc", "Washington, D.C.", "US"), ("mexico-city", "Mexico City", "MX")]


@pytest.mark.parametrize(
    ("text", "city", "country"),
    [
        (
            "Mexico City, Mexico — Foreign Minister Ebrard led a meeting with US congressmen.",
            "Mexico City",
            "MX",
        ),
        (
            "WASHINGTON — Secretary Blinken met today with Foreign Secretary Ebrard.",
            "WASHINGTON",
            "US",
        ),
        (
            "Ciudad de México, 8 febrero 2017.-El canciller se reunió con el secretario.",
            "Ciudad de México",
            "MX",
        ),
        (
            "El canciller Marcelo Ebrard se reunió en Ottawa con la ministra Mélanie Joly.",
            "Ottawa",
            "CA",
        ),
        (
            "The dialogue was held at the Department of State in Washington D.C. on December 14.",
            "Washington D.C.",
            "US",
        ),
        (
            "Los funcionarios se reunieron en la Ciudad de México para hablar de seguridad.",
            "Ciudad de México",
            "MX",
        ),
    ],
)
def test_the_city_where_they_met(text, city, country):
    place = find_place(text, KNOWN, COUNTRIES)
    assert (place.city, place.country) == (city, country)
    assert text[place.start : place.end] == city


def test_a_known_city_gives_its_slug():
    place = find_place("Pompeo and Videgaray met in Washington in early May.", KNOWN, COUNTRIES)
    assert (place.city, place.city_slug) == ("Washington", "washington-dc")


def test_no_city_for_a_future_meeting_or_a_country():
    text = (
        "The officials met at the Ministry of Foreign Affairs. They spoke of Mexicans in the United "
        "States. The next meeting will be held in Washington, D.C., in coming weeks."
    )
    place = find_place(text, KNOWN, COUNTRIES)
    assert (place.city, place.country) == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        # A building is no city, nor a post abroad, nor another event's place.
        "La canciller sostuvo una reunión en el Palacio de San Carlos con el encargado de Negocios.",
        "Foreign Minister Wang Yi held talks with Minister Jaishankar in Hyderabad House on Friday.",
        "En la cita participaron el canciller y el embajador del Perú en Santiago, Carlos Pareja.",
        "During the meeting, the decisions taken at the NATO Leaders’ Summit held in Vilnius were "
        "discussed.",
        "Las autoridades dialogaron sobre las consultas llevadas a cabo en Bogotá, en mayo.",
        # A readout's dateline alone, and a newspaper's dateline above a meeting at a summit.
        "Washington, DC (STL.News) The US Department of State released the following statement:\n\n"
        "Secretary of State Antony J. Blinken met with French Foreign Minister Jean-Yves Le Drian.",
        "Morelia, Michoacán (MiMorelia.com).- En el marco de la Reunión Ministerial del G7, el "
        "canciller sostuvo un encuentro bilateral con el secretario de Estado.",
    ],
)
def test_places_that_are_not_the_meetings(text):
    assert find_place(text, KNOWN, COUNTRIES).city is None


def test_the_sentence_that_names_the_participants_wins_over_a_dateline():
    text = (
        "Washington, DC (STL.News) The US Department of State released the following statement:\n\n"
        "Secretary of State Antony J. Blinken met today with Pakistani Foreign Minister Bilawal "
        "Bhutto Zardari in New York City."
    )
    people = [(text.index("Antony"), text.index("Antony") + 17)]
    assert find_place(text, KNOWN, COUNTRIES, people).city == "New York City"


def test_a_summit_the_meeting_took_place_within_gives_its_city():
    text = (
        "Los cancilleres se reunieron en el marco de la cumbre de países amazónicos realizada en la "
        "ciudad de Bogotá."
    )
    assert find_place(text, KNOWN, COUNTRIES).city == "Bogotá"


def test_a_past_clause_before_a_future_one():
    text = "The MoU, which was signed in Juba on Monday, will focus on capacity building."
    assert find_place(text, KNOWN, COUNTRIES).city == "Juba"
