"""
People named in a release: known officials found by name or alias (accents and case ignored,
near spellings through rapidfuzz), and new people proposed from a title and a name ("Secretary
of State Mike Pompeo", "el canciller Marcelo Ebrard", "la Secretaria de Relaciones Exteriores,
Alicia Bárcena", "Roberto Velasco, head of the Unit for North America"). Later surname-only
references ("Velasco Álvarez", "Secretary Nielsen") join the person they name. Each person
gets a side: the known country, a nationality in or before the title, "his Mexican
counterpart", the delegation the sentence speaks of, a title only one country uses, or the
publisher's country.
"""

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .sides import SideFinder, organisation_title
from .text import find_phrases, fold, normalize, sentences
from .titles import (
    TOKEN,
    clean_name,
    find_titled,
    name_tokens,
    stop_tokens,
    title_country,
)

FUZZY_MATCH = 90
COUNTERPART_WORDS = {"counterpart", "homologo", "homologa", "par"}


@dataclass
class Occurrence:
    start: int
    end: int
    title: str = ""
    title_start: int | None = None
    country: str | None = None


@dataclass
class Person:
    key: str
    name: str
    slug: str | None = None
    country: str | None = None
    title: str = ""
    known_titles: list = field(default_factory=list)
    occurrences: list = field(default_factory=list)

    @property
    def first(self):
        return min(self.occurrences, key=lambda o: o.start)

    def tokens(self):
        return normalize(self.name).split()


def find_known(text, folded, officials):
    """(start, end, official) for each known name or alias, longest first, no overlaps."""
    hits = []
    for official in officials:
        name, aliases = official[1], official[2]
        for match in find_phrases(folded, tuple({name, *aliases})):
            if text[match.start()].isupper():
                hits.append((match.start(), match.end(), official))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept = []
    for hit in hits:
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


def fuzzy_official(name, officials):
    """The known official whose name or alias is spelt nearly like this one, or None."""
    choices = {}
    for official in officials:
        for form in (official[1], *official[2]):
            if len(form.split()) >= 2:
                choices[normalize(form)] = official
    if not choices or len(name.split()) < 2:
        return None
    best = process.extractOne(normalize(name), list(choices), scorer=fuzz.token_sort_ratio)
    return choices[best[0]] if best and best[1] >= FUZZY_MATCH else None


