"""
Fill an empty database with realistic synthetic meetings, for load tests and benchmarks.

    python manage.py generate_meetings --meetings 100000 --seed 1
    python manage.py generate_meetings --meetings 1000 --dry-run   # what it would make

At 100,000 meetings it makes about 5,000 officials (with aliases and dated positions),
500 agencies (ministries, the units inside them, embassies and consulates, legislatures and
their chambers), 40 topics in a two-level tree, and 2 to 12 participants a meeting. The data
is shaped the way real data is:

* dates spread over 70 years, more of them recent; mostly known to the day, some only to the
  month or year (stored as the 1st, or 1 January, as the model requires), a few unknown;
* officials' popularity follows a Zipf-like law, so a few take part in thousands of
  meetings while most appear in a handful; everyone takes part only during their career, in
  the post they held on the day;
* every fact is sourced: each meeting has a generated press release, and each participant's
  passage, each quote, agreement and mention is a sentence taken word for word from it;
* most meetings are published, some are drafts.

The same --seed gives the same data (only the created/updated timestamps differ). Rows are
written with bulk_create in batches, in one transaction, on SQLite and PostgreSQL alike.
It ends with ANALYZE, so that the query planner knows the new sizes at once. A batch's
participants, topics and other children are written before the batch's meetings
(foreign keys are checked at commit), so the triggers that keep each meeting's search
document current build it once per meeting rather than once per row.
"""

import bisect
import datetime
import itertools
import random
import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils.text import slugify

from meetings.models import (
    Agency,
    AgencyAlias,
    Agreement,
    City,
    Country,
    DatePrecision,
    Delegation,
    Meeting,
    MeetingKind,
    Mention,
    Official,
    OfficialAlias,
    Participation,
    Position,
    Quote,
    Source,
    Topic,
)
from meetings.synthetic.vocabulary import (
    CHAMBERS,
    CITIES,
    CONSULATE_CITIES,
    CONSULATE_LABEL,
    COUNTRIES,
    DELEGATION_LABELS,
    KIND_WEIGHTS,
    MIDDLE_INITIALS,
    MX_FIRST,
    MX_LAST,
    ORDINALS,
    POSTS,
    PRECISION_WEIGHTS,
    PUBLISHERS,
    SHARED,
    SUBJECTS,
    TOP_AGENCIES,
    TOPIC_SLUGS,
    TOPICS,
    UNIT_DOMAINS,
    UNIT_PREFIXES,
    US_FIRST,
    US_LAST,
    US_NICKNAMES,
    VERBS,
    VISITORS,
)

FIRST_YEAR, LAST_YEAR = 1955, 2024
BATCH = 1000  # meetings generated and written at a time

# ---------------------------------------------------------------- vocabulary

# The lists are data, in meetings/synthetic/vocabulary.toml; the weights' keys become choices.
KIND_WEIGHTS = {MeetingKind(kind): weight for kind, weight in KIND_WEIGHTS.items()}
PRECISION_WEIGHTS = {
    DatePrecision(precision): weight for precision, weight in PRECISION_WEIGHTS.items()
}
PUBLISHED_SHARE = 0.96


