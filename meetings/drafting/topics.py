"""
Topics from the vocabulary: a topic is proposed where one of its names or aliases (English or
Spanish) appears as whole words, accents and case ignored, outside the titles of people and
the names of institutions ("Secretary of Homeland Security" is not a word about security).
A topic found brings its parent topics, as editors file them.
"""

import re
from dataclasses import dataclass

from .text import UPPER, cue_words, find_phrases, fold, load_data


@dataclass
class TopicFact:
    slug: str
    start: int | None = None
    end: int | None = None
    implied: bool = False


def institution_spans(text):
    """Capitalised names of institutions: "Department of Homeland Security", "Secretaría de ..."."""
    heads = "|".join(re.escape(h) for h in cue_words("organisations", "heads"))
    word = rf"[{UPPER}][\w'’.-]*"
    run = rf"{word}(?:\s+(?:of|for|the|and|de|del|la|y|e)?\s*{word})*"
    return [m.span() for m in re.finditer(run, text) if re.search(rf"\b(?:{heads})\b", m.group())]


def _masked(text, spans):
    folded = list(fold(text))
    for start, end in spans:
        folded[start:end] = " " * (end - start)
    return "".join(folded)


def find_topics(text, vocabulary, masked_spans=()):
    """The topics the text speaks of, each with its first passage, parents implied."""
    folded = _masked(text, [*masked_spans, *institution_spans(text)])
    folded = _masked(folded, [m.span() for m in find_phrases(folded, _not_topics())])
    found = {}
    for slug, entry in vocabulary.items():
        matches = find_phrases(folded, tuple(entry["aliases"]))
        matches = [m for m in matches if _case_fits(text, m, entry["aliases"])]
        proper = [a for a in entry["aliases"] if a != entry["name"] and a[:1].isupper()]
        matches = [m for m in matches if not _in_a_name(text, m, proper)]
        if matches:
            found[slug] = TopicFact(slug, matches[0].start(), matches[0].end())
    for slug in list(found):
        parent = vocabulary[slug]["parent"]
        while parent and parent in vocabulary:
            found.setdefault(parent, TopicFact(parent, implied=True))
            parent = vocabulary[parent]["parent"]
    order = list(vocabulary)
    return sorted(found.values(), key=lambda fact: order.index(fact.slug))


def _case_fits(text, match, aliases):
    # An alias written in capitals ("NAFTA", "TCOs") must appear in capitals.
    found = text[match.start() : match.end()]
    upper_aliases = {fold(a) for a in aliases if a.isupper()}
    return fold(found) not in upper_aliases or found.isupper() or found[:-1].isupper()


def _not_topics():
    entry = load_data("topics")["not_topics"]
    return tuple(entry["en"] + entry["es"])


CAPITAL = f"[{UPPER}]"
CONNECTOR = r"(?:of|and|for|the|on|y|e|de|del|la|para)"


def _in_a_name(text, match, proper_names):
    """ "Foreign Relations and Security Policy", "Somali Security Forces", "las carteras de
    Comercio Exterior y Agricultura": a capitalised word of a longer name is no topic word,
    unless the vocabulary writes it in capitals ("Central America", "NAFTA")."""
    found = text[match.start() : match.end()]
    if not found[:1].isupper() or found.isupper():
        return False
    if any(fold(a) == fold(found) for a in proper_names):
        return False
    # The capitalised word before must itself follow a word: a sentence's first word is no name.
    before = re.search(
        rf"\w[ \t]+{CAPITAL}[\w’'.-]*[ \t]+(?:{CONNECTOR}[ \t]+)?$",
        text[max(0, match.start() - 50) : match.start()],
    )
    after = re.match(rf"[ \t]+(?:{CONNECTOR}[ \t]+)?{CAPITAL}", text[match.end() :])
    return bool(before or after)
