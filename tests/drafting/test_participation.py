"""Participants and people only mentioned, roles, and unnamed delegations."""

import pytest

from meetings.drafting.delegations import find_delegations
from meetings.drafting.known import KnownWorld
from meetings.drafting.nations import nations
from meetings.drafting.participation import Classifier, roles
from meetings.drafting.people import find_people

NATIONS = nations(KnownWorld().country_table())


def verdicts(text):
    classifier = Classifier(text)
    return {p.name: classifier.classify(p).kind for p in find_people(text, (), NATIONS)}


@pytest.mark.parametrize(
    ("text", "mentioned"),
    [
        (
            "Secretary of State Antony Blinken met Foreign Secretary Marcelo Ebrard on behalf of President Joe Biden.",
            "Joe Biden",
        ),
        (
            "Secretary Marcelo Ebrard met the senators. President Andrés Manuel López Obrador directed the effort.",
            "Andrés Manuel López Obrador",
        ),
        (
            "The meeting followed up on matters agreed upon by Presidents Enrique Peña Nieto and Donald Trump during their telephone conversation.",
            "Donald Trump",
        ),
        (
            "Attorney General Alberto Elías Beltrán said that in his meetings with U.S. Attorney General Jeff Sessions there were no complaints.",
            "Jeff Sessions",
        ),
        (
            "The following is attributable to Spokesperson Ned Price: Secretary Antony Blinken met Foreign Secretary Marcelo Ebrard.",
            "Ned Price",
        ),
        (
            "Senator Tim Kaine could not attend; Senator Chris Murphy met Foreign Secretary Marcelo Ebrard.",
            "Tim Kaine",
        ),
        (
            "El canciller Marcelo Ebrard se reunió con el embajador Ken Salazar por instrucciones del presidente Andrés Manuel López Obrador.",
            "Andrés Manuel López Obrador",
        ),
        (
            "El canciller Marcelo Ebrard recibió al secretario Antony Blinken. La vicepresidenta Kamala Harris visitará México.",
            "Kamala Harris",
        ),
    ],
)
def test_people_only_mentioned_are_never_participants(text, mentioned):
    assert verdicts(text)[mentioned] == "mention"


def test_a_cue_reaches_no_further_than_a_colon():
    text = "The following is attributable to Spokesperson Ned Price: Secretary Antony Blinken met Foreign Secretary Marcelo Ebrard."
    assert verdicts(text) == {
        "Ned Price": "mention",
        "Antony Blinken": "participant",
        "Marcelo Ebrard": "participant",
    }


def test_a_participant_named_once_in_a_mention_context_stays_a_participant():
    text = (
        "U.S. Secretary of Homeland Security Kirstjen Nielsen met with Mexican President Enrique Peña Nieto. "
        "She thanked him for five years of collaboration with the Peña Nieto Administration."
    )
    assert verdicts(text)["Enrique Peña Nieto"] == "participant"


def _roles(text):
    classifier = Classifier(text)
    people = find_people(text, (), NATIONS)
    found = roles(text, [(p, classifier.classify(p)) for p in people])
    return {p.name: found[p.key] for p in people}


def test_roles_from_the_text_and_otherwise_the_first_of_each_side_leads():
    text = (
        "Mexico's delegation was led by Foreign Secretary Luis Videgaray, with the participation of "
        "Secretary of Government Miguel Osorio. In turn, the US delegation was headed by Secretary of "
        "State Rex Tillerson, with Secretary of Homeland Security John Kelly."
    )
    assert _roles(text) == {
        "Luis Videgaray": "head",
        "Miguel Osorio": "member",
        "Rex Tillerson": "head",
        "John Kelly": "member",
    }
    hosted = _roles(
        "Mexican Foreign Secretary Marcelo Ebrard received U.S. Senator Chris Murphy and U.S. Senator Tim Kaine."
    )
    assert hosted == {"Marcelo Ebrard": "host", "Chris Murphy": "head", "Tim Kaine": "member"}


@pytest.mark.parametrize(
    ("text", "country", "description"),
    [
        (
            "Secretary Ebrard received a delegation of members of the United States Senate and House of Representatives at the Ministry.",
            "US",
            "members of the United States Senate and House of Representatives",
        ),
        (
            "El canciller recibió a una delegación de senadores de Estados Unidos en la Cancillería.",
            "US",
            "senadores de Estados Unidos",
        ),
        ("The Secretary met with U.S. lawmakers in Mexico City.", "US", "U.S. lawmakers"),
    ],
)
def test_unnamed_delegations(text, country, description):
    (delegation,) = find_delegations(text, NATIONS)
    assert (delegation.country, delegation.description) == (country, description)


