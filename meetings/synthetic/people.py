"""
The officials: names as each country writes them, with aliases; careers of consecutive dated
posts; and, for drawing a meeting's participants, who is active in each year. Popularity
follows a Zipf-like law, so a few take part in thousands of meetings and most in a handful.
"""

import bisect
import datetime
import itertools

from django.core.management.base import CommandError
from django.utils.text import slugify

from meetings.models import Official, OfficialAlias, Position
from meetings.synthetic.vocabulary import (
    MIDDLE_INITIALS,
    MX_FIRST,
    MX_LAST,
    POSTS,
    US_FIRST,
    US_LAST,
    US_NICKNAMES,
)
from meetings.synthetic.when import FIRST_YEAR, LAST_YEAR


def us_person(rng):
    """A U.S. name, its sort name and its aliases ("Mike Smith", "M. Smith")."""
    first, last = rng.choice(US_FIRST), rng.choice(US_LAST)
    middle = f" {rng.choice(MIDDLE_INITIALS)}." if rng.random() < 0.4 else ""
    name = f"{first}{middle} {last}"
    aliases = []
    if first in US_NICKNAMES and rng.random() < 0.7:
        aliases.append(f"{US_NICKNAMES[first]} {last}")
    if rng.random() < 0.4:
        aliases.append(f"{first[0]}. {last}")
    return name, f"{last}, {first}{middle}", aliases


def mx_person(rng):
    """A Mexican name (sometimes two given names, always two surnames), sort name, aliases."""
    first = rng.choice(MX_FIRST)
    if rng.random() < 0.3:
        first = f"{first} {rng.choice(MX_FIRST)}"
    paternal, maternal = rng.sample(MX_LAST, 2)
    name = f"{first} {paternal} {maternal}"
    aliases = [f"{first.split()[0]} {paternal}"]
    plain = slugify(name).replace("-", " ").title()
    if plain.lower() != name.lower() and rng.random() < 0.5:
        aliases.append(plain)  # the name as written without accents
    return name, f"{paternal} {maternal}, {first}", aliases


PERSON = {"US": us_person, "MX": mx_person}


def career(rng, ids, official_pk, rank, agencies):
    """Consecutive posts over a span of years: a list of (first day, last day, Position)."""
    # The most prominent people also have longer careers.
    length = rng.randint(3, 12) if rank > 40 else rng.randint(8, 16)
    start = rng.randint(FIRST_YEAR - 5, LAST_YEAR - 1)
    end = min(start + length, LAST_YEAR + 1)
    spans, year = [], start
    while year < end:
        span = rng.randint(2, 8)
        agency = rng.choice(agencies)
        first = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
        last_year = min(year + span, end)
        last = datetime.date(last_year, rng.randint(1, 12), rng.randint(1, 28))
        if last <= first:
            last = first + datetime.timedelta(days=300)
        current = last_year >= LAST_YEAR + 1
        position = Position(
            pk=ids.take(Position),
            official_id=official_pk,
            agency_id=agency.pk,
            title=rng.choice(POSTS[agency.kind]),
            start=first if rng.random() > 0.04 else None,
            end=None if current else last,
            acting=rng.random() < 0.05,
        )
        spans.append((first, last, position))
        year = last_year + 1
    return spans


class Officials:
    """Everyone generated, their careers, and who is active in each year, for weighted draws."""

    def __init__(self, officials, careers, popularity, countries):
        self.by_pk = {official.pk: official for official in officials}
        self.careers = careers  # official pk -> list of (first day, last day, Position)
        self.active = {}  # (country code, year) -> (official pks, cumulative popularity)
        for code in ("US", "MX"):
            by_year = {}
            for official in officials:
                if official.country_id == countries[code].pk:
                    spans = careers[official.pk]
                    for year in range(spans[0][0].year, spans[-1][1].year + 1):
                        by_year.setdefault(year, []).append(official.pk)
            for year, pks in by_year.items():
                weights = list(itertools.accumulate(popularity[pk] for pk in pks))
                self.active[code, year] = (pks, weights)

    def draw(self, rng, code, year, count, exclude=()):
        """Up to `count` people of a country active in the year (or the nearest year with any)."""
        pks, cum = self.active.get((code, year)) or self.nearest_active(code, year)
        chosen = []
        for _ in range(count * 4):
            pk = pks[bisect.bisect(cum, rng.random() * cum[-1])] if len(pks) > 1 else pks[0]
            if pk not in chosen and pk not in exclude:
                chosen.append(pk)
                if len(chosen) == count:
                    break
        return chosen

    def nearest_active(self, code, year):
        for delta in range(1, 100):
            for candidate in (year - delta, year + delta):
                if (code, candidate) in self.active:
                    return self.active[code, candidate]
        raise CommandError("Too few officials for the years covered.")

    def position_on(self, official_pk, day):
        for first, last, position in self.careers[official_pk]:
            if first <= day <= last:
                return position
        return None

    def styled(self, official_pk, day):
        """ "Secretary Jane Smith": the name with the post held on the day, where known."""
        official = self.by_pk[official_pk]
        position = self.position_on(official_pk, day)
        return f"{position.title} {official.name}" if position else official.name

    def surname(self, official_pk):
        return self.by_pk[official_pk].sort_name.split(",")[0].split()[0]


def make_officials(gen):
    """Writes the officials, their aliases and posts, half from each side; returns Officials."""
    officials, aliases, careers, popularity = [], [], {}, {}
    for code in ("US", "MX"):
        count = gen.n_officials // 2 if code == "US" else gen.n_officials - gen.n_officials // 2
        ranks = list(range(1, count + 1))
        gen.rng.shuffle(ranks)
        for rank in ranks:
            name, sort_name, alias_names = PERSON[code](gen.rng)
            pk = gen.ids.take(Official)
            country_pk = gen.places.countries[code].pk
            slug = gen.slugs.unique(name)
            officials.append(
                Official(pk=pk, name=name, sort_name=sort_name, slug=slug, country_id=country_pk)
            )
            aliases += [OfficialAlias(official_id=pk, name=alias) for alias in alias_names]
            # Zipf-like popularity (Zipf-Mandelbrot, offset 30). At 100,000 meetings a dozen
            # take part in over 3,000.
            popularity[pk] = 1 / (rank + 30)
            careers[pk] = career(gen.rng, gen.ids, pk, rank, gen.agencies[code])
    gen.store.save(Official, officials)
    gen.store.save(OfficialAlias, aliases)
    gen.store.save(Position, [position for spans in careers.values() for _, _, position in spans])
    return Officials(officials, careers, popularity, gen.places.countries)
