"""
People's names compared the way an editor would: accents, case, punctuation, titles, honorifics
and middle names ignored, Spanish double surnames allowed to drop their second half.

match() says whether a name as written is certainly one known person ("Pena Nieto" is Enrique
Peña Nieto) or only resembles some, with rapidfuzz scores for an editor to review. Two known
people a name fits equally well (one surname, two people), and any fuzzy resemblance, are never
merged here.
"""

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from meetings.text import unaccent

from .vocabulary import titles

# Words that go before a name without being part of it.
HONORIFICS = {
    "prince",
    "princess",
    "sheikh",
    "shaikh",
    "sheik",
    "dr",
    "lord",
    "sir",
    "dame",
    "cardinal",
}
HONORIFICS |= {"his", "her", "majesty", "highness", "excellency", "mr", "mrs", "ms", "former"}
SUFFIXES = {"jr", "sr"}
# A resemblance worth showing an editor; never enough to merge.
REVIEW_SCORE = 70


def _title_words():
    words = set()
    for title in titles():
        words.update(unaccent(title.written).casefold().replace("-", " ").split())
    return words - {"of", "the", "for"}


TITLE_WORDS = _title_words()


def name_tokens(name):
    """The words that identify a person: "President-elect Enrique Peña Nieto" -> enrique pena nieto."""
    text = unaccent(name).casefold().replace("’", "'")
    words = re.sub(r"[^\w\s'-]", " ", text).replace("-", " ").replace("'", "").split()
    while words and (words[0] in TITLE_WORDS or words[0] in HONORIFICS or words[0] == "elect"):
        words.pop(0)
    return [word for word in words if word not in SUFFIXES]


def match_key(name):
    """One string per spelling: accents, case, punctuation and titles gone."""
    return " ".join(name_tokens(name))


def _is_subsequence(short, long):
    position = 0
    for word in long:
        if position < len(short) and short[position] == word:
            position += 1
    return position == len(short)


def compatible(candidate, known):
    """
    Whether the words of `candidate` can name the person called `known`: the same words in any
    order ("Kishida Fumio", "Fumio Kishida"), or some of them in order ending on one of the last
    two words, the surnames ("Pena Nieto", "Marcelo Ebrard", "Rabin"), never a lone given or
    middle name.
    """
    short, long = name_tokens(candidate), name_tokens(known)
    if not short or not long:
        return False
    if sorted(short) == sorted(long):
        return True
    return _is_subsequence(short, long) and short[-1] in long[-2:] and short[-1] != long[0]


@dataclass(frozen=True)
class Candidate:
    person_id: object
    name: str
    score: float


@dataclass(frozen=True)
class Match:
    """person_id when certain; otherwise candidates (best first) for an editor, maybe none."""

    person_id: object = None
    candidates: list = field(default_factory=list)

    @property
    def certain(self):
        return self.person_id is not None


def _fitting(candidate, known_people, country):
    fitting = {}
    for person_id, names, code in known_people:
        if country and code and code != country:
            continue
        for name in names:
            if compatible(candidate, name):
                fitting.setdefault(person_id, Candidate(person_id, name, 100.0))
    return list(fitting.values())


def _resembling(candidate, known_people):
    choices = {
        (person_id, name): match_key(name) for person_id, names, _ in known_people for name in names
    }
    found = process.extract(match_key(candidate), choices, scorer=fuzz.token_sort_ratio, limit=10)
    best = {}
    for _, score, (person_id, name) in found:
        if score >= REVIEW_SCORE and score > best.get(person_id, Candidate(None, "", 0)).score:
            best[person_id] = Candidate(person_id, name, round(score, 1))
    return sorted(best.values(), key=lambda candidate: -candidate.score)


def match(candidate, known_people, country=None):
    """
    `known_people` is [(person_id, [name, alias, ...], country_code)]. A name that fits exactly
    one person (of `country`, when given) is certain; several fit, or only a fuzzy resemblance,
    and the candidates come back for review.
    """
    fitting = _fitting(candidate, known_people, country)
    if len(fitting) == 1:
        return Match(fitting[0].person_id, fitting)
    if fitting:
        return Match(None, fitting)
    return Match(None, _resembling(candidate, known_people))