def test_a_delegation_named_by_its_members_is_no_unnamed_delegation():
    text = "The US delegation was headed by Secretary of State Rex Tillerson. The US officials also met the Navy."
    assert find_delegations(text, NATIONS) == []


@pytest.mark.parametrize(
    ("text", "mentioned"),
    [
        (
            "Following the call between President Donald Trump and President Claudia Sheinbaum, Secretary of State Marco Rubio spoke with Foreign Secretary Juan Ramón de la Fuente.",
            "Claudia Sheinbaum",
        ),
        (
            "The dialogue was co-chaired by Foreign Secretary Luis Videgaray with then-Secretary of Homeland Security John Kelly.",
            "John Kelly",
        ),
        (
            "This meeting built on previous high-level meetings led by Security Secretary Rosa Icela Rodríguez.",
            "Rosa Icela Rodríguez",
        ),
    ],
)
def test_more_mentions(text, mentioned):
    assert verdicts(text)[mentioned] == "mention"


def test_hosted_by_is_the_host_not_the_guest():
    text = "A U.S. delegation led by Deputy Secretary Rich Verma was hosted by President Andrés Manuel López Obrador."
    assert _roles(text) == {"Rich Verma": "head", "Andrés Manuel López Obrador": "host"}


def test_an_administration_is_a_mention_only_right_after_the_name():
    text = (
        "Secretary Kirstjen Nielsen was hosted by President Andrés Manuel López Obrador and senior Government of Mexico officials. "
        "She praised the Peña Nieto Administration and President Enrique Peña Nieto's government."
    )
    found = verdicts(text)
    assert found["Andrés Manuel López Obrador"] == "participant"
    assert found["Enrique Peña Nieto"] == "mention"


def all_verdicts(text):
    people = find_people(text, (), NATIONS)
    classifier = Classifier(text, people)
    return {p.name: classifier.classify(p).kind for p in people}


@pytest.mark.parametrize(
    ("text", "mentioned"),
    [
        (
            "Secretary Antony J. Blinken met Foreign Minister Sergey Lavrov. The Secretary "
            "reiterated President Joe Biden’s resolve to protect U.S. citizens.",
            "Joe Biden",
        ),
        (
            "Minister S Jaishankar met Senator John Cornyn. Last month, US Deputy Secretary Wendy "
            "Sherman, during her India visit had reaffirmed strong ties.",
            "Wendy Sherman",
        ),
        (
            "President Salva Kiir received a message of solidarity and support from President "
            "Abdul-Fatah Al-Sisi which was delivered by Foreign Minister Sameh Shoukry.",
            "Abdul-Fatah Al-Sisi",
        ),
        (
            "After an hour-long meeting with Adviser Ajit Doval in South Block, Foreign Minister "
            "Wang Yi held talks with External Affairs Minister S Jaishankar.",
            "Ajit Doval",
        ),
        (
            "Secretary Mike Pompeo met Foreign Minister Mevlut Cavusoglu, State Department "
            'spokesperson Morgan Ortagus said. "Pompeo met Cavusoglu today," Ortagus said.',
            "Morgan Ortagus",
        ),
        (
            "They built on discussions between US President Donald Trump and Turkish counterpart "
            "Recep Tayyip Erdogan in Washington.",
            "Recep Tayyip Erdogan",
        ),
        (
            "La canciller Rosa Villavicencio se reunió con el encargado de Negocios John McNamara. "
            "“La ministra pidió que el presidente de Estados Unidos, Donald Trump, conozca la "
            "realidad colombiana”, afirma el ministerio.",
            "Donald Trump",
        ),
        (
            "El canciller Hugo de Zela se reunió con el presidente electo José Antonio Kast. El "
            "despacho quedará encargado a la presidenta del Consejo de Ministros, Denisse Miralles.",
            "Denisse Miralles",
        ),
    ],
)
def test_more_people_only_mentioned(text, mentioned):
    assert all_verdicts(text)[mentioned] == "mention"


