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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "They discussed regional issues and Russia’s military deployments.",
            ["security", "regional-cooperation"],
        ),
        ("The Secretary highlighted the Global Food Security Call to Action.", []),
        ("They discussed global food security and energy security.", []),
        (
            "High Representative for Foreign Relations and Security Policy Josep Borrell was there.",
            [],
        ),
        ("Asisten los titulares de las carteras de Comercio Exterior y Agricultura.", []),
        (
            "Conversaron sobre la escalada arancelaria y la integración regional.",
            ["trade", "regional-cooperation"],
        ),
        ("Se abordó el interés de fortalecer la zona fronteriza.", ["border-management"]),
    ],
)
def test_more_aliases_and_words_that_are_not_topics(text, expected):
    assert topics(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # One side's own pledge, an agreement on how good things are, a statement of fact.
        "The Secretary welcomed Pakistan’s Chairmanship of the G77 and committed to advancing "
        "climate action.",
        "The leaders agreed on the importance of their friendship.",
        "Both ministers agreed that the signing of the joint statement is an evidence of goodwill.",
        # An agreement already named, spoken of again.
        "The MoU, which was signed in Juba on Monday, will focus on capacity building.",
    ],
)
def test_what_is_no_commitment_of_both_sides(text):
    assert find_agreements(text) == []


def test_commitments_of_both_sides_after_an_opening_phrase_or_impersonal():
    text = (
        "Looking ahead to the summit, the Prime Minister and President Biden agreed on the need to "
        "strengthen our alliance. Como resultado del encuentro, se acordó convocar al grupo de alto "
        "nivel. Los ministros coincidieron en la voluntad de trabajar conjuntamente por el río."
    )
    assert [a.kind for a in find_agreements(text)] == ["commitment"] * 3


def test_each_document_signed_is_an_agreement():
    text = (
        "Both signed a Joint Declaration on Cooperation between the two governments and a "
        "memorandum of understanding, to establish a mechanism for collaboration."
    )
    assert [a.title for a in find_agreements(text)] == [
        "Joint Declaration on Cooperation between the two governments",
        "Memorandum of understanding",
    ]
