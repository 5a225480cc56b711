"""
Which post a traveller held on a date: President of the United States or Secretary of State.

The Presidents' terms come from presidents.xml; the Secretaries' from secretaries.csv, taken
from the Office of the Historian's own list of principal officers (HistoryAtState/pocom,
positions-principals/secretary.xml at commit 44d2226df6b26f8f5807215ec40e3a6c4d706bbb: person
id, started and ended dates, names from people/). A date outside every recorded term gives
None: the caller reports it rather than guessing a post.
"""

import csv
import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .records import DATA_ROOT, read_president_terms

SECRETARIES = Path(__file__).with_name("secretaries.csv")
TITLES = {"president": "President of the United States", "secretary": "Secretary of State"}


@dataclass(frozen=True)
class Term:
    """A term of office: who held which title, from start to end (None while in office)."""

    role: str
    who: str
    name: str
    start: datetime.date
    end: datetime.date | None
    source: str

    @property
    def title(self):
        return TITLES[self.role]

    def covers(self, day):
        return self.start <= day and (self.end is None or day <= self.end)


def _optional_date(text):
    return datetime.date.fromisoformat(text) if text else None


def secretary_terms(path=SECRETARIES):
    """Every Secretary of State's term, in order."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            Term(
                role="secretary",
                who=row["who"],
                name=row["name"],
                start=datetime.date.fromisoformat(row["start"]),
                end=_optional_date(row["end"]),
                source=row["source"],
            )
            for row in csv.DictReader(handle)
        ]


@cache
def president_terms(root=DATA_ROOT):
    """The Presidents' terms, read once."""
    return [
        Term("president", term.who, term.name, term.start, term.end, "presidents.xml")
        for term in read_president_terms(root)
    ]


@cache
def _terms_by_person():
    terms = {}
    for term in president_terms() + secretary_terms():
        terms.setdefault((term.role, term.who), []).append(term)
    return terms


def position_on(role, who, day):
    """The term in which `who` held the post of `role` on `day`, or None if none covers it."""
    for term in _terms_by_person().get((role, who), []):
        if term.covers(day):
            return term
    return None


def serving_president(day):
    """The President in office on `day` (a handover day gives the incoming one), or None."""
    serving = [term for term in president_terms() if term.covers(day)]
    return serving[-1] if serving else None


def trips_outside_terms(trips):
    """Trips whose start or end falls outside every recorded term of their traveller."""
    return [
        trip
        for trip in trips
        if position_on(trip.role, trip.who, trip.start) is None
        or position_on(trip.role, trip.who, trip.end) is None
    ]