def test_sides_from_markers_after_names_and_lists():
    text = (
        "Por la parte chilena, participaron el canciller Alfredo Moreno y el embajador de ese país "
        "en Lima, Fabio Vío Ugarte. Al diplomático ecuatoriano lo acompañan los ministros de "
        "Gobierno, Rodolfo Barniold y de Defensa, Hugo Unda. Los ministros Rosa Villavicencio, de "
        "Colombia, y Elmer Schialer, de Perú, se reunieron. El presidente electo de Chile, José "
        "Antonio Kast, y su ministro de Relaciones Exteriores, Francisco Pérez Mackenna, llegaron."
    )
    sides = {p.name: p.country for p in find_people(text, (), NATIONS)}
    assert sides == {
        "Alfredo Moreno": "CL",
        "Fabio Vío Ugarte": "CL",
        "Rodolfo Barniold": "EC",
        "Hugo Unda": "EC",
        "Rosa Villavicencio": "CO",
        "Elmer Schialer": "PE",
        "José Antonio Kast": "CL",
        "Francisco Pérez Mackenna": "CL",
    }


def test_two_parties_of_a_headline_are_no_list_and_an_organisation_has_no_side():
    text = (
        "Chinese FM Wang Yi, EAM Jaishankar hold talks. Minister of Foreign Affairs of Vietnam Bui "
        "Thanh Son and High Representative of the European Union Josep Borrell were there."
    )
    sides = {p.name: p.country for p in find_people(text, (), NATIONS)}
    # Not China's: an External Affairs Minister is India's.
    assert sides["Jaishankar"] == "IN" and sides["Josep Borrell"] is None


def test_one_person_under_two_names():
    text = (
        "Secretary Blinken’s Meeting with French Foreign Minister Le Drian\n\nSecretary Antony "
        'Blinken met French Foreign Minister Jean-Yves Le Drian. "Secretary Michael R. Pompeo met '
        'today," Ortagus said of Secretary Mike Pompeo.'
    )
    names = {p.name for p in find_people(text, (), NATIONS)}
    assert {"Jean-Yves Le Drian", "Michael R. Pompeo"} <= names
    assert "Le Drian" not in names and "Mike Pompeo" not in names


def test_a_group_of_no_side_or_a_named_person_s_title_is_no_delegation():
    # A delegation is recorded on one side: "both governments" is none.
    assert find_delegations("Senior officials from both governments attended.", NATIONS) == []
    text = "Participaron el canciller y el embajador del Perú en Santiago, Carlos Pareja."
    assert find_delegations(text, NATIONS, find_people(text, (), NATIONS)) == []


@pytest.mark.parametrize(
    ("text", "country", "description"),
    [
        (
            "Minister S Jaishankar met the US Congress delegation in New Delhi.",
            "US",
            "the US Congress delegation",
        ),
        (
            "La reunión contó con la presencia del embajador del Perú y del canciller.",
            "PE",
            "embajador del Perú",
        ),
        (
            "Al diplomático ecuatoriano lo acompañan los ministros de Gobierno, Rodolfo Barniold y "
            "de Defensa, Hugo Unda, así como funcionarios de asuntos bilaterales.",
            "EC",
            "funcionarios de asuntos bilaterales",
        ),
    ],
)
def test_more_unnamed_delegations(text, country, description):
    (delegation,) = find_delegations(text, NATIONS, find_people(text, (), NATIONS))
    assert (delegation.country, delegation.description) == (country, description)


def test_sides_from_companions_and_from_the_pair_the_text_names():
    text = (
        "La canciller Rosa Villavicencio sostuvo una reunión con el encargado de Negocios de Estados "
        "Unidos, John McNamara. En el encuentro Villavicencio estuvo acompañada del embajador de "
        "Colombia en Estados Unidos, Daniel García-Peña.\n"
        "El canciller Hugo de Zela sostuvo una reunión con el presidente electo de Chile, José "
        "Antonio Kast. Se habló del Consejo Empresarial Peruano-Chileno."
    )
    sides = {p.name: p.country for p in find_people(text, (), NATIONS)}
    assert sides["Rosa Villavicencio"] == "CO"
    assert sides["Hugo de Zela"] == "PE"


@pytest.mark.parametrize(
    ("text", "mentioned"),
    [
        (
            "On the sidelines of the G20 summit hosted by President Luiz Inácio Lula da Silva, "
            "Secretary Antony Blinken met Foreign Minister Mauro Vieira.",
            "Luiz Inácio Lula da Silva",
        ),
        (
            "Secretary Antony Blinken met Foreign Minister Marcelo Ebrard. President Andrés Manuel "
            "López Obrador sent a message of friendship.",
            "Andrés Manuel López Obrador",
        ),
    ],
)
def test_the_host_of_another_event_and_the_sender_of_a_message_are_mentioned(text, mentioned):
    assert all_verdicts(text)[mentioned] == "mention"