class PeopleFinder:
    """Gathers the people of one text: known officials, titled names, surname references."""

    def __init__(self, text, officials, nations, publisher_country=None):
        self.text = text
        self.folded = fold(text)
        self.officials = list(officials)
        self.nations = nations
        self.publisher_country = publisher_country
        self.people = {}
        self.taken = []
        self.sentences = sentences(text)

    def run(self):
        known = find_known(self.text, self.folded, self.officials)
        titled = find_titled(self.text)
        for start, end, official in known:
            self._add_known(official, start, end, _title_at(titled, start, end))
        for start, end, title, title_start, nationality in titled:
            if not self._is_taken(start, end):
                self._add_titled(start, end, title, title_start, nationality)
        self._link_surnames()
        self._merge_surnames()
        self._merge_variants()
        sides = SideFinder(self.text, self.nations, self.people.values(), self.sentences)
        for person in self.people.values():
            person.occurrences.sort(key=lambda o: o.start)
        for person in self.people.values():
            side = person.country or sides.side(person)
            fallback = None if organisation_title(person.title) else self.publisher_country
            person.country = side or title_country(person.title) or fallback
        return sorted(self.people.values(), key=lambda p: p.first.start)

    def _merge_surnames(self):
        # "Secretary Blinken" in a headline, "Antony J. Blinken" below: one person.
        for key, person in list(self.people.items()):
            if person.slug or len(person.tokens()) != 1:
                continue
            fuller = [p for p in self.people.values() if person.tokens()[0] in p.tokens()[1:]]
            if len(fuller) == 1:
                fuller[0].occurrences += person.occurrences
                fuller[0].title = fuller[0].title or person.title
                del self.people[key]

    def _merge_variants(self):
        # "Le Drian" and "Jean-Yves Le Drian"; "Mike Pompeo" and "Michael R. Pompeo" (one surname,
        # one initial): one person, the first named keeps the name unless the other is known.
        people = sorted(
            self.people.items(), key=lambda item: min(o.start for o in item[1].occurrences)
        )
        for key, person in people:
            if key not in self.people:
                continue
            for other_key, other in list(self.people.items()):
                if other_key != key and _variant(person, other) and not other.slug:
                    person.occurrences += other.occurrences
                    person.title = better_title(person.title, other.title)
                    del self.people[other_key]

    def _is_taken(self, start, end):
        return any(start < t_end and t_start < end for t_start, t_end in self.taken)

    def _occurrence(self, start, end, title="", title_start=None, nationality=None):
        prefix_at = title_start if title_start is not None else start
        # "Ambassador to the United States" says where the post is, not whose it is.
        own_title = re.split(r"\b(?:to|in|ante|en)\b", title)[0]
        country = self.nations.first(nationality) if nationality else None
        country = country or self.nations.first(own_title)
        country = country or self.nations.last_before(self.text, prefix_at)
        self.taken.append((start, end))
        return Occurrence(start, end, title, title_start, country)

    def _add_known(self, official, start, end, titled):
        slug, name, _, country, positions = official
        person = self.people.setdefault(
            slug, Person(slug, name, slug, country, known_titles=positions)
        )
        title, title_start, nationality = titled or ("", None, None)
        person.occurrences.append(self._occurrence(start, end, title, title_start, nationality))
        person.title = better_title(person.title, title)

    def _add_titled(self, start, end, title, title_start, nationality):
        name = self.text[start:end]
        official = fuzzy_official(name, self.officials)
        if official:
            return self._add_known(official, start, end, (title, title_start, nationality))
        person = self._person_named(name)
        if person is None:
            # A surname alone needs a title to be someone: "Mexican Foreign Secretary Ebrard".
            # Only after an English title: Spanish releases name people in full first.
            single = len(name_tokens(self.text, start, end)) < 2
            english = title[:1].isupper() and not re.search(r"\b(?:de|del|para)\b", title)
            if single and not (english and _surname_like(name) and not _continues(self.text, end)):
                return None
            person = self.people.setdefault(normalize(name), Person(normalize(name), name))
        person.occurrences.append(self._occurrence(start, end, title, title_start, nationality))
        person.title = better_title(person.title, title)
        return None

    def _person_named(self, name):
        """An earlier person this (possibly shorter) name refers to: same name, or surname."""
        key = normalize(name)
        if key in self.people:
            return self.people[key]
        words = key.split()
        for person in self.people.values():
            tokens = person.tokens()
            if words and words[0] in tokens[1:] and all(w in tokens for w in words[:1]):
                return person
        return None

    def _link_surnames(self):
        # "Velasco Álvarez highlighted ...": a capitalised run starting with a known surname.
        for person in list(self.people.values()):
            for surname in _surnames(person):
                pattern = re.compile(rf"(?<![\w]){re.escape(surname)}(?:\s+{TOKEN})*")
                for match in pattern.finditer(self.text):
                    if not self._is_taken(match.start(), match.end()):
                        start, end = clean_name(self.text, match.start(), match.end())
                        if end > start:
                            person.occurrences.append(self._occurrence(start, end))


def _variant(person, other):
    """Whether another name is this person's: its words end this one's ("Le Drian", "Bhutto
    Zardari"), or the same surname and first initial ("Michael R. Pompeo")."""
    mine, theirs = person.tokens(), other.tokens()
    if len(theirs) < 2 or len(mine) < 2:
        return False
    if len(theirs) < len(mine) and mine[-len(theirs) :] == theirs:
        return True
    return mine[-1] == theirs[-1] and mine[0][0] == theirs[0][0] and mine != theirs


def better_title(current, new):
    """The first title given, unless it only says "counterpart" and a real one follows."""
    if not current or fold(current) in COUNTERPART_WORDS:
        return new or current
    return current


def _surname_like(name):
    word = name.strip()
    return len(word) >= 3 and not word.endswith(".") and fold(word) not in stop_tokens()


def _continues(text, end):
    # "the National Center for Investigation": a capitalised word that goes on is no surname.
    return bool(re.match(r"\s+(?:for|of|de|del|para|on|and|y)\b", text[end:]))


def _title_at(titled, start, end):
    """The title found just before a known name, if a title + name match covers it."""
    for t_start, t_end, title, title_start, nationality in titled:
        if t_start <= start < t_end or start <= t_start < end:
            return title, title_start, nationality
    return None


def _surnames(person):
    words = [w for w in re.findall(TOKEN, person.name) if not w.endswith(".")]
    if len(words) < 2:
        return []
    return list(dict.fromkeys(words[-1:] + (words[-2:-1] if len(words) >= 3 else [])))


def find_people(text, officials=(), nations=None, publisher_country=None):
    """Every person the text names, with their occurrences, title and side."""
    return PeopleFinder(text, officials, nations, publisher_country).run()
