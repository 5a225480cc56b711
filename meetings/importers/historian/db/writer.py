"""
Plans written as meetings, in bulk: sources, meetings, their records, posts, participations and
unnamed delegations. New plans create meetings; changed plans whose meetings nobody edited
rewrite them in place (same row, same slug), their facts replaced.
"""

from collections import Counter

from meetings.models import (
    Delegation,
    ExternalRecord,
    Meeting,
    Participation,
    Position,
    Source,
)

from ..names import name_tokens
from ..plans import PUBLISHER
from .people import PeopleResolver, save_people
from .reference import ensure_agencies, ensure_cities, ensure_countries, unique_slug

NOTES = (
    "Imported from the Office of the Historian's records of travels and visits "
    "(history.state.gov, public domain): the record's own words are its source."
)
UNDATED_POST = "Held on the date of a history.state.gov record; its start and end are not recorded."
TERM = "Term of office as the Office of the Historian records it."


class Writer:
    """Writes plans: create(new plans), rewrite({plan: meeting id}); counts what it did."""

    def __init__(self):
        self.counts = Counter()
        self.resolver = PeopleResolver()

    def write(self, new_plans, changed):
        """`changed`: [(plan, meeting id)] to rewrite. Returns {plan key: meeting id}."""
        plans = [*new_plans, *(plan for plan, _ in changed)]
        people = self.resolve_people(plans)
        countries = ensure_countries(self.country_codes(plans))
        ids = save_people(self.resolver.new, countries)
        people = [[ids.get(person, person) for person in row] for row in people]
        self.count_people(self.resolver.new)
        cities = ensure_cities(
            {(plan.country, city) for plan in plans for city in plan.cities[:1]}, countries
        )
        agencies = ensure_agencies(
            {(p.side, p.agency) for plan in plans for p in plan.people if p.title}, countries
        )
        sources = save_sources(plans)
        meetings = self.save_meetings(new_plans, changed, countries, cities)
        facts = Facts(countries, agencies, sources)
        facts.add(plans, people, meetings)
        facts.save()
        self.counts["participations"] += len(facts.participations)
        return {plan.key: meeting.pk for plan, meeting in zip(plans, meetings, strict=True)}

    def resolve_people(self, plans):
        """Each plan's officials; full names first, so "Rawlings" finds "Jerry Rawlings"."""
        places = [(i, j) for i, plan in enumerate(plans) for j in range(len(plan.people))]
        places.sort(key=lambda place: -len(name_tokens(plans[place[0]].people[place[1]].name)))
        people = [[None] * len(plan.people) for plan in plans]
        for i, j in places:
            people[i][j] = self.resolver.resolve(plans[i].people[j])
        return people

    def country_codes(self, plans):
        codes = {plan.country for plan in plans}
        codes |= {person.side for plan in plans for person in plan.people}
        codes |= {group.side for plan in plans for group in plan.delegations}
        return codes | set(self.resolver.new.countries.values())

    def count_people(self, new):
        self.counts["officials created"] += len(new.officials)
        self.counts["aliases added"] += len(new.aliases)
        self.counts["matches left for review"] += len(new.doubts)

    def save_meetings(self, new_plans, changed, countries, cities):
        taken = set(Meeting.objects.values_list("slug", flat=True))
        created = [
            meeting_of(plan, Meeting(), countries, cities, unique_slug(plan.slug_base, taken))
            for plan in new_plans
        ]
        Meeting.objects.bulk_create(created)
        rows = Meeting.objects.in_bulk([pk for _, pk in changed])
        rewritten = [meeting_of(plan, rows[pk], countries, cities) for plan, pk in changed]
        Meeting.objects.bulk_update(rewritten, MEETING_FIELDS)
        clear_facts([meeting.pk for meeting in rewritten])
        return created + rewritten


MEETING_FIELDS = [
    "title",
    "kind",
    "date",
    "date_end",
    "date_precision",
    "city",
    "country",
    "places",
    "summary",
    "notes",
    "status",
]


def meeting_of(plan, meeting, countries, cities, slug=None):
    """`meeting` given the plan's fields (and `slug`, for a new one)."""
    meeting.title = plan.title[:300]
    if slug:
        meeting.slug = slug
    meeting.kind = plan.kind
    meeting.date = plan.start
    meeting.date_end = plan.end if plan.end != plan.start else None
    meeting.date_precision = "day"
    meeting.country = countries[plan.country]
    meeting.city = cities.get((plan.country, plan.cities[0])) if plan.cities else None
    meeting.places = plan.places[:300]
    meeting.summary = plan.summary
    meeting.notes = NOTES
    meeting.status = Meeting.Status.PUBLISHED
    return meeting


