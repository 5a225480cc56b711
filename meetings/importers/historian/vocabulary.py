"""
The word lists the parsers read, kept as data beside this module.

titles.csv: a title as written, its canonical form and the kind of post (the agency hint), and
"US" or "org" where the title alone gives the side (a Secretary of Homeland Security is
American, a Secretary-General serves an international organisation). nationalities.csv:
adjectives and short country names to ISO codes, some only until a date ("Chinese" meant the
Republic of China before October 1949). organizations.csv: prefixes that name an international
organisation ("UN Secretary-General", "NATO officials").
"""

import csv
import datetime
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from .countries import table_rows

HERE = Path(__file__).parent


def _rows(name):
    with open(HERE / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Title:
    written: str
    canonical: str
    agency: str
    side: str  # "US", "org" or "" (the side comes from elsewhere)


@cache
def titles():
    """Every title as written, longest first so "Vice President" wins over "President"."""
    found = [
        Title(row["written"], row["canonical"], row["agency"], row["side"])
        for row in _rows("titles.csv")
    ]
    return sorted(found, key=lambda title: -len(title.written))


@cache
def titles_by_written():
    return {title.written.casefold(): title for title in titles()}


def canonical_title(written):
    """("Foreign Minister", "foreign-ministry") for "Minister of Foreign Affairs"; modifiers kept."""
    title = titles_by_written().get(" ".join(written.split()).casefold())
    if title is None:
        return written, ""
    return title.canonical, title.agency


def title_pattern():
    """A regular expression alternation of every title, plural forms accepted."""
    return "|".join(re.escape(title.written) for title in titles())


@cache
def _nationality_rows():
    rows = _rows("nationalities.csv")
    for row in rows:
        row["until"] = datetime.date.fromisoformat(row["until"]) if row["until"] else None
    return rows


@cache
def nationality_words():
    """Every nationality word, longest first ("South Korean" before "Korean")."""
    return sorted({row["word"] for row in _nationality_rows()}, key=lambda word: -len(word))


def nationality_code(word, day=None):
    """The ISO code a nationality adjective or short name stands for on `day`, or None."""
    for row in _nationality_rows():
        if row["word"] != word:
            continue
        if row["until"] is None or (day is not None and day <= row["until"]):
            return row["code"]
    return None


def country_code_by_name(name, day=None):
    """A country named in full ("Greece", "the United Kingdom"), through the tables or pycountry."""
    name = re.sub(r"^the\s+", "", name.strip())
    code = nationality_code(name, day)
    if code:
        return code
    for row in table_rows():
        if row.name == name:
            return row.code
    try:
        return pycountry.countries.lookup(re.sub(r"^St\.\s", "Saint ", name)).alpha_2
    except LookupError:
        return None


@cache
def organizations():
    """Prefix -> organisation, longest first."""
    rows = sorted(_rows("organizations.csv"), key=lambda row: -len(row["word"]))
    return {row["word"]: row["organization"] for row in rows}


# Country names pycountry does not know; nationalities.csv gives their codes.
SHORT_NAMES = ["Russia", "Soviet Union", "Yugoslavia", "Korea", "Iran", "Syria", "Vietnam"]
SHORT_NAMES += ["Britain", "Great Britain", "St. Christopher and Nevis", "Burma", "Ivory Coast"]
SHORT_NAMES += ["United States"]


@cache
def country_names():
    """Every country name the parsers accept after "of", longest first ("St. Kitts and Nevis")."""
    names = set(SHORT_NAMES) | {row.name for row in table_rows() if row.name}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.update({value, value.replace("Saint ", "St. ")})
    return sorted(names, key=lambda name: -len(name))
