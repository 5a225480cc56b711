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
