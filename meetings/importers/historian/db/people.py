"""
One person, one record, across the releases and the records: each name of a plan resolved to
an official, known or new.

* A traveller (or a President a record names) is found by their stable id ("tillerson-rex-w"),
  else as the one official who held their post during their term (the releases' Rex
  Tillerson, Secretary of State from 2017-02-01), else created; the id is kept.
* Anyone else is matched by name in their country (identity.PeopleIndex): a certain match is
  that official, and a new spelling becomes an alias; a doubtful one (two people fit, or the
  names only resemble each other) creates a new official and lists the pair for an editor.
"""

from dataclasses import dataclass, field

from meetings.models import (
    MergeCandidate,
    Official,
    OfficialAlias,
    OfficialIdentifier,
    Position,
)
from meetings.text import make_slug, normalize_name

from ...identity import PeopleIndex
from ..names import name_tokens
from ..plans import PEOPLE
from .reference import unique_slug


def sort_name(name):
    """ "Tillerson, Rex W." for "Rex W. Tillerson"; a single word stays as it is."""
    words = name.split()
    return f"{words[-1]}, {' '.join(words[:-1])}" if len(words) > 1 else name


@dataclass
class NewPeople:
    """What resolution adds: officials (keyed provisionally), aliases, ids, doubtful pairs."""

    officials: dict = field(default_factory=dict)  # key -> Official (unsaved)
    countries: dict = field(default_factory=dict)  # key -> country code
    aliases: list = field(default_factory=list)  # (person key or id, name)
    identifiers: list = field(default_factory=list)  # (person key or id, who)
    doubts: list = field(default_factory=list)  # (new key, candidate id, score, reason)


class PeopleResolver:
    """Resolves the people of plans to officials' ids (or provisional keys of new ones)."""

    def __init__(self):
        self.index = PeopleIndex()
        self.new = NewPeople()
        self.by_who = dict(
            OfficialIdentifier.objects.filter(scheme=PEOPLE).values_list("value", "official_id")
        )
        self.slugs = set(Official.objects.values_list("slug", flat=True))
        for official_id, name, code in Official.objects.values_list("id", "name", "country__code"):
            self.index.add(official_id, [name], code)
        for official_id, name in OfficialAlias.objects.values_list("official_id", "name"):
            self.index.add_name(official_id, name)

    def resolve(self, person):
        """The official's id (or a provisional key) for a PersonPlan."""
        if person.who:
            return self.traveller(person)
        match = self.index.resolve(person.name, person.side)
        if match.certain:
            self.note_spelling(match.person_id, person.name)
            return match.person_id
        key = self.create(person.name, person.side)
        for candidate in match.candidates:
            verb = "shares a name with" if candidate.score == 100 else "resembles"
            reason = f"{person.name} {verb} {candidate.name}"
            self.new.doubts.append((key, candidate.person_id, candidate.score, reason))
        return key

    def traveller(self, person):
        if person.who in self.by_who:
            official = self.by_who[person.who]
        else:
            official = self.post_holder(person) or self.create(person.name, "US")
            self.by_who[person.who] = official
            self.new.identifiers.append((official, person.who))
        self.note_spelling(official, person.name)
        return official

    def post_holder(self, person):
        """The one known official who held the traveller's post during their term."""
        if not person.term:
            return None
        start, end = person.term
        holders = set(
            Position.objects.filter(agency__slug=person.agency, title=person.title)
            .during(start, end or start)
            .exclude(start__isnull=True)
            .values_list("official_id", flat=True)
        )
        fitting = [pk for pk in holders if self.shares_surname(pk, person.name)]
        return fitting[0] if len(fitting) == 1 else None

    def shares_surname(self, person_id, name):
        surname = name_tokens(name)[-1:]
        return any(
            name_tokens(known)[-1:] == surname for known in self.index.known_names(person_id)
        )

    def note_spelling(self, person_id, name):
        """A new way of writing a known person's name becomes an alias."""
        known = {normalize_name(n) for n in self.index.known_names(person_id)}
        if normalize_name(name) not in known:
            self.index.add_name(person_id, name)
            self.new.aliases.append((person_id, name))

    def create(self, name, country):
        key = ("new", len(self.new.officials))
        slug = unique_slug(make_slug(name) or "official", self.slugs)
        self.new.officials[key] = Official(name=name, sort_name=sort_name(name), slug=slug)
        self.new.countries[key] = country
        self.index.add(key, [name], country)
        return key


def save_people(new, countries):
    """Write what resolution added; returns {provisional key: official id}."""
    for key, official in new.officials.items():
        official.country = countries[new.countries[key]]
    Official.objects.bulk_create(new.officials.values())
    ids = {key: official.pk for key, official in new.officials.items()}

    def real(person):
        return ids.get(person, person)

    OfficialAlias.objects.bulk_create(
        [OfficialAlias(official_id=real(p), name=name) for p, name in new.aliases],
        ignore_conflicts=True,
    )
    OfficialIdentifier.objects.bulk_create(
        [
            OfficialIdentifier(official_id=real(p), scheme=PEOPLE, value=who)
            for p, who in new.identifiers
        ]
    )
    MergeCandidate.objects.bulk_create(
        [
            MergeCandidate(
                official_id=real(key), candidate_id=real(other), score=score, reason=reason
            )
            for key, other, score, reason in new.doubts
        ],
        ignore_conflicts=True,
    )
    return ids
