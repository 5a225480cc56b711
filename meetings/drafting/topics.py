"""
Topics from the vocabulary: a topic is proposed where one of its names or aliases (English or
Spanish) appears as whole words, accents and case ignored, outside the titles of people and
the names of institutions ("Secretary of Homeland Security" is not a word about security).
A topic found brings its parent topics, as editors file them.
"""

import re
from dataclasses import dataclass

from .text import UPPER, cue_words, find_phrases, fold


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
    found = {}
    for slug, entry in vocabulary.items():
        matches = find_phrases(folded, tuple(entry["aliases"]))
        matches = [m for m in matches if _case_fits(text, m, entry["aliases"])]
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