def weighted(rng, weights):
    """One key of `weights` (a dict of key -> weight)."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def join_names(names):
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


class Ids:
    """The next free primary key of each model, so rows can point at each other before saving."""

    def __init__(self, models):
        self.next = {}
        for model in models:
            last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
            self.next[model] = (last or 0) + 1

    def take(self, model):
        value = self.next[model]
        self.next[model] = value + 1
        return value


class Generator:
    def __init__(self, seed, meetings, officials, agencies, write, out):
        self.rng = random.Random(seed)
        self.seed = seed
        self.n_meetings = meetings
        self.n_officials = officials
        self.n_agencies = agencies
        self.write = write
        self.out = out
        self.counts = Counter()
        self.meetings_per_official = Counter()
        self.slugs = set()

    # ------------------------------------------------------------ helpers

    def save(self, model, objects):
        """bulk_create in batches (or only count, on a dry run)."""
        self.counts[model._meta.model_name] += len(objects)
        if self.write and objects:
            model.objects.bulk_create(objects, batch_size=self.batch_size(model))

    @staticmethod
    def batch_size(model):
        # SQLite allows 32,766 parameters a statement; stay well below it on both databases.
        fields = len(model._meta.concrete_fields)
        return max(1, min(2000, 30000 // fields))

    def unique_slug(self, text, limit=100):
        base = slugify(text)[:limit].strip("-") or "item"
        slug, n = base, 2
        while slug in self.slugs:
            suffix = f"-{n}"
            slug = base[: limit - len(suffix)].strip("-") + suffix
            n += 1
        self.slugs.add(slug)
        return slug

    # ------------------------------------------------------------ reference data

    def reference(self):
        self.countries = {}
        for code, name in COUNTRIES.items():
            country = Country.objects.filter(code=code).first() if self.write else None
            if country is None:
                country = Country(pk=self.ids.take(Country), code=code, name=name)
                self.save(Country, [country])
            self.countries[code] = country
        self.cities, self.city_weights = [], []
        new = []
        for name, slug, code, weight in CITIES:
            city = City.objects.filter(slug=slug).first() if self.write else None
            if city is None:
                city = City(
                    pk=self.ids.take(City), name=name, slug=slug, country_id=self.countries[code].pk
                )
                new.append(city)
            self.cities.append(city)
            self.city_weights.append(weight)
        self.save(City, new)

        self.topics, self.topic_parent = [], {}
        new = []
        for parent_name, children in TOPICS.items():
            parent = Topic(pk=self.ids.take(Topic), name=parent_name, slug=slugify(parent_name))
            new.append(parent)
            for child_name in children:
                slug = TOPIC_SLUGS.get(child_name, slugify(child_name))
                child = Topic(
                    pk=self.ids.take(Topic), name=child_name, slug=slug, parent_id=parent.pk
                )
                new.append(child)
                self.topic_parent[child.pk] = parent.pk
        self.save(Topic, new)
        self.topics = new
        # Some topics come up far more often than others.
        self.topic_weights = [1 / (rank + 2) for rank in range(len(new))]
        self.rng.shuffle(self.topic_weights)

    def agencies(self):
        rng = self.rng
        rows, aliases = [], []
        self.agencies_by_country = {"US": [], "MX": []}

        def add(name, short, kind, code, parent=None, alias=""):
            agency = Agency(
                pk=self.ids.take(Agency),
                name=name,
                short_name=short,
                slug=self.unique_slug(short + " " + name if short else name),
                kind=kind,
                country_id=self.countries[code].pk,
                parent_id=parent.pk if parent else None,
            )
            rows.append(agency)
            self.agencies_by_country[code].append(agency)
            if alias:
                aliases.append(AgencyAlias(agency_id=agency.pk, name=alias))
            if short:
                aliases.append(AgencyAlias(agency_id=agency.pk, name=short))
            return agency

        units = []
        for code, tops in TOP_AGENCIES.items():
            for name, short, kind, alias in tops:
                agency = add(name, short, kind, code, alias=alias)
                for chamber, chamber_kind in CHAMBERS.get(name, []):
                    add(chamber, "", chamber_kind, code, parent=agency)
                if kind in ("ministry", "office", "presidency"):
                    for prefix in UNIT_PREFIXES[code]:
                        for domain in UNIT_DOMAINS:
                            units.append((code, f"{prefix} {domain}", agency))
            embassy = next(
                a for a in rows if a.kind == "embassy" and a.country_id == self.countries[code].pk
            )
            for city in CONSULATE_CITIES[code]:
                add(f"{CONSULATE_LABEL[code]} {city}", "", "embassy", code, parent=embassy)
        rng.shuffle(units)
        for code, unit_name, parent in units:
            if len(rows) >= self.n_agencies:
                break
            short = parent.short_name or parent.name
            add(f"{unit_name}, {short}", "", "unit", code, parent=parent)
        self.save(Agency, rows)
        self.save(AgencyAlias, aliases)

    def officials(self):
        """Officials with aliases and careers: consecutive posts over a span of years."""
        rng = self.rng
        officials, aliases, positions = [], [], []
        self.careers = {}  # official pk -> list of (start, end, position pk)
        self.popularity = {}
        for code in ("US", "MX"):
            count = (
                self.n_officials // 2 if code == "US" else self.n_officials - self.n_officials // 2
            )
            ranks = list(range(1, count + 1))
            rng.shuffle(ranks)
            for rank in ranks:
                name, sort_name, alias_names = self.person(code)
                pk = self.ids.take(Official)
                officials.append(
                    Official(
                        pk=pk,
                        name=name,
                        sort_name=sort_name,
                        slug=self.unique_slug(name),
                        country_id=self.countries[code].pk,
                    )
                )
                for alias in alias_names:
                    aliases.append(OfficialAlias(official_id=pk, name=alias))
                # Zipf-like popularity (Zipf-Mandelbrot, offset 30); the most prominent people also
                # have longer careers. At 100,000 meetings a dozen take part in over 3,000.
                self.popularity[pk] = 1 / (rank + 30)
                length = rng.randint(3, 12) if rank > 40 else rng.randint(8, 16)
                start = rng.randint(FIRST_YEAR - 5, LAST_YEAR - 1)
                end = min(start + length, LAST_YEAR + 1)
                self.careers[pk] = []
                year = start
                while year < end:
                    span = rng.randint(2, 8)
                    agency = rng.choice(self.agencies_by_country[code])
                    first = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
                    last_year = min(year + span, end)
                    last = datetime.date(last_year, rng.randint(1, 12), rng.randint(1, 28))
                    if last <= first:
                        last = first + datetime.timedelta(days=300)
                    current = last_year >= LAST_YEAR + 1
                    position = Position(
                        pk=self.ids.take(Position),
                        official_id=pk,
                        agency_id=agency.pk,
                        title=rng.choice(POSTS[agency.kind]),
                        start=first if rng.random() > 0.04 else None,
                        end=None if current else last,
                        acting=rng.random() < 0.05,
                    )
                    positions.append(position)
                    self.careers[pk].append((first, last, position))
                    year = last_year + 1
        self.save(Official, officials)
        self.save(OfficialAlias, aliases)
        self.save(Position, positions)
        self.officials_by_pk = {o.pk: o for o in officials}
        # Who is active in each year, with cumulative weights for fast weighted draws.
        self.active = {}
        for code in ("US", "MX"):
            country_pk = self.countries[code].pk
            by_year = {}
            for official in officials:
                if official.country_id != country_pk:
                    continue
                spans = self.careers[official.pk]
                for year in range(spans[0][0].year, spans[-1][1].year + 1):
                    by_year.setdefault(year, []).append(official.pk)
            for year, pks in by_year.items():
                self.active[code, year] = (
                    pks,
                    list(itertools.accumulate(self.popularity[pk] for pk in pks)),
                )

    def person(self, code):
        rng = self.rng
        if code == "US":
            first, last = rng.choice(US_FIRST), rng.choice(US_LAST)
            middle = f" {rng.choice(MIDDLE_INITIALS)}." if rng.random() < 0.4 else ""
            name = f"{first}{middle} {last}"
            aliases = []
            if first in US_NICKNAMES and rng.random() < 0.7:
                aliases.append(f"{US_NICKNAMES[first]} {last}")
            if rng.random() < 0.4:
                aliases.append(f"{first[0]}. {last}")
            return name, f"{last}, {first}{middle}", aliases
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

    # ------------------------------------------------------------ meetings

    def sources_and_meetings(self):
        years = list(range(FIRST_YEAR, LAST_YEAR + 1))
        # More meetings in recent years: relations thickened.
        self.year_weights = list(
            itertools.accumulate((1 + (y - FIRST_YEAR) / 12) ** 2 for y in years)
        )
        self.years = years
        self.kinds, self.kind_weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
        self.subject_weights = list(
            itertools.accumulate(1 / (i + 1) ** 0.9 for i in range(len(SUBJECTS)))
        )
        self.topic_cum = list(itertools.accumulate(self.topic_weights))
        self.meeting_topic, self.agreement_topic = Meeting.topics.through, Agreement.topics.through
        self.meeting_source, self.delegation_agency = (
            Meeting.sources.through,
            Delegation.agencies.through,
        )
        self.chambers = {
            code: [a for a in self.agencies_by_country[code] if a.kind == "chamber"]
            for code in ("US", "MX")
        }
        done, started = 0, time.monotonic()
        while done < self.n_meetings:
            size = min(BATCH, self.n_meetings - done)
            self.batch(size)
            done += size
            if self.write and done % (BATCH * 10) == 0:
                self.out(f"  {done:,} meetings ({time.monotonic() - started:.0f} s)")

    def batch(self, size):
        rows = {
            model: []
            for model in (
                Source,
                Meeting,
                Participation,
                Delegation,
                Mention,
                Agreement,
                Quote,
                self.meeting_topic,
                self.meeting_source,
                self.agreement_topic,
                self.delegation_agency,
            )
        }
        for _ in range(size):
            self.meeting(rows)
        # Children first, meetings last: see the module docstring.
        for model, objects in rows.items():
            if model is not Meeting:
                self.save(model, objects)
        self.save(Meeting, rows[Meeting])

    def draw_officials(self, code, year, count, exclude=()):
        pks, cum = self.active.get((code, year)) or self.nearest_active(code, year)
        chosen = []
        for _ in range(count * 4):
            pk = pks[bisect.bisect(cum, self.rng.random() * cum[-1])] if len(pks) > 1 else pks[0]
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

    def subjects(self, count):
        picks = []
        for _ in range(count):
            word = SUBJECTS[
                bisect.bisect(self.subject_weights, self.rng.random() * self.subject_weights[-1])
            ]
            if word not in picks:
                picks.append(word)
        return picks

    def meeting(self, rows):
        rng = self.rng
        ids = self.ids
        year = rng.choices(self.years, cum_weights=self.year_weights)[0]
        day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        precision = weighted(rng, PRECISION_WEIGHTS)
        date, date_end = day, None
        if precision == DatePrecision.MONTH:
            date = day.replace(day=1)
        elif precision == DatePrecision.YEAR:
            date = day.replace(month=1, day=1)
        elif precision == DatePrecision.UNKNOWN:
            date = None
        elif rng.random() < 0.04:
            date_end = day + datetime.timedelta(days=rng.randint(1, 2))
        kind = rng.choices(self.kinds, weights=self.kind_weights)[0]

        # Where: the host's capital mostly, elsewhere sometimes; calls are from nowhere.
        if kind == MeetingKind.PHONE_CALL or rng.random() < 0.03:
            city = None
        else:
            city = rng.choices(self.cities, weights=self.city_weights)[0]
        country = self.countries_by_pk[city.country_id] if city else None
        host = (
            country.code if country and country.code in ("US", "MX") else rng.choice(("US", "MX"))
        )
        guest = "MX" if host == "US" else "US"

        # Who: 2 to 12 people, at least one a side.
        total = min(12, 2 + int(rng.expovariate(1 / 3.5)))
        host_count = max(1, min(total - 1, round(total * rng.uniform(0.35, 0.65))))
        people = {
            host: self.draw_officials(host, year, host_count),
            guest: self.draw_officials(guest, year, total - host_count),
        }
        topic_count = min(5, 1 + int(rng.expovariate(1 / 1.2)))
        topics = []
        for _ in range(topic_count):
            topic = self.topics[bisect.bisect(self.topic_cum, rng.random() * self.topic_cum[-1])]
            if topic not in topics:
                topics.append(topic)
        subjects = self.subjects(rng.randint(1, 4))

        head = {code: self.officials_by_pk[pks[0]] for code, pks in people.items()}
        surname = {code: self.surname(official) for code, official in head.items()}
        place = city.name if city else ""
        topic_words = join_names([self.lower(t.name) for t in topics])
        if kind == MeetingKind.PHONE_CALL:
            title = f"Telephone call between {surname['US']} and {surname['MX']} on {self.lower(topics[0].name)}"
        elif kind == MeetingKind.WORKING_GROUP:
            title = f"{rng.choice(ORDINALS)} working group meeting on {self.lower(topics[0].name)}"
        elif kind == MeetingKind.HIGH_LEVEL_DIALOGUE:
            title = f"High-level dialogue on {self.lower(topics[0].name)}" + (
                f" in {place}" if place else ""
            )
        elif kind == MeetingKind.COURTESY_CALL:
            title = f"{surname[host]} receives {surname[guest]}"
        elif kind == MeetingKind.CONGRESSIONAL_DELEGATION:
            title = f"U.S. congressional delegation meets {surname['MX']}" + (
                f" in {place}" if place else ""
            )
        else:
            title = f"{surname['US']} and {surname['MX']} meet on {subjects[0]}" + (
                f" in {place}" if place else ""
            )
        title = title[0].upper() + title[1:]
        date_slug = date.isoformat() if date else "undated"
        slug = self.unique_slug(f"{date_slug} {title}", limit=140)
        meeting_pk = ids.take(Meeting)
        source_pk = ids.take(Source)

        # The press release: every fact below quotes one of its sentences.
        when = day.strftime("%B %-d, %Y") if precision == DatePrecision.DAY else str(year)
        publisher = rng.choice(PUBLISHERS[host])
        sentences = [f"{publisher}. {place + ', ' if place else ''}{when}."]
        full = {code: [self.styled(pk, day) for pk in pks] for code, pks in people.items()}
        opening = (
            f"{full[host][0]} met with {full[guest][0]}"
            + (f" in {place}" if place else "")
            + f" to discuss {topic_words}."
        )
        sentences.append(opening)
        passages = {people[host][0]: opening, people[guest][0]: opening}
        for code in (host, guest):
            if len(full[code]) > 1:
                sentence = f"The {DELEGATION_LABELS[code]} delegation also included {join_names(full[code][1:])}."
                sentences.append(sentence)
                for pk in people[code][1:]:
                    passages[pk] = sentence
        summary = (
            f"{head[host].name} and {head[guest].name} {rng.choice(VERBS)} {join_names(subjects)}"
            + (f" in {place}." if place else ".")
        )
        sentences.append(summary)
        if rng.random() < 0.5:
            extra = f"They also {rng.choice(VERBS)} {join_names(self.subjects(2))}."
            sentences.append(extra)
            summary += " " + extra

        status = (
            Meeting.Status.PUBLISHED if rng.random() < PUBLISHED_SHARE else Meeting.Status.DRAFT
        )
        order = 0
        for code in (host, guest):
            for index, pk in enumerate(people[code]):
                order += 1
                position = self.position_on(pk, day)
                if index == 0:
                    role = "host" if code == host and kind != MeetingKind.PHONE_CALL else "head"
                else:
                    role = "member"
                rows[Participation].append(
                    Participation(
                        meeting_id=meeting_pk,
                        official_id=pk,
                        side_id=self.countries[code].pk,
                        role=role,
                        position_id=position.pk if position else None,
                        order=order,
                        source_id=source_pk,
                        passage=passages[pk],
                    )
                )
                self.meetings_per_official[pk] += 1

        if kind == MeetingKind.CONGRESSIONAL_DELEGATION or rng.random() < 0.03:
            description = VISITORS[0] if rng.random() < 0.6 else VISITORS[1]
            sentence = f"The visitors included {description}."
            sentences.append(sentence)
            delegation = Delegation(
                pk=ids.take(Delegation),
                meeting_id=meeting_pk,
                side_id=self.countries["US"].pk,
                description=description,
                source_id=source_pk,
                passage=sentence,
            )
            rows[Delegation].append(delegation)
            for chamber in self.chambers["US"]:
                rows[self.delegation_agency].append(
                    self.delegation_agency(delegation_id=delegation.pk, agency_id=chamber.pk)
                )

        if rng.random() < 0.1:
            mentioned = self.draw_officials(
                rng.choice(("US", "MX")), year, 1, exclude=people[host] + people[guest]
            )
            if mentioned:
                sentence = f"Both sides recalled the earlier work of {self.officials_by_pk[mentioned[0]].name}."
                sentences.append(sentence)
                rows[Mention].append(
                    Mention(
                        meeting_id=meeting_pk,
                        official_id=mentioned[0],
                        note="Named in the release, did not take part.",
                        source_id=source_pk,
                        passage=sentence,
                    )
                )

        if rng.random() < 0.25:
            for n in range(rng.randint(1, 2)):
                topic = topics[n % len(topics)]
                formal = rng.random() < 0.4
                agreement_title = (
                    f"Memorandum of understanding on {self.lower(topic.name)}"
                    if formal
                    else f"Commitment to strengthen cooperation on {self.lower(topic.name)}"
                )
                if n:
                    agreement_title += " (annex)"
                sentence = f"The two sides {'signed a' if formal else 'made a'} {agreement_title[0].lower()}{agreement_title[1:]}."
                sentences.append(sentence)
                agreement = Agreement(
                    pk=ids.take(Agreement),
                    meeting_id=meeting_pk,
                    title=agreement_title,
                    kind="agreement" if formal else "commitment",
                    summary=sentence,
                    source_id=source_pk,
                    passage=sentence,
                )
                rows[Agreement].append(agreement)
                rows[self.agreement_topic].append(
                    self.agreement_topic(agreement_id=agreement.pk, topic_id=topic.pk)
                )

        if rng.random() < 0.3:
            speakers = [people[host][0], people[guest][0]]
            for number in range(1, rng.randint(1, 2) + 1):
                speaker = speakers[number - 1]
                text = (
                    f"We will keep working together on {join_names(self.subjects(2))}, "
                    f"because our two countries share {rng.choice(SHARED)}"
                )
                sentences.append(f"“{text},” said {self.officials_by_pk[speaker].name}.")
                rows[Quote].append(
                    Quote(
                        meeting_id=meeting_pk,
                        number=number,
                        speaker_id=speaker,
                        text=text,
                        source_id=source_pk,
                    )
                )

        rows[Source].append(
            Source(
                pk=source_pk,
                title=f"Press release: {title}",
                slug=f"release-{slug}"[:100].strip("-"),
                publisher=publisher,
                url=f"https://releases.example.org/{source_pk}",
                published=day if precision == DatePrecision.DAY else None,
                text="\n\n".join(sentences),
            )
        )
        rows[self.meeting_source].append(
            self.meeting_source(meeting_id=meeting_pk, source_id=source_pk)
        )
        chosen = {t.pk for t in topics}
        for topic in topics:
            parent = self.topic_parent.get(topic.pk)
            if parent:
                chosen.add(parent)  # broader topics are tagged too, as editors' saves do
        for topic_pk in sorted(chosen):
            rows[self.meeting_topic].append(
                self.meeting_topic(meeting_id=meeting_pk, topic_id=topic_pk)
            )
        rows[Meeting].append(
            Meeting(
                pk=meeting_pk,
                title=title,
                slug=slug,
                kind=kind,
                date=date,
                date_end=date_end,
                date_precision=precision,
                city_id=city.pk if city else None,
                country_id=country.pk if country else None,
                venue="",
                summary=summary,
                notes="Synthetic data for load tests." if rng.random() < 0.05 else "",
                status=status,
            )
        )

    @staticmethod
    def lower(name):
        return name if name.isupper() else name.lower()  # "NAFTA" stays as it is

    def surname(self, official):
        return official.sort_name.split(",")[0].split()[0]

    def styled(self, official_pk, day):
        """ "Secretary Jane Smith": the name with the post held on the day, where known."""
        official = self.officials_by_pk[official_pk]
        position = self.position_on(official_pk, day)
        return f"{position.title} {official.name}" if position else official.name

    # ------------------------------------------------------------ run

    def run(self):
        self.ids = Ids(
            [
                Country,
                City,
                Topic,
                Agency,
                Official,
                Position,
                Source,
                Meeting,
                Delegation,
                Agreement,
            ]
        )
        self.reference()
        self.countries_by_pk = {c.pk: c for c in self.countries.values()}
        self.agencies()
        self.officials()
        self.sources_and_meetings()
        if self.write:
            self.reset_sequences()

    def reset_sequences(self):
        models = [
            Country,
            City,
            Topic,
            Agency,
            Official,
            Position,
            Source,
            Meeting,
            Delegation,
            Agreement,
        ]
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


class Command(BaseCommand):
    help = "Fill an empty database with realistic synthetic meetings (see the module docstring)."

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=int, default=100_000, help="How many (100,000).")
        parser.add_argument(
            "--seed", type=int, default=1, help="The same seed gives the same data."
        )
        parser.add_argument(
            "--officials",
            type=int,
            help="How many officials (default: one per 20 meetings, at most 5,000).",
        )
        parser.add_argument(
            "--agencies",
            type=int,
            help="How many agencies (default: one per 200 meetings, 60 to 500).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Generate and count, write nothing."
        )

    def handle(self, *args, meetings, seed, officials, agencies, dry_run, **options):
        if meetings < 1:
            raise CommandError("--meetings must be at least 1.")
        officials = officials or min(5000, max(40, meetings // 20))
        agencies = agencies or min(500, max(60, meetings // 200))
        if officials < 4:
            raise CommandError("--officials must be at least 4.")
        if not dry_run and (
            Meeting.objects.exists() or Official.objects.exists() or Agency.objects.exists()
        ):
            raise CommandError(
                "The database already holds meetings, officials or agencies. generate_meetings "
                "fills an empty one: migrate a new database (e.g. DATABASE_URL=sqlite:///big.sqlite3) "
                "and run it there."
            )
        started = time.monotonic()
        generator = Generator(
            seed, meetings, officials, agencies, write=not dry_run, out=self.stdout.write
        )
        if dry_run:
            generator.run()
        else:
            with transaction.atomic():
                generator.run()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # the planner needs statistics after a bulk load
        elapsed = time.monotonic() - started
        verb = "Would create" if dry_run else "Created"
        self.stdout.write(f"{verb} (seed {seed}, {elapsed:.1f} s):")
        for name, count in sorted(generator.counts.items()):
            self.stdout.write(f"  {count:>9,} {name}")
        busiest = generator.meetings_per_official.most_common(3)
        counts = sorted(generator.meetings_per_official.values())
        if counts:
            self.stdout.write(
                "  meetings per official: median "
                f"{counts[len(counts) // 2]:,}, busiest "
                + ", ".join(f"{generator.officials_by_pk[pk].name} {n:,}" for pk, n in busiest)
            )
            over = sum(1 for n in counts if n >= 1000)
            self.stdout.write(f"  officials in 1,000 meetings or more: {over:,}")
