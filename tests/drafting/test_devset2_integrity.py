"""
The second development set of meeting releases is well formed.

Each release in tests/drafting/devset2/ is a verbatim text (NN_name.txt) and its hand-made facts
(NN_name.json, in the draft's shape). These tests need no database: they check the set's size
and languages, each gold's shape, that every passage and quote is an exact substring of its text,
that countries are ISO 3166-1 alpha-2 codes, that topics come from the reader's vocabulary, that
dates have the form of their precision and that each source is cited.
"""

import re
from pathlib import Path

import pytest

from meetings.drafting.text import load_data

from . import labelled
from .labelled import DATE_FORMS, ITEM_KEYS, is_country

DEVSET2 = Path(__file__).parent / "devset2"

KEYS = {
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
    "published",
    "publisher",
    "language",
    "url",
}
OPTIONAL_KEYS = {"gold_notes"}

NAMES = labelled.names(DEVSET2)


def load(name):
    return labelled.load(DEVSET2, name)


def test_every_text_has_its_facts_and_the_set_has_its_size():
    assert sorted(path.stem for path in DEVSET2.glob("*.txt")) == NAMES
    assert 15 <= len(NAMES) <= 25
    assert all(re.fullmatch(r"\d{2}_[a-z0-9-]+", name) for name in NAMES)


def test_at_least_six_releases_are_in_spanish_and_the_pairs_vary():
    golds = [load(name)[1] for name in NAMES]
    assert [gold["language"] for gold in golds].count("es") >= 6
    pairs = {frozenset(p["country"] for p in gold["participants"]) for gold in golds}
    assert len(pairs) >= 10


def test_no_source_appears_twice():
    urls = [load(name)[1]["url"] for name in NAMES]
    assert len(set(urls)) == len(urls)


@pytest.mark.parametrize("name", NAMES)
def test_the_gold_has_the_draft_shape(name):
    _, gold = load(name)
    assert KEYS <= gold.keys() <= KEYS | OPTIONAL_KEYS
    assert gold["title"].strip() and gold["language"] in {"en", "es"}
    for field, keys in ITEM_KEYS.items():
        for item in gold[field]:
            assert item.keys() == keys, (field, item)


@pytest.mark.parametrize("name", NAMES)
def test_the_date_has_the_form_of_its_precision(name):
    _, gold = load(name)
    precision = gold["date_precision"]
    assert precision in {"day", "month", "year", "unknown"}
    assert isinstance(gold["date_inferred"], bool)
    if precision == "unknown":
        assert gold["date"] is None and gold["date_end"] is None
        return
    assert DATE_FORMS[precision].fullmatch(gold["date"])
    assert gold["date_end"] is None or gold["date_end"] > gold["date"]
    assert gold["published"] is None or DATE_FORMS["day"].fullmatch(gold["published"])


@pytest.mark.parametrize("name", NAMES)
def test_every_passage_quote_and_city_is_verbatim(name):
    text, gold = load(name)
    passages = [
        item["passage"]
        for field in ("participants", "delegations", "mentions", "agreements")
        for item in gold[field]
    ]
    for snippet in passages + [quote["text"] for quote in gold["quotes"]]:
        assert snippet.strip() and snippet in text, snippet
    assert gold["city"] is None or gold["city"] in text


@pytest.mark.parametrize("name", NAMES)
def test_people_quotes_and_agreements_are_complete(name):
    text, gold = load(name)
    people = [person["name"] for person in gold["participants"] + gold["mentions"]]
    assert len(set(people)) == len(people), "a person is listed twice"
    for person in gold["participants"]:
        assert person["role"] in {"head", "host", "member"} and person["title"].strip()
    for quote in gold["quotes"]:
        # A person of the release, or an institution as the text names it.
        assert quote["speaker"] in people or quote["speaker"] in text, quote
        assert isinstance(quote["attributed_by_context"], bool)
    for agreement in gold["agreements"]:
        assert agreement["kind"] in {"agreement", "commitment"} and agreement["title"].strip()


@pytest.mark.parametrize("name", NAMES)
def test_every_country_is_an_iso_code(name):
    _, gold = load(name)
    assert gold["country"] is None or is_country(gold["country"])
    for field in ("participants", "delegations"):
        for item in gold[field]:
            assert is_country(item["country"]), item
    for mention in gold["mentions"]:
        # An international organisation's official has no country.
        assert mention["country"] is None or is_country(mention["country"]), mention


@pytest.mark.parametrize("name", NAMES)
def test_every_topic_is_in_the_vocabulary(name):
    _, gold = load(name)
    vocabulary = {topic["slug"] for topic in load_data("topics")["topics"]}
    assert set(gold["topics"]) <= vocabulary
    assert len(set(gold["topics"])) == len(gold["topics"])
