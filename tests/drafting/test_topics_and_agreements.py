"""Topics from the vocabulary and its aliases; agreements and commitments from cue phrases."""

import pytest

from meetings.drafting.agreements import find_agreements
from meetings.drafting.known import KnownWorld
from meetings.drafting.topics import find_topics

VOCABULARY = KnownWorld().topic_vocabulary()


def topics(text, masked=()):
    return [t.slug for t in find_topics(text, VOCABULARY, masked)]


def test_english_aliases_and_parents():
    text = "They discussed fentanyl, the illicit flow of arms, and legal pathways for migrants."
    assert topics(text) == [
        "security",
        "drug-trafficking",
        "fentanyl-and-synthetic-drugs",
        "arms-trafficking",
        "migration",
        "labor-mobility",
    ]


def test_spanish_aliases_without_accents_or_case():
    text = "Abordaron la SEGURIDAD fronteriza, el comercio, la migracion y el tráfico de armas."
    assert topics(text) == [
        "security",
        "arms-trafficking",
        "trade",
        "border-management",
        "border-security",
        "migration",
    ]


def test_acronyms_must_be_in_capitals_and_titles_are_not_topics():
    assert topics("They spoke of nafta, and of NAFTA.") == ["trade", "nafta"]
    assert "nafta" not in topics("They spoke of the nafta.")
    text = (
        "The Secretary of Homeland Security met the Secretaría de Seguridad y Protección Ciudadana."
    )
    assert topics(text, masked=[(4, 34)]) == []


def test_topic_passages_point_into_the_text():
    text = "Los cancilleres hablaron de migración."
    (found,) = find_topics(text, VOCABULARY)
    assert text[found.start : found.end] == "migración"


@pytest.mark.parametrize(
    ("text", "kind", "title"),
    [
        (
            "The governments agreed to fight against drug trafficking together.",
            "commitment",
            "Fight against drug trafficking together",
        ),
        (
            "Both ministers signed a memorandum of understanding on labor mobility.",
            "agreement",
            "Signed a memorandum of understanding on labor mobility",
        ),
        (
            "Los cancilleres acordaron reforzar la cooperación contra el tráfico de armas.",
            "commitment",
            "Acordaron reforzar la cooperación contra el tráfico de armas",
        ),
        (
            "Ambos gobiernos firmaron una declaración conjunta sobre migración.",
            "agreement",
            "Firmaron una declaración conjunta sobre migración",
        ),
    ],
)
def test_agreements_from_cue_phrases(text, kind, title):
    (found,) = find_agreements(text)
    assert (found.kind, found.title) == (kind, title)
    assert text[found.start : found.end] == text


def test_listed_agreements_are_each_an_agreement():
    text = (
        "To enhance these, the United States and Mexico entered three agreements to continue "
        "cooperation on customs compliance, cargo pre-inspection, and agriculture safeguarding."
    )
    assert [a.title for a in find_agreements(text)] == [
        "Agreement on customs compliance",
        "Agreement on cargo pre-inspection",
        "Agreement on agriculture safeguarding",
    ]


def test_older_agreements_are_not_this_meeting_s():
    text = "They followed up on matters agreed upon by Presidents Peña Nieto and Trump in January."
    assert find_agreements(text) == []
