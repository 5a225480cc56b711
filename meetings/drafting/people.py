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
        for person in self.people.values():
            person.country = person.country or self._side(person)
            person.occurrences.sort(key=lambda o: o.start)
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
        person.title = person.title or title

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
        person.title = person.title or title
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

    def _side(self, person):
        finders = (self._side_named, self._side_counterpart, self._side_list, self._side_delegation)
        for finder in finders:
            for occurrence in person.occurrences:
                found = finder(occurrence)
                if found:
                    return found
        return title_country(person.title) or self.publisher_country

    def _side_named(self, occurrence):
        return occurrence.country

    def _side_counterpart(self, occurrence):
        # "his Mexican counterpart, Foreign Secretary Luis Videgaray"; "su homólogo mexicano, ..."
        at = occurrence.title_start if occurrence.title_start is not None else occurrence.start
        before = self.text[max(0, at - 45) : at]
        match = re.search(
            r"(\S+)\s+(?:counterpart|homólog[oa])\s*,?\s*$|(?:counterpart|homólog[oa])\s+(\S+?),?\s*$",
            before,
        )
        if match:
            return self.nations.first(match.group(1) or match.group(2))
        return None

    def _side_list(self, occurrence):
        # "Mexico's Secretary of Government Miguel Osorio, and Acting Attorney General Alberto
        # Elías Beltrán": an item of a list takes the nationality of the item before it, and so
        # does someone "accompanied by" the person before.
        at = occurrence.title_start if occurrence.title_start is not None else occurrence.start
        joined = r"\s*,?\s*(?:and|y|e|(?:accompanied|joined) by|along with|acompañad[oa]s? (?:por|de)|junto (?:con|a))?\s*(?:the|el|la|los|las)?\s*"
        for person in self.people.values():
            for other in person.occurrences:
                between = self.text[other.end : at]
                if other.end <= at and re.fullmatch(joined, between):
                    return other.country
        return None

    def _side_delegation(self, occurrence):
        # "Mexico's delegation was led by ...", "the US delegation was headed by ..., with ..."
        sentence = next((s for s in self.sentences if s[0] <= occurrence.start < s[1]), None)
        if not sentence:
            return None
        after = self.text[occurrence.end : sentence[1]]
        joined = re.match(
            r"\W*(?:\w+\s+){0,2}?(?:joined|led|headed|of|encabezó|integró)\s+(?:the\s+|la\s+)?(\S+(?:\s\S+)?)\s+delegation",
            after,
        )
        if joined and self.nations.first(joined.group(1)):
            return self.nations.first(joined.group(1))
        before = self.text[sentence[0] : occurrence.start]
        found = list(
            re.finditer(
                r"(\S+(?:\s\S+)?)\s+delegation\b|delegaci[oó]n\s+(\S+(?:\s\S+){0,2})", before
            )
        )
        if found:
            return self.nations.first(found[-1].group(1) or found[-1].group(2))
        return None


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
