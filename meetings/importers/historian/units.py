"""
The records grouped into meetings and planned: every trip and visit as a MeetingPlan (see
plans.py), a Secretary's trip with the President's merged into one.
"""

from collections import defaultdict

from .countries import trip_country, visit_country
from .plans import (
    TRAVELS,
    VISITS,
    MeetingPlan,
    PersonPlan,
    counterparts,
    president_who,
    split_locale,
    traveller,
    trip_source,
    visit_source,
)
from .remarks import parse_trip
from .visitors import parse_visit
from .vocabulary import canonical_title


def overlaps(a, b):
    return a.start <= b.end and b.start <= a.end


def travel_groups(trips):
    """
    The trips as groups that are one travel each: a Secretary's trip whose remarks say they
    accompanied the President joins the President's trip to the same country it overlaps.
    """
    presidential = defaultdict(list)
    for trip in trips:
        if trip.role == "president":
            presidential[trip_country(trip).code].append(trip)
    joined = {}
    for trip in trips:
        if trip.role != "secretary" or not parse_trip(trip, "").accompanied_president:
            continue
        code = trip_country(trip).code
        host = next((p for p in presidential[code] if overlaps(p, trip)), None)
        if host is not None:
            joined.setdefault(host.id, []).append(trip)
    merged = {trip.id for group in joined.values() for trip in group}
    return [[trip, *joined.get(trip.id, [])] for trip in trips if trip.id not in merged]


def trip_plan(group):
    """One travel (one trip, or a President's with the Secretary's who went along)."""
    first = group[0]
    country = trip_country(first)
    cities = split_locale(first.locale)
    place = f"{cities[0]}, {country.name}" if cities else country.name
    names = " and ".join(trip.name for trip in group)
    plan = MeetingPlan(
        key="+".join(f"travels/{trip.id}" for trip in group),
        kind="trip",
        title=f"{names} in {place}",
        start=min(trip.start for trip in group),
        end=max(trip.end for trip in group),
        country=country.code,
        country_name=country.name,
        cities=cities,
        places=first.locale,
        summary=" ".join(trip.remarks for trip in group if trip.remarks),
        records=[(TRAVELS, str(trip.id), trip.url) for trip in group],
    )
    named = {trip.name for trip in group}
    for index, trip in enumerate(group):
        source = trip_source(trip)
        plan.sources.append(source)
        plan.people.append(traveller(trip, source, "head" if index == 0 else "member"))
        people, delegations, _ = counterparts(trip, country.code, source, named)
        plan.people.extend(people)
        plan.delegations.extend(delegations)
    return plan


def visit_plan(visit):
    """A foreign leader's visit to the United States."""
    country = visit_country(visit)
    parsed = parse_visit(visit)
    source = visit_source(visit)
    cities = [city.name for city in parsed.cities]
    plan = MeetingPlan(
        key=f"visits/{visit.id}",
        kind="visit",
        title=f"{visit.visitor} of {country.name} in the United States",
        start=visit.start,
        end=visit.end,
        country="US",
        country_name="United States",
        cities=cities,
        places=", ".join(cities),
        summary=visit.description,
        records=[(VISITS, str(visit.id), visit.url)],
        sources=[source],
    )
    for person in parsed.visitors:
        plan.people.append(
            PersonPlan(
                name=person.name,
                title=person.canonical_title,
                agency=person.agency,
                side=country.code,
                role="head",
                passage=visit.visitor,
                source=source.slug,
            )
        )
    plan.people.extend(us_people(parsed, visit, source))
    return plan


def us_people(parsed, visit, source):
    """The U.S. officials a visit's description names, hosts on the U.S. side."""
    people = []
    for person in parsed.people:
        title, agency = canonical_title(person.title)
        people.append(
            PersonPlan(
                name=person.name,
                title=title,
                agency=agency,
                side="US",
                role="host",
                passage=person.passage.text,
                source=source.slug,
                who=president_who("US", title, person.name, visit.start),
            )
        )
    return people


def all_plans(trips, visits):
    """Every record's plan: travels (merged where they were one) then visits."""
    return [trip_plan(group) for group in travel_groups(trips)] + [
        visit_plan(visit) for visit in visits
    ]
