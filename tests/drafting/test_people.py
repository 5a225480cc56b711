"""People by known name or alias, or by title and name; each with a side."""

import pytest

from meetings.drafting.known import KnownWorld
from meetings.drafting.nations import nations
from meetings.drafting.people import find_people

NATIONS = nations(KnownWorld().country_table())
KNOWN = [
    ("luis-videgaray", "Luis Videgaray Caso", ["Luis Videgaray", "Videgaray"], "MX", []),
    ("miguel-angel-osorio-chong", "Miguel Ángel Osorio Chong", ["Osorio Chong"], "MX", []),
    ("enrique-pena-nieto", "Enrique Peña Nieto", ["Peña Nieto"], "MX", []),
]


def people(text, known=(), publisher_country=None):
    return {
        p.name: (p.country, p.title) for p in find_people(text, known, NATIONS, publisher_country)
    }


@pytest.mark.parametrize(
    ("text", "name", "side", "title"),
    [
        (
            "U.S. Secretary of State Mike Pompeo met in Washington.",
            "Mike Pompeo",
            "US",
            "Secretary of State",
        ),
        (
            "Mexican Foreign Secretary Luis Videgaray met in Washington.",
            "Luis Videgaray",
            "MX",
            "Foreign Secretary",
        ),
        (
            "El canciller mexicano, Juan Ramón de la Fuente, sostuvo una reunión.",
            "Juan Ramón de la Fuente",
            "MX",
            "canciller",
        ),
        (
            "La Secretaria de Relaciones Exteriores, Alicia Bárcena, recibió al embajador.",
            "Alicia Bárcena",
            "MX",
            "Secretaria de Relaciones Exteriores",
        ),
        (
            "El secretario de Estado de Estados Unidos, Antony J. Blinken, llegó.",
            "Antony J. Blinken",
            "US",
            "secretario de Estado",
        ),
        (
            "el presidente de México, Andrés Manuel López Obrador, habló.",
            "Andrés Manuel López Obrador",
            "MX",
            "presidente",
        ),
        (
            "U.S. Secretary of Homeland Security Kirstjen M. Nielsen discussed security.",
            "Kirstjen M. Nielsen",
            "US",
            "Secretary of Homeland Security",
        ),
        (
            "Canadian Foreign Minister Mélanie Joly joined them.",
            "Mélanie Joly",
            "CA",
            "Foreign Minister",
        ),
    ],
)
def test_title_and_name(text, name, side, title):
    assert people(text)[name] == (side, title)


def test_a_name_with_its_title_after_it():
    text = "María de Haas, General Director of Special Affairs, presented the progress."
    assert people(text) == {"María de Haas": (None, "General Director of Special Affairs")}


def test_coordinated_titles_give_each_person_their_own():
    text = (
        "with the participation of Secretaries of Government (Interior) Miguel Ángel Osorio Chong, "
        "and Finance and Public Credit José Antonio Meade Kuribreña."
    )
    found = people(text)
    assert found["José Antonio Meade Kuribreña"][1] == "Secretary of Finance and Public Credit"
    assert found["Miguel Ángel Osorio Chong"][1] == "Secretary of Government (Interior)"
    spanish = people(
        "con los secretarios de la Defensa Nacional, Salvador Cienfuegos, y de Marina, Vidal Soberón."
    )
    assert spanish["Vidal Soberón"][1] == "secretario de Marina"


def test_sides_from_counterpart_delegation_and_lists():
    assert (
        people("Mike Pompeo and his Mexican counterpart, Foreign Secretary Luis Videgaray, met.")[
            "Luis Videgaray"
        ][0]
        == "MX"
    )
    text = "In turn, the US delegation was headed by Secretary Rex Tillerson, with Secretary John Kelly."
    assert people(text)["John Kelly"][0] == "US"
    text = "They met Mexico's Secretary of Government Miguel Osorio , and Acting Attorney General Alberto Elías Beltrán ."
    assert people(text)["Alberto Elías Beltrán"][0] == "MX"


def test_side_from_a_title_only_one_country_has_or_from_the_publisher():
    assert people("Secretary of State Antony Blinken spoke.")["Antony Blinken"][0] == "US"
    assert (
        people("El canciller Marcelo Ebrard habló.", publisher_country="MX")["Marcelo Ebrard"][0]
        == "MX"
    )
    assert people("El canciller Marcelo Ebrard habló.")["Marcelo Ebrard"][0] is None


