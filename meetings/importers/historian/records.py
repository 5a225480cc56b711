"""
The Office of the Historian's XML read into frozen dataclasses.

Trips, visits and the Presidents' terms, as fixtures/history-state-gov/ holds them. Free text
(remarks, descriptions, visitors) has its whitespace collapsed to single spaces, because the XML
wraps long lines: that normalised text is "the record's text", which every passage extracted from
it is a substring of.
"""

import datetime
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

DATA_ROOT = Path(__file__).resolve().parents[3] / "fixtures" / "history-state-gov"
SITE = "https://history.state.gov/departmenthistory"


def collapse(text):
    """Whitespace runs to single spaces, trimmed: the form every passage is taken from."""
    return " ".join((text or "").split())


@dataclass(frozen=True)
class Trip:
    """A President's or Secretary of State's trip abroad."""

    id: int
    role: str  # "president" or "secretary"
    who: str  # the traveller's id, as in the site's URLs: "tillerson-rex-w"
    name: str
    start: datetime.date
    end: datetime.date
    country_id: str
    country_label: str
    locale: str
    remarks: str
    modified: datetime.datetime | None

    @property
    def url(self):
        """The traveller's page on history.state.gov, which lists this trip."""
        return f"{SITE}/travels/{self.role}/{self.who}"


@dataclass(frozen=True)
class Visit:
    """A foreign leader's visit to the United States."""

    id: int
    start: datetime.date
    end: datetime.date
    visitor: str
    from_id: str
    from_label: str
    description: str
    modified: datetime.datetime | None

    @property
    def url(self):
        """The page of the year the visit began, which lists it (the site has no page a visit)."""
        return f"{SITE}/visits/{self.start.year}"


@dataclass(frozen=True)
class PresidentTerm:
    """One term of office of a President; end is None while in office."""

    who: str
    name: str
    start: datetime.date
    end: datetime.date | None


def _date(element, path):
    text = collapse(element.findtext(path))
    return datetime.date.fromisoformat(text) if text else None


def _modified(element):
    """The last modification, or the creation when no modification is recorded (620 records)."""
    for path in ("last-modified-datetime", "created-datetime"):
        text = collapse(element.findtext(path))
        if text:
            return datetime.datetime.fromisoformat(text)
    return None


def _trip(element):
    country = element.find("country")
    return Trip(
        id=int(element.findtext("id")),
        role=element.get("role"),
        who=element.get("who"),
        name=collapse(element.findtext("name")),
        start=_date(element, "start-date"),
        end=_date(element, "end-date"),
        country_id=country.get("id"),
        country_label=collapse(country.text),
        locale=collapse(element.findtext("locale")),
        remarks=collapse(element.findtext("remarks")),
        modified=_modified(element),
    )


def _visit(element):
    origin = element.find("from")
    return Visit(
        id=int(element.findtext("id")),
        start=_date(element, "start-date"),
        end=_date(element, "end-date"),
        visitor=collapse(element.findtext("visitor")),
        from_id=origin.get("id"),
        from_label=collapse(origin.text),
        # Descriptions may italicise a ship's or a document's name: <em> keeps its words.
        description=collapse("".join(element.find("description").itertext())),
        modified=_modified(element),
    )


def read_trips(root=DATA_ROOT):
    """Every trip, presidential then secretarial, in file and document order."""
    trips = []
    for folder in ("president-travels", "secretary-travels"):
        for path in sorted((Path(root) / "travels" / folder).glob("*.xml")):
            trips.extend(_trip(element) for element in ET.parse(path).getroot().iter("trip"))
    return trips


def read_visits(root=DATA_ROOT):
    """Every visit, decade file by decade file."""
    visits = []
    for path in sorted((Path(root) / "visits" / "data").glob("*.xml")):
        visits.extend(_visit(element) for element in ET.parse(path).getroot().iter("visit"))
    return visits


def read_president_terms(root=DATA_ROOT):
    """The Presidents' terms from presidents.xml: Cleveland and Trump hold two each."""
    path = Path(root) / "travels" / "presidents" / "presidents.xml"
    return [
        PresidentTerm(
            who=collapse(element.findtext("id")),
            name=collapse(element.findtext("name")),
            start=_date(element, "took-office-date"),
            end=_date(element, "left-office-date"),
        )
        for element in ET.parse(path).getroot().iter("president")
    ]
