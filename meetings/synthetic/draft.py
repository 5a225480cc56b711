"""
One meeting drawn before anything is written about it: when, what kind, where and who hosts,
who took part on each side, on which topics and subjects, and its title and slug.
"""

import bisect
import itertools
from dataclasses import dataclass

from meetings.models import City, Country, Meeting, MeetingKind, Source
from meetings.synthetic.vocabulary import KIND_WEIGHTS, MEETING_TITLES, ORDINALS, SUBJECTS
from meetings.synthetic.when import When, draw_when
from meetings.synthetic.wording import capitalized, lower

KINDS = [MeetingKind(value) for value in KIND_WEIGHTS]
SUBJECT_WEIGHTS = list(itertools.accumulate(1 / (i + 1) ** 0.9 for i in range(len(SUBJECTS))))


@dataclass
class Draft:
    pk: int
    source_pk: int
    when: When
    kind: MeetingKind
    city: City | None
    country: Country | None
    host: str  # country codes
    guest: str
    people: dict  # country code -> official pks, the head of delegation first; host first
    topics: list
    subjects: list
    title: str = ""
    slug: str = ""

    @property
    def place(self):
        return self.city.name if self.city else ""

    @property
    def in_place(self):
        return f" in {self.place}" if self.place else ""

    @property
    def heads(self):
        return {code: pks[0] for code, pks in self.people.items()}


def draft_meeting(gen):
    rng = gen.rng
    when = draw_when(rng)
    kind = rng.choices(KINDS, weights=list(KIND_WEIGHTS.values()))[0]
    city, country, host = draw_place(rng, kind, gen.places)
    guest = "MX" if host == "US" else "US"
    people = draw_people(rng, gen.officials, host, guest, when.year)
    topics = draw_topics(rng, gen.topics)
    subjects = draw_subjects(rng, rng.randint(1, 4))
    pks = gen.ids.take(Meeting), gen.ids.take(Source)
    draft = Draft(*pks, when, kind, city, country, host, guest, people, topics, subjects)
    draft.title = title(rng, draft, gen.officials)
    draft.slug = gen.slugs.unique(f"{when.slug} {draft.title}", limit=140)
    return draft


def draw_place(rng, kind, places):
    """Where: the host's capital mostly, elsewhere sometimes; calls are from nowhere."""
    if kind == MeetingKind.PHONE_CALL or rng.random() < 0.03:
        city = None
    else:
        city = rng.choices(places.cities, weights=places.city_weights)[0]
    country = places.countries_by_pk[city.country_id] if city else None
    host = country.code if country and country.code in ("US", "MX") else rng.choice(("US", "MX"))
    return city, country, host


def draw_people(rng, officials, host, guest, year):
    """2 to 12 people, at least one a side."""
    total = min(12, 2 + int(rng.expovariate(1 / 3.5)))
    host_count = max(1, min(total - 1, round(total * rng.uniform(0.35, 0.65))))
    return {
        host: officials.draw(rng, host, year, host_count),
        guest: officials.draw(rng, guest, year, total - host_count),
    }


def draw_topics(rng, topics):
    count = min(5, 1 + int(rng.expovariate(1 / 1.2)))
    chosen = []
    for _ in range(count):
        topic = topics.draw(rng)
        if topic not in chosen:
            chosen.append(topic)
    return chosen


def draw_subjects(rng, count):
    """Up to `count` words of the summaries, the commonest far more often."""
    picks = []
    for _ in range(count):
        word = SUBJECTS[bisect.bisect(SUBJECT_WEIGHTS, rng.random() * SUBJECT_WEIGHTS[-1])]
        if word not in picks:
            picks.append(word)
    return picks


def title(rng, draft, officials):
    template = MEETING_TITLES.get(draft.kind.value, MEETING_TITLES["default"])
    surnames = {code: officials.surname(pk) for code, pk in draft.heads.items()}
    fields = {
        "us": surnames["US"],
        "mx": surnames["MX"],
        "host": surnames[draft.host],
        "guest": surnames[draft.guest],
        "topic": lower(draft.topics[0].name),
        "subject": draft.subjects[0],
        "in_place": draft.in_place,
    }
    if "{ordinal}" in template:  # drawn only when used, as the seed's sequence of draws requires
        fields["ordinal"] = rng.choice(ORDINALS)
    return capitalized(template.format(**fields))