def clear_facts(meeting_ids):
    """A rewritten meeting's imported facts go; they are written again from its plan."""
    for model in (Participation, Delegation, ExternalRecord):
        model.objects.filter(meeting_id__in=meeting_ids).delete()
    Meeting.sources.through.objects.filter(meeting_id__in=meeting_ids).delete()


def save_sources(plans):
    """{slug: Source} of every record's source, created or brought up to date."""
    sources = [
        Source(
            slug=plan_source.slug,
            title=plan_source.title[:300],
            publisher=PUBLISHER,
            url=plan_source.url,
            language="en",
            file_name=plan_source.file_name,
            text=plan_source.text,
            notes=plan_source.notes,
        )
        for plan in plans
        for plan_source in plan.sources
    ]
    Source.objects.bulk_create(
        sources,
        update_conflicts=True,
        unique_fields=["slug"],
        update_fields=["title", "publisher", "url", "file_name", "text", "notes"],
    )
    return {
        source.slug: source for source in Source.objects.filter(slug__in=[s.slug for s in sources])
    }


class Facts:
    """A meeting's facts from its plan: records, sources, posts, participants, delegations."""

    def __init__(self, countries, agencies, sources):
        self.countries, self.agencies, self.sources = countries, agencies, sources
        self.posts = Posts()
        self.records, self.links, self.participations, self.delegations = [], [], [], []

    def add(self, plans, people, meetings):
        for plan, officials, meeting in zip(plans, people, meetings, strict=True):
            self.records += [
                ExternalRecord(meeting=meeting, scheme=scheme, record_id=record_id, url=url)
                for scheme, record_id, url in plan.records
            ]
            self.links += [
                Meeting.sources.through(meeting=meeting, source=self.sources[source.slug])
                for source in plan.sources
            ]
            self.add_people(plan, officials, meeting)
            self.add_delegations(plan, meeting)

    def add_people(self, plan, officials, meeting):
        seen = set()
        for order, (person, official) in enumerate(zip(plan.people, officials, strict=True), 1):
            if official in seen:
                continue
            seen.add(official)
            agency = self.agencies.get((person.side, person.agency)) if person.title else None
            participation = Participation(
                meeting=meeting,
                official_id=official,
                side=self.countries[person.side],
                role=person.role,
                source=self.sources[person.source],
                passage=person.passage,
                order=order,
            )
            self.posts.want(participation, person, agency, plan.start)
            self.participations.append(participation)

    def add_delegations(self, plan, meeting):
        sides = set()
        for group in plan.delegations:
            if group.side in sides:
                continue
            sides.add(group.side)
            self.delegations.append(
                Delegation(
                    meeting=meeting,
                    side=self.countries[group.side],
                    description=group.description[:300],
                    source=self.sources[group.source],
                    passage=group.passage,
                )
            )

    def save(self):
        ExternalRecord.objects.bulk_create(self.records)
        Meeting.sources.through.objects.bulk_create(self.links)
        self.posts.save()
        Participation.objects.bulk_create(self.participations)
        Delegation.objects.bulk_create(self.delegations)


class Posts:
    """
    The post each participant held: one they are known to hold at that agency on the date,
    or the same title there, else a new one (a traveller's with their term's dates, anyone
    else's undated: the records say only that they held it that day).
    """

    def __init__(self):
        self.wanted = []  # (participation, official id, agency, title, day, term)

    def want(self, participation, person, agency, day):
        if agency is not None and person.title:
            self.wanted.append(
                (participation, participation.official_id, agency, person.title, day, person.term)
            )

    def save(self):
        officials = {official for _, official, *_ in self.wanted}
        known = {}
        for position in Position.objects.filter(official_id__in=officials):
            known.setdefault((position.official_id, position.agency_id), []).append(position)
        created = {}
        for participation, official, agency, title, day, term in self.wanted:
            found = held(known.get((official, agency.pk), []), title, day)
            if found is None:
                key = (official, agency.pk, title, term[0] if term else None)
                if key not in created:
                    created[key] = new_post(official, agency, title, term)
                found = created[key]
            participation.position = found
        Position.objects.bulk_create(created.values())
        for participation, *_ in self.wanted:
            participation.position_id = participation.position.pk


def held(positions, title, day):
    """A known position covering `day` at this agency, or else with this title and no dates."""
    for position in positions:
        if position.start and position.start <= day and (not position.end or day <= position.end):
            return position
    for position in positions:
        if position.title == title and position.start is None and position.end is None:
            return position
    return None


def new_post(official, agency, title, term):
    if term:
        return Position(
            official_id=official, agency=agency, title=title, start=term[0], end=term[1], notes=TERM
        )
    return Position(official_id=official, agency=agency, title=title, notes=UNDATED_POST)