def test_known_officials_by_alias_without_accents_and_by_near_spelling():
    text = "President Pena Nieto met Foreign Secretary Luis Videgary and Secretary Miguel Angel Osorio Chong."
    found = {p.slug: p for p in find_people(text, KNOWN, NATIONS)}
    assert set(found) == {"enrique-pena-nieto", "luis-videgaray", "miguel-angel-osorio-chong"}
    assert found["luis-videgaray"].name == "Luis Videgaray Caso"


def test_surname_references_join_the_person():
    text = "Roberto Velasco, head of the Unit for North America, spoke. Later, Velasco Álvarez added more."
    (person,) = find_people(text, (), NATIONS)
    assert [text[o.start : o.end] for o in person.occurrences] == [
        "Roberto Velasco",
        "Velasco Álvarez",
    ]


def test_capitalised_words_that_are_not_people():
    text = "The Merida Initiative and the North American Free Trade Agreement. Read the Statement."
    assert people(text) == {}


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "Homeland Security Advisor Dr. Elizabeth Sherwood-Randall joined them.",
            "Elizabeth Sherwood-Randall",
            "Homeland Security Advisor",
        ),
        (
            "Under Secretary of State for Civilian Security, Democracy, and Human Rights Uzra Zeya led the delegation.",
            "Uzra Zeya",
            "Under Secretary of State for Civilian Security, Democracy, and Human Rights",
        ),
        (
            "The U.S. ambassador to Mexico, Roberta Jacobson, also participated.",
            "Roberta Jacobson",
            "ambassador to Mexico",
        ),
        (
            "The meeting was hosted virtually by Mexican Foreign Secretary Ebrard.",
            "Ebrard",
            "Foreign Secretary",
        ),
    ],
)
def test_more_titles(text, name, title):
    assert people(text)[name][1] == title


def test_an_ambassador_to_a_country_is_not_of_that_country():
    assert (
        people("The U.S. ambassador to Mexico, Roberta Jacobson, spoke.")["Roberta Jacobson"][0]
        == "US"
    )
    assert (
        people("Ambassador to the United States Esteban Moctezuma spoke.")["Esteban Moctezuma"][0]
        is None
    )


def test_a_surname_in_a_headline_joins_the_full_name_below():
    text = "Secretary Blinken’s Meeting with Foreign Secretary Ebrard\n\nSecretary of State Antony J. Blinken met Foreign Secretary Marcelo Ebrard."
    assert set(people(text)) == {"Antony J. Blinken", "Marcelo Ebrard"}


def test_institutions_are_not_surnames():
    text = "Eugenio Imaz, Director General of the National Center for Investigation and National Security, spoke."
    assert set(people(text)) == {"Eugenio Imaz"}


def test_side_from_the_delegation_a_person_joined():
    text = (
        "National Security Council Senior Director Juan Gonzalez also joined the U.S. delegation."
    )
    assert people(text)["Juan Gonzalez"][0] == "US"


@pytest.mark.parametrize(
    ("text", "name", "side"),
    [
        (
            "Pakistani Foreign Minister Bilawal Bhutto Zardari spoke.",
            "Bilawal Bhutto Zardari",
            "PK",
        ),
        ("Turkish Foreign Minister Mevlut Cavusoglu met him.", "Mevlut Cavusoglu", "TR"),
        (
            "the Minister of Foreign Affairs of the Republic of Rwanda, H.E Dr. Vincent Biruta, "
            "received him.",
            "Vincent Biruta",
            "RW",
        ),
        (
            "se reunió con el encargado de Negocios de Estados Unidos, John McNamara, en Bogotá.",
            "John McNamara",
            "US",
        ),
        ("el embajador del Perú en Santiago, Carlos Pareja, participó.", "Carlos Pareja", "PE"),
        ("External Affairs Minister (EAM) S Jaishankar met them.", "S Jaishankar", "IN"),
        (
            "La ministra (s) de Relaciones Exteriores, Gloria de la Fuente, recibió.",
            "Gloria de la Fuente",
            None,
        ),
    ],
)
def test_nationalities_state_forms_honorifics_and_spanish_capitals(text, name, side):
    assert people(text)[name][0] == side


def test_a_verb_in_a_headline_is_no_name():
    assert set(people("Pompeo, Turkish Foreign Minister Meet in Brussels")) == set()
