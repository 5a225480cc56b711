"""
The agencies: each country's top-level bodies with their aliases, the chambers of its
legislature, its consulates under its embassy, then as many units inside its ministries,
offices and presidency as the count asked for allows.
"""

from meetings.models import Agency, AgencyAlias
from meetings.synthetic.vocabulary import (
    CHAMBERS,
    CONSULATE_CITIES,
    CONSULATE_LABEL,
    TOP_AGENCIES,
    UNIT_DOMAINS,
    UNIT_PREFIXES,
)

HOLD_UNITS = ("ministry", "office", "presidency")  # the kinds of agency units are drawn within


class AgencyTree:
    """Agencies and their aliases as they are added; each country's in the order added."""

    def __init__(self, gen):
        self.ids, self.slugs, self.countries = gen.ids, gen.slugs, gen.places.countries
        self.rows, self.aliases = [], []
        self.by_country = {"US": [], "MX": []}

    def add(self, name, short, kind, code, parent=None, alias=""):
        agency = Agency(
            pk=self.ids.take(Agency),
            name=name,
            short_name=short,
            slug=self.slugs.unique(short + " " + name if short else name),
            kind=kind,
            country_id=self.countries[code].pk,
            parent_id=parent.pk if parent else None,
        )
        self.rows.append(agency)
        self.by_country[code].append(agency)
        if alias:
            self.aliases.append(AgencyAlias(agency_id=agency.pk, name=alias))
        if short:
            self.aliases.append(AgencyAlias(agency_id=agency.pk, name=short))
        return agency

    def add_top_level(self, code):
        """A country's top-level bodies and chambers; returns the units they could hold."""
        units = []
        for name, short, kind, alias in TOP_AGENCIES[code]:
            agency = self.add(name, short, kind, code, alias=alias)
            for chamber, chamber_kind in CHAMBERS.get(name, []):
                self.add(chamber, "", chamber_kind, code, parent=agency)
            if kind in HOLD_UNITS:
                for prefix in UNIT_PREFIXES[code]:
                    units += [(code, f"{prefix} {domain}", agency) for domain in UNIT_DOMAINS]
        return units

    def add_consulates(self, code):
        country_pk = self.countries[code].pk
        embassy = next(a for a in self.rows if a.kind == "embassy" and a.country_id == country_pk)
        for city in CONSULATE_CITIES[code]:
            self.add(f"{CONSULATE_LABEL[code]} {city}", "", "embassy", code, parent=embassy)

    def add_units(self, units, limit):
        for code, unit_name, parent in units:
            if len(self.rows) >= limit:
                break
            short = parent.short_name or parent.name
            self.add(f"{unit_name}, {short}", "", "unit", code, parent=parent)


def make_agencies(gen):
    """Writes the agencies; returns each country's, by code."""
    tree = AgencyTree(gen)
    units = []
    for code in TOP_AGENCIES:
        units += tree.add_top_level(code)
        tree.add_consulates(code)
    gen.rng.shuffle(units)
    tree.add_units(units, gen.n_agencies)
    gen.store.save(Agency, tree.rows)
    gen.store.save(AgencyAlias, tree.aliases)
    return tree.by_country


def chambers(agencies_by_country, code):
    return [agency for agency in agencies_by_country[code] if agency.kind == "chamber"]
