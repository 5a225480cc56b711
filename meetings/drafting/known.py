"""
What the database already knows, as plain data the reader can match the text against:
officials (with aliases, country and positions), topics, cities, and country names and
nationality adjectives. The database layer fills it; the fixtures can fill it too.
"""

import datetime
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from .text import load_data

# (slug, name, [aliases], country_code, [(title, start, end)])
Official = tuple
# (slug, name, [aliases]) or (slug, name, [aliases], parent_slug)
Topic = tuple
# (slug, name, country_code)
City = tuple


@dataclass
class KnownWorld:
    officials: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    cities: list = field(default_factory=list)
    # code -> {"names": [...], "adjectives": [...]}; the package's table when empty.
    countries: dict = field(default_factory=dict)

    def country_table(self):
        """Names and adjectives per country: the package's table, then what was given."""
        table = {code: dict(entry) for code, entry in default_countries().items()}
        for code, entry in self.countries.items():
            merged = table.setdefault(code, {"names": [], "adjectives": []})
            merged["names"] = list(entry.get("names", [])) + merged["names"]
            merged["adjectives"] = list(entry.get("adjectives", [])) + merged["adjectives"]
        return table

    def topic_vocabulary(self):
        """slug -> {"name", "parent", "aliases"}: the package's words and the given ones."""
        vocabulary = {}
        for topic in load_data("topics")["topics"]:
            aliases = [topic["name"], *topic["en"], *topic["es"]]
            vocabulary[topic["slug"]] = {
                "name": topic["name"],
                "parent": topic["parent"],
                "aliases": aliases,
            }
        for slug, name, aliases, *rest in self.topics:
            entry = vocabulary.setdefault(slug, {"name": name, "parent": None, "aliases": []})
            entry["aliases"] = [name, *aliases, *entry["aliases"]]
            if rest and rest[0]:
                entry["parent"] = rest[0]
        return vocabulary

    @classmethod
    def from_fixtures(cls, folder):
        """The officials, topics and cities of the project's natural-key fixtures."""
        folder = Path(folder)
        officials = _officials_from_fixtures(_load(folder / "officials.json"))
        reference = _load(folder / "reference.json")
        topics = [
            (r["fields"]["slug"], r["fields"]["name"], [], (r["fields"]["parent"] or [None])[0])
            for r in reference
            if r["model"] == "meetings.topic"
        ]
        cities = [
            (r["fields"]["slug"], r["fields"]["name"], r["fields"]["country"][0])
            for r in reference
            if r["model"] == "meetings.city"
        ]
        return cls(officials=officials, topics=topics, cities=cities)


def _load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _officials_from_fixtures(records):
    by_slug = {}
    for record in records:
        fields = record["fields"]
        if record["model"] == "meetings.official":
            by_slug[fields["slug"]] = [fields["slug"], fields["name"], [], fields["country"][0], []]
    for record in records:
        fields = record["fields"]
        if record["model"] == "meetings.officialalias":
            by_slug[fields["official"][0]][2].append(fields["name"])
        elif record["model"] == "meetings.position":
            position = (fields["title"], _date(fields["start"]), _date(fields["end"]))
            by_slug[fields["official"][0]][4].append(position)
    return [tuple(official) for official in by_slug.values()]


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


@functools.cache
def default_countries():
    """Every ISO country's English and Spanish names, with the package's names and adjectives."""
    table = {}
    spanish = _spanish_names()
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", country.name)}
        if country.alpha_2 in spanish:
            names.add(spanish[country.alpha_2])
        table[country.alpha_2] = {"names": sorted(names), "adjectives": []}
    for code, entry in load_data("countries")["countries"].items():
        merged = table.setdefault(code, {"names": [], "adjectives": []})
        merged["names"] = list(dict.fromkeys(entry["names"] + merged["names"]))
        merged["adjectives"] = list(entry["adjectives"])
    return table


def _spanish_names():
    try:
        translate = pycountry.LOCALES_DIR and __import__("gettext").translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=["es"]
        )
    except OSError:
        return {}
    return {country.alpha_2: translate.gettext(country.name) for country in pycountry.countries}


def title_on(positions, day):
    """The title of the position held on a day, or of the latest position when no day."""
    if not positions:
        return ""
    if day:
        for title, start, end in positions:
            if (start is None or start <= day) and (end is None or day <= end):
                return title
    return max(positions, key=lambda position: position[1] or datetime.date.min)[0]
