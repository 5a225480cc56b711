"""Countries, cities and agencies the plans need, found or created in bulk."""

import csv
from functools import cache
from pathlib import Path

from meetings.models import Agency, City, Country
from meetings.text import make_slug

from ..countries import country_name
from ..plans import parties

FOLDER = Path(__file__).resolve().parent.parent


@cache
def agency_names():
    """hint -> (name, kind), from agencies.csv."""
    with open(FOLDER / "agencies.csv", newline="", encoding="utf-8") as handle:
        return {row["hint"]: (row["name"], row["kind"]) for row in csv.DictReader(handle)}


@cache
def known_agencies():
    """(country, hint) -> the slug of an agency the fixtures already hold (known_agencies.csv)."""
    with open(FOLDER / "known_agencies.csv", newline="", encoding="utf-8") as handle:
        return {(row["country"], row["hint"]): row["slug"] for row in csv.DictReader(handle)}


def party_name(code):
    for party_code, name in parties().values():
        if party_code == code:
            return name
    return country_name(code)


def ensure_countries(codes):
    """{code: Country} for every code, creating the missing ones with their English names."""
    existing = {country.code: country for country in Country.objects.filter(code__in=codes)}
    missing = [Country(code=code, name=party_name(code)) for code in sorted(codes - set(existing))]
    Country.objects.bulk_create(missing)
    return {**existing, **{country.code: country for country in missing}}


def unique_slug(base, taken):
    """`base`, or `base-2`, `base-3`..., not in `taken` (which it joins)."""
    slug, number = base, 2
    while slug in taken:
        suffix = f"-{number}"
        slug, number = f"{base[: 80 - len(suffix)]}{suffix}", number + 1
    taken.add(slug)
    return slug


def ensure_cities(pairs, countries):
    """{(country code, name): City} for every (code, name) pair, creating the missing ones."""
    existing = {
        (city.country.code, city.name): city
        for city in City.objects.select_related("country").filter(
            country__code__in={c for c, _ in pairs}
        )
    }
    taken = set(City.objects.values_list("slug", flat=True))
    missing = []
    for code, name in sorted(pairs - set(existing)):
        slug = unique_slug(make_slug(name) or "city", taken)
        missing.append(City(name=name, slug=slug, country=countries[code]))
    City.objects.bulk_create(missing)
    return {**existing, **{(city.country.code, city.name): city for city in missing}}


def ensure_agencies(pairs, countries):
    """{(country code, hint or slug): Agency}: known ones by slug, the others created."""
    by_slug = {agency.slug: agency for agency in Agency.objects.all()}
    found, missing = {}, []
    for code, hint in sorted(pairs):
        slug = hint if hint in by_slug else known_agencies().get((code, hint))
        slug = slug or f"{code.lower()}-{hint}"
        if slug not in by_slug:
            name, kind = agency_names().get(hint, (hint.replace("-", " ").capitalize(), "office"))
            agency = Agency(
                name=f"{name} ({countries[code].name})",
                slug=slug,
                kind=kind,
                country=countries[code],
            )
            by_slug[slug] = agency
            missing.append(agency)
        found[(code, hint)] = by_slug[slug]
    Agency.objects.bulk_create(missing)
    return found
