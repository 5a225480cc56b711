"""
The held-out test set of meeting releases is well formed.

Each release in tests/drafting/testset/ is a verbatim text (NN_name.txt) and its gold labels
(NN_name.json, the meeting as the export shows it). These tests need no database: they check
that every passage and quote is an exact substring of its text, that countries are ISO 3166-1
alpha-2 codes, that topics come from the project's vocabulary and that each label has its shape.
"""

import re
from pathlib import Path

import pytest

from . import labelled
from .labelled import DATE_FORMS, ITEM_KEYS, is_country

TESTSET = Path(__file__).parent / "testset"

TOPICS = {
    "security",
    "transnational-organized-crime",
    "drug-trafficking",
    "fentanyl-and-synthetic-drugs",
    "arms-trafficking",
    "human-trafficking",
    "intelligence-sharing",
    "trade",
    "nafta",
    "customs",
    "border-management",
    "border-security",
    "migration",
    "labor-mobility",
    "consular-protection",
    "agriculture",
    "regional-cooperation",
}

MEETING_KEYS = {
    "title",
    "date",
    "date_end",
    "date_precision",
    "date_inferred",
    "city",
    "country",
    "participants",
    "delegations",
    "mentions",
    "quotes",
    "topics",
    "agreements",
    "source",
}
OPTIONAL_KEYS = {"notes"}
SOURCE_KEYS = {"url", "publisher", "published", "language", "retrieved_from"}

DAY = DATE_FORMS["day"]

NAMES = labelled.names(TESTSET)


def load(name):
    return labelled.load(TESTSET, name)


def test_every_text_has_its_labels_and_the_set_has_its_size():
    texts = sorted(path.stem for path in TESTSET.glob("*.txt"))
    assert texts == NAMES
    assert 15 <= len(NAMES) <= 20
    assert all(re.fullmatch(r"\d{2}_[a-z0-9-]+", name) for name in NAMES)


def test_at_least_five_releases_are_in_spanish():
    languages = [load(name)[1]["source"]["language"] for name in NAMES]
    assert languages.count("es") >= 5


@pytest.mark.parametrize("name", NAMES)
def test_the_label_has_the_meeting_shape(name):
    _, gold = load(name)
    assert MEETING_KEYS <= gold.keys() <= MEETING_KEYS | OPTIONAL_KEYS
    assert isinstance(gold["title"], str) and gold["title"].strip()
    for field, keys in ITEM_KEYS.items():
        assert isinstance(gold[field], list)
        for item in gold[field]:
            assert item.keys() == keys, (field, item)
    assert gold["source"].keys() == SOURCE_KEYS


@pytest.mark.parametrize("name", NAMES)
def test_the_date_has_the_form_of_its_precision(name):
    _, gold = load(name)
    precision = gold["date_precision"]
    assert precision in {"day", "month", "year", "unknown"}
    assert isinstance(gold["date_inferred"], bool)
    if precision == "unknown":
        assert gold["date"] is None and gold["date_end"] is None
        return
    form = DATE_FORMS[precision]
    assert form.fullmatch(gold["date"])
    assert gold["date_end"] is None or (
        form.fullmatch(gold["date_end"]) and gold["date_end"] > gold["date"]
    )


@pytest.mark.parametrize("name", NAMES)
def test_every_passage_and_quote_is_verbatim(name):
    text, gold = load(name)
    passages = [
        item["passage"]
        for field in ("participants", "delegations", "mentions", "agreements")
        for item in gold[field]
    ]
    quoted = [quote["text"] for quote in gold["quotes"]]
    for snippet in passages + quoted:
        assert snippet.strip() and snippet in text, snippet


@pytest.mark.parametrize("name", NAMES)
def test_people_quotes_and_agreements_are_complete(name):
    _, gold = load(name)
    people = {person["name"] for person in gold["participants"] + gold["mentions"]}
    for person in gold["participants"]:
        assert person["role"] in {"head", "host", "member"}
        assert person["name"].strip() and person["title"].strip()
    assert len(people) == len(gold["participants"]) + len(gold["mentions"]), (
        "a person is listed twice"
    )
    for quote in gold["quotes"]:
        assert quote["speaker"] in people
        assert isinstance(quote["attributed_by_context"], bool)
    for agreement in gold["agreements"]:
        assert agreement["kind"] in {"agreement", "commitment"} and agreement["title"].strip()
    for delegation in gold["delegations"]:
        assert delegation["description"].strip()


@pytest.mark.parametrize("name", NAMES)
def test_every_country_is_an_iso_code(name):
    _, gold = load(name)
    assert gold["country"] is None or is_country(gold["country"])
    for field in ("participants", "delegations", "mentions"):
        for item in gold[field]:
            assert is_country(item["country"]), item


@pytest.mark.parametrize("name", NAMES)
def test_every_topic_is_in_the_vocabulary(name):
    _, gold = load(name)
    assert set(gold["topics"]) <= TOPICS
    assert len(set(gold["topics"])) == len(gold["topics"])


@pytest.mark.parametrize("name", NAMES)
def test_the_source_is_cited(name):
    _, gold = load(name)
    source = gold["source"]
    assert source["language"] in {"en", "es"}
    assert source["url"].startswith(("http://", "https://"))
    assert source["publisher"].strip() and source["retrieved_from"].strip()
    assert source["published"] is None or DAY.fullmatch(source["published"])
