"""One person across spellings; two people of one surname, or a mere resemblance, left for review."""

import pytest

from meetings.importers.historian.names import match, match_key

KNOWN = [
    ("pena-nieto", ["Enrique Peña Nieto"], "MX"),
    ("ebrard", ["Marcelo Luis Ebrard Casaubon"], "MX"),
    ("meade", ["José Antonio Meade Kuribreña"], "MX"),
    ("videgaray", ["Luis Videgaray Caso"], "MX"),
    ("rabin-yitzhak", ["Yitzhak Rabin"], "IL"),
    ("rabin-leah", ["Leah Rabin"], "IL"),
    ("kishida", ["Fumio Kishida"], "JP"),
]


@pytest.mark.parametrize(
    "written, person_id",
    [
        ("Enrique Pena Nieto", "pena-nieto"),
        ("President-elect Enrique Pena Nieto", "pena-nieto"),
        ("Peña Nieto", "pena-nieto"),
        ("PEÑA NIETO", "pena-nieto"),
        ("Marcelo Ebrard", "ebrard"),
        ("Jose Antonio Meade", "meade"),
        ("Foreign Minister Luis Videgaray", "videgaray"),
        ("Kishida Fumio", "kishida"),
    ],
)
def test_one_person_across_spellings(written, person_id):
    found = match(written, KNOWN)
    assert found.certain and found.person_id == person_id


def test_the_matching_key_ignores_accents_case_punctuation_and_titles():
    assert match_key("President-elect Enrique Peña Nieto") == "enrique pena nieto"
    assert match_key("Foreign Minister Prince Saud al-Faisal") == "saud al faisal"
    assert match_key("Lloyd J. Austin III") == match_key("Lloyd J Austin III")


def test_two_people_of_one_surname_go_to_review():
    found = match("Prime Minister Rabin", KNOWN)
    assert not found.certain
    assert {candidate.person_id for candidate in found.candidates} == {
        "rabin-yitzhak",
        "rabin-leah",
    }


def test_a_country_narrows_the_candidates():
    assert match(
        "Rabin", KNOWN + [("rabin-other", ["Carlos Rabin"], "AR")], country="AR"
    ).person_id == ("rabin-other")


def test_a_misspelling_is_only_a_candidate_with_its_score():
    found = match("Enrico Pena Nieto", KNOWN)
    assert not found.certain
    (candidate,) = found.candidates
    assert candidate.person_id == "pena-nieto" and 70 <= candidate.score < 100


def test_a_lone_given_name_or_a_stranger_matches_nobody():
    assert match("Enrique", KNOWN) == match("Luis", KNOWN[:3])
    assert not match("Enrique", KNOWN).candidates
    assert not match("Angela Merkel", KNOWN).candidates
