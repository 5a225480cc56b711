"""
A visit's visitor string and description, parsed.

"President-elect Enrique Pena Nieto" is the title "President-elect" and the name "Enrique Pena
Nieto"; "President Fatmir Sejdiu and Prime Minister Hashim Thaci" two visitors. U.S. officials
the description names ("Met with President Carter") are participants on the U.S. side, with
their passage; the cities it names ("visited New York City", "Crawford, Texas") are returned with
theirs, and no others: a visit's place is never guessed.
"""

import re
from dataclasses import dataclass
from functools import cache

import pycountry

from .mentions import NAME, name_mentions
from .positions import president_terms
from .remarks import NOT_PRESENT, Passage
from .vocabulary import canonical_title, titles, titles_by_written

# Cities the descriptions name without a state; any other place needs one ("Crawford, Texas").
KNOWN_CITIES = [
    "New York City",
    "Washington",
    "Philadelphia",
    "Boston",
    "Chicago",
    "Los Angeles",
    "San Francisco",
    "Houston",
    "Dallas",
    "Detroit",
    "Atlanta",
    "Miami",
    "Seattle",
    "New Orleans",
    "Honolulu",
    "Orlando",
    "Baltimore",
    "Pittsburgh",
    "Denver",
    "Minneapolis",
    "St. Louis",
    "Kansas City",
    "Cleveland",
    "San Antonio",
    "San Diego",
    "Williamsburg",
    "Annapolis",
    "Palm Beach",
    "Princeton",
    "Buffalo",
    "San Juan",
    "Anchorage",
    "Hot Springs",
    "Rochester",
    "Milwaukee",
    "Cincinnati",
    "Austin",
    "Phoenix",
    "Las Vegas",
    "Omaha",
    "Indianapolis",
    "Nashville",
    "Charleston",
    "Savannah",
    "Portland",
    "Sacramento",
]
# Places that are not cities, though a state follows them.
NOT_CITIES = {"Camp David", "Mar-a-Lago", "White House", "Blair House", "Point Loma"}
STATE_ABBREVIATIONS = ["Fla.", "Calif.", "Ga.", "Va.", "Md.", "Mass.", "Tex.", "Ill.", "Mich."]


@dataclass(frozen=True)
class VisitorName:
    title: str
    name: str
    canonical_title: str
    agency: str


@dataclass(frozen=True)
class Participant:
    name: str
    title: str
    side: str
    passage: Passage


@dataclass(frozen=True)
class City:
    name: str
    passage: Passage


@dataclass(frozen=True)
class VisitParse:
    visitors: list
    people: list
    cities: list


@cache
def _visitor_title_regex():
    alternation = "|".join(re.escape(title.written) for title in titles())
    return re.compile(rf"^(?P<title>(?:{alternation}))\s+(?P<name>.+)$")


def _one_visitor(part):
    match = _visitor_title_regex().match(part)
    title, name = (match.group("title"), match.group("name")) if match else ("", part)
    canonical, agency = canonical_title(title) if title else ("", "")
    return VisitorName(title, name.strip(), canonical, agency)


@cache
def _visitor_split_regex():
    """Where a second visitor begins: "... and Prime Minister Hashim Thaci"."""
    alternation = "|".join(re.escape(title.written) for title in titles())
    return re.compile(rf",?\s+and\s+(?=(?:{alternation})\s)|,\s+(?=(?:{alternation})\s)")


def parse_visitor(visitor):
    """Each (title, name) of a visitor string; a part without a title keeps its whole text."""
    parts = _visitor_split_regex().split(visitor)
    return [_one_visitor(part.strip()) for part in parts if part.strip()]


@cache
def _president_surnames():
    return {term.name.split()[-1] for term in president_terms()}


def _is_us_official(mention):
    """In a visit to the United States, a Secretary of State or Vice President is American."""
    title = titles_by_written().get(mention.title.casefold())
    if mention.qualifier in {"U.S.", "US", "American", "United States"}:
        return True
    if (title and title.side == "US") or mention.title in {"Secretary of State", "Vice President"}:
        return True
    return mention.title == "President" and mention.name.split()[-1] in _president_surnames()


def us_participants(description):
    """U.S. officials the description names: "Met with President Carter" is Carter, US."""
    return [
        Participant(m.name, m.title, "US", Passage(m.start, m.end, description[m.start : m.end]))
        for m in name_mentions(description)
        if _is_us_official(m) and not NOT_PRESENT.search(description[: m.start])
    ]


@cache
def _state_pattern():
    states = [s.name for s in pycountry.subdivisions.get(country_code="US")]
    codes = [s.code.split("-")[1] for s in pycountry.subdivisions.get(country_code="US")]
    words = sorted(states + codes + STATE_ABBREVIATIONS, key=lambda word: -len(word))
    return "|".join(re.escape(word) for word in words)


@cache
def _city_regex():
    """A place after "in", "at", "to", "visited"... or a list's comma: a known city or "X, State"."""
    known = "|".join(re.escape(city) for city in sorted(KNOWN_CITIES, key=lambda c: -len(c)))
    return re.compile(
        r"(?:\b(?:in|at|to|near|visited|visiting|Visited|Revisited|and)\s+|,\s+)"
        rf"(?P<city>(?P<place>{NAME})(?=(?:,\s+|\s+\()(?:{_state_pattern()})(?!\w))|{known}\b)"
        r"(?!\s+(?:Conference|Summit|Declaration))"
    )


def cities(description):
    """The cities a description names, each once, with its passage, in order."""
    found = []
    for match in _city_regex().finditer(description):
        name = match.group("city")
        if name in NOT_CITIES or name in {city.name for city in found}:
            continue
        start, end = match.span("city")
        found.append(City(name, Passage(start, end, description[start:end])))
    return found


def parse_visit_text(visitor, description):
    return VisitParse(parse_visitor(visitor), us_participants(description), cities(description))


def parse_visit(visit):
    return parse_visit_text(visit.visitor, visit.description)
