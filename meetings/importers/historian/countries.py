"""
The records' country ids (a trip's `<country id>`, a visit's `<from id>`) as ISO 3166 codes.

pycountry resolves most ids by name ("el-salvador" is El Salvador, SV). countries.csv, the one
reviewed table, holds the rest: the data's own ids ("korea-south", "congo-kinshasa", the
misspelt "somoa"), synonyms merged into one code, states that no longer exist under their
historic two-letter codes (SU, YU, CS, DD, AN: the project stores two letters, pycountry's
historic entries are keyed by four), a label that overrides its id ("China, Republic of" is
TW), and each odd case's reason in its note column.
"""

import csv
import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from meetings.text import normalize_name

TABLE = Path(__file__).with_name("countries.csv")


@dataclass(frozen=True)
class Country:
    code: str
    name: str


@dataclass(frozen=True)
class TableRow:
    data_id: str
    label: str
    until: datetime.date | None
    code: str
    name: str
    note: str

    def applies(self, label, day):
        if self.label and self.label != label:
            return False
        return self.until is None or day is None or day <= self.until


@cache
def table_rows():
    """The reviewed table, rows with a label or a date first: they override their id's row."""
    with open(TABLE, newline="", encoding="utf-8") as handle:
        rows = [
            TableRow(
                data_id=row["data_id"],
                label=row["label"],
                until=datetime.date.fromisoformat(row["until"]) if row["until"] else None,
                code=row["code"],
                name=row["name"],
                note=row["note"],
            )
            for row in csv.DictReader(handle)
        ]
    return sorted(rows, key=lambda row: not (row.label or row.until))


def country_name(code):
    """English name: the table's for historic and user-assigned codes, else pycountry's."""
    for row in table_rows():
        if row.code == code and row.name:
            return row.name
    current = pycountry.countries.get(alpha_2=code)
    if current is None:
        raise LookupError(f"No country has the code {code!r}.")
    return getattr(current, "common_name", None) or current.name


@cache
def _pycountry_by_plain_name():
    """pycountry's current countries by every name, accents and case ignored: "turkiye" finds TR."""
    names = {}
    for entry in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(entry, attribute, None)
            if value:
                names[normalize_name(value)] = entry.alpha_2
    return names


def _pycountry_code(data_id, label):
    """By the id read as a name ("el-salvador"), else by the label."""
    for name in (data_id.replace("-", " "), label):
        code = _pycountry_by_plain_name().get(normalize_name(name or ""))
        if code:
            return code
    return None


def country_code(data_id, label="", day=None):
    """The ISO code of a record's country id, its label and date given for the overrides."""
    for row in table_rows():
        if row.data_id == data_id and row.applies(label, day):
            return row.code
    code = _pycountry_code(data_id, label)
    if code is None:
        raise LookupError(f"Country id {data_id!r} is neither in countries.csv nor in pycountry.")
    return code


def country(data_id, label="", day=None):
    """(code, English name) of a record's country: country("russia", "U.S.S.R.", 1985-…)."""
    code = country_code(data_id, label, day)
    return Country(code, country_name(code))


def trip_country(trip):
    return country(trip.country_id, trip.country_label, trip.start)


def visit_country(visit):
    return country(visit.from_id, visit.from_label, visit.start)
