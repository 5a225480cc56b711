"""
What each record becomes, before any database: a MeetingPlan per travel or visit.

A trip is one meeting (kind "trip"): the traveller heads the U.S. side with the post held that
day, the counterparts its remarks name take part on their side, unnamed groups are unnamed
delegations. A Secretary's trip whose remarks say they accompanied the President, overlapping
a presidential trip to the same country, is the same travel: one meeting carrying both records
and both travellers. A visit is one meeting (kind "visit") in the United States: the visitor
takes part for their country, U.S. officials only when the description names them.

Each record is cited as a source of its own whose text is the record's fields, verbatim, one a
line; every passage of a plan is a substring of its source's text.
"""

import csv
import datetime
import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import cache, cached_property
from pathlib import Path

from meetings.text import make_slug

from .positions import position_on, serving_president
from .remarks import parse_trip

PUBLISHER = "Office of the Historian, U.S. Department of State"
TRAVELS = "history.state.gov/travels"
VISITS = "history.state.gov/visits"
PEOPLE = "history.state.gov/people"  # the travellers' ids: "tillerson-rex-w"
ROLE_LABELS = {"president": "President", "secretary": "Secretary"}
TRAVELLER_POSTS = {
    "president": ("President of the United States", "us-white-house"),
    "secretary": ("Secretary of State", "us-department-of-state"),
}
PARTIES = Path(__file__).with_name("parties.csv")


@cache
def parties():
    """International organisations as parties: {organisation: (code, name)}."""
    with open(PARTIES, newline="", encoding="utf-8") as handle:
        return {row["organization"]: (row["code"], row["name"]) for row in csv.DictReader(handle)}


def party_of(side, organization):
    """A side's code: its country, or an organisation's code ("NATO; OSCE" takes the first)."""
    if side:
        return side
    first = organization.split(";")[0].strip()
    return parties()[first][0] if first in parties() else None


@dataclass(frozen=True)
class PersonPlan:
    name: str
    title: str  # the canonical title, e.g. "Foreign Minister"
    agency: str  # an agency hint ("foreign-ministry") or, for travellers, an agency slug
    side: str
    role: str
    passage: str
    source: str  # the slug of the source whose text holds the passage
    who: str = ""  # a traveller's or a serving President's id
    term: tuple = ()  # (start, end) of a traveller's post


@dataclass(frozen=True)
class DelegationPlan:
    side: str
    description: str
    passage: str
    source: str


@dataclass(frozen=True)
class SourcePlan:
    slug: str
    title: str
    text: str
    url: str
    file_name: str
    notes: str


@dataclass
class MeetingPlan:
    key: str  # "travels/3914", "travels/52+travels/3914", "visits/2076"
    kind: str
    title: str
    start: datetime.date
    end: datetime.date
    country: str
    country_name: str
    cities: list
    places: str
    summary: str
    records: list  # [(scheme, record id, url)]
    sources: list = field(default_factory=list)
    people: list = field(default_factory=list)
    delegations: list = field(default_factory=list)

    @cached_property
    def fingerprint(self):
        """Of the whole plan: read once it is complete (the writer's first look)."""
        text = json.dumps(asdict(self), sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def slug_base(self):
        return make_slug(f"{self.start.isoformat()} {self.title}")


def trip_source(trip):
    text = "\n".join(
        [
            f"Name: {trip.name}",
            f"Role: {ROLE_LABELS.get(trip.role, trip.role)}",
            f"Country: {trip.country_label}",
            f"Locale: {trip.locale}",
            f"Dates: {trip.start.isoformat()} to {trip.end.isoformat()}",
            f"Remarks: {trip.remarks}",
        ]
    )
    return SourcePlan(
        slug=f"hsg-travels-{trip.id}",
        title=f"{trip.name}: travel to {trip.country_label}, {trip.start.isoformat()}",
        text=text,
        url=trip.url,
        file_name=f"travels/{trip.role}-travels/{trip.who}.xml",
        notes=f"history.state.gov travels record {trip.id} (public domain).",
    )


def visit_source(visit):
    text = "\n".join(
        [
            f"Visitor: {visit.visitor}",
            f"From: {visit.from_label}",
            f"Dates: {visit.start.isoformat()} to {visit.end.isoformat()}",
            f"Description: {visit.description}",
        ]
    )
    return SourcePlan(
        slug=f"hsg-visits-{visit.id}",
        title=f"Visit of {visit.visitor} ({visit.from_label}), {visit.start.isoformat()}",
        text=text,
        url=visit.url,
        file_name=f"visits/data/{visit.start.year // 10 * 10}.xml",
        notes=f"history.state.gov visits record {visit.id} (public domain).",
    )


def split_locale(locale):
    """The places of a locale: "Rio de Janeiro, Brasilia and Manaus" -> three."""
    parts = locale.replace(" and ", ", ").split(",")
    return [part.strip() for part in parts if part.strip()]


def traveller(trip, source, role):
    """The traveller, with the post held on the trip's first day (None outside any term)."""
    term = position_on(trip.role, trip.who, trip.start)
    title, agency = TRAVELLER_POSTS[trip.role]
    return PersonPlan(
        name=trip.name,
        title=title if term else "",
        agency=agency,
        side="US",
        role=role,
        passage=trip.name,
        source=source.slug,
        who=trip.who,
        term=(term.start, term.end) if term else (),
    )


def counterparts(trip, destination, source, named):
    """People and delegations of a trip's remarks, less anyone already named in the plan."""
    parsed = parse_trip(trip, destination)
    people, delegations = [], []
    for person in parsed.people:
        side = party_of(person.side, person.organization)
        if side is None or person.name in named:
            continue
        named.add(person.name)
        people.append(
            PersonPlan(
                name=person.name,
                title=person.canonical_title,
                agency=person.agency,
                side=side,
                role=person.role,
                passage=person.passage.text,
                source=source.slug,
                who=president_who(side, person.canonical_title, person.name, trip.start),
            )
        )
    for group in parsed.delegations:
        side = party_of(group.side, group.organization)
        if side:
            delegations.append(
                DelegationPlan(side, group.description, group.passage.text, source.slug)
            )
    return people, delegations, parsed.accompanied_president


def president_who(side, title, name, day):
    """The serving President's id when a record names them ("accompanied President Bush")."""
    if side != "US" or title != "President":
        return ""
    term = serving_president(day)
    if term and term.name.split()[-1] == name.split()[-1]:
        return term.who
    return ""
