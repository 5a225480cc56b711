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

import functools
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .text import LOWER, UPPER, find_phrases, fold, load_data, normalize, sentences

PARTICLES = r"de la|de los|de las|del|de|van der|van|von|da|dos|di|le|la"
TOKEN = rf"(?:[{UPPER}][{LOWER}]+(?:['’-][{UPPER}][{LOWER}]+|-[{LOWER}]+)*|[{UPPER}]\.)"
SP = r"[ \t\u00a0]+"  # spaces within a line: a name or title never runs across lines
NAME = rf"{TOKEN}(?:{SP}(?:(?:{PARTICLES}){SP})?{TOKEN}){{0,4}}"
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


def _variants(phrases, lowered=()):
    forms = set(lowered)
    for phrase in phrases:
        forms |= {phrase, phrase[:1].upper() + phrase[1:]}
    return "|".join(
        re.escape(form).replace(r"\ ", r"\s+") for form in sorted(forms, key=len, reverse=True)
    )


@functools.cache
def portfolio_regex():
    """Portfolio words after a head, with their connectors: " of Homeland Security"."""
    titles = load_data("titles")
    portfolio = "|".join(
        re.escape(w) for w in sorted(set(titles["portfolio_words"]), key=len, reverse=True)
    )
    connectors = "|".join(re.escape(w) for w in sorted(titles["connectors"], key=len, reverse=True))
    word = rf"(?:{portfolio})(?![\w])|\((?:{portfolio})\)"
    # A comma may join portfolio words: "for Civilian Security, Democracy, and Human Rights".
    return rf"(?:,?{SP}(?:(?:{connectors}){SP})*(?:{word}))*"


@functools.cache
def portfolio_prefix():
    """Portfolio words before a head ("Homeland Security Advisor"), no nation among them."""
    countries = load_data("countries")["countries"].values()
    nation_words = {
        w for e in countries for form in e["names"] + e["adjectives"] for w in form.split()
    }
    words = [w for w in load_data("titles")["portfolio_words"] if w not in nation_words]
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@functools.cache
def title_regex():
    """Modifier, head, portfolio words: "Acting Attorney General", "secretario de Estado"."""
    titles = load_data("titles")
    # English heads also in lower case ("the U.S. ambassador to Mexico, Roberta Jacobson"),
    # except those that are common words too.
    lowered = [h.lower() for h in titles["heads"]["en"] if h not in titles["not_lowercase"]]
    heads = _variants(titles["heads"]["en"] + titles["heads"]["es"], lowered)
    modifiers = _variants(titles["modifiers"])
    prefix = rf"(?:(?:{portfolio_prefix()}){SP}){{0,3}}"
    return rf"{prefix}(?:(?:{modifiers}){SP})*(?:{heads})(?![\w]){portfolio_regex()}"


@functools.cache
def titled_name_pattern():
    # A Spanish nationality may follow the title: "el canciller mexicano, Juan Ramón de la Fuente".
    adjectives = sorted(
        {
            a
            for e in load_data("countries")["countries"].values()
            for a in e["adjectives"]
            if a.islower()
        },
        key=len,
        reverse=True,
    )
    countries = load_data("countries")["countries"].values()
    names = sorted({n for e in countries for n in e["names"]}, key=len, reverse=True)
    nationality = "|".join(re.escape(a) for a in adjectives)
    nation = rf"(?:de|of){SP}(?:los{SP}|la{SP}|the{SP})?(?:{'|'.join(re.escape(n) for n in names)})"
    honorific = "|".join(re.escape(h) for h in load_data("titles")["honorifics"])
    return re.compile(
        rf"(?P<title>{title_regex()})(?:{SP}(?P<nationality>{nationality}|{nation}))?"
        rf"(?:[ \t]*,[ \t]*|{SP})(?:(?:{honorific}){SP})?(?P<name>{NAME})"
    )


@functools.cache
def appositive_pattern():
    heads = load_data("titles")["appositive_heads"]
    head = "|".join(re.escape(h) for h in sorted(heads["en"] + heads["es"], key=len, reverse=True))
    title = rf"(?:the |el |la )?(?:(?i:{head})(?![\w])[^,;.()]*?|{title_regex()})"
    return re.compile(rf"(?P<name>{NAME}),{SP}(?P<title>{title})(?=\s*[,;.(])")


@functools.cache
def stop_tokens():
    """Capitalised words that end a name: title words, months, weekdays, sentence openers."""
    titles = load_data("titles")
    words = set(titles["portfolio_words"]) | {w for h in titles["heads"]["en"] for w in h.split()}
    words |= {
        "The",
        "This",
        "That",
        "During",
        "In",
        "On",
        "At",
        "And",
        "But",
        "While",
        "Both",
        "Read",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Administration",
        "Government",
        "El",
        "La",
        "Los",
        "Las",
        "En",
        "Durante",
        "Asimismo",
        "Además",
        "Por",
        "Con",
        "Ambos",
        "Twitter",
        "Initiative",
    }
    return {fold(w) for w in words}


def clean_name(text, start, end):
    """Trim a matched name at the first word that cannot be part of a name: (start, end)."""
    kept_end = start
    for match in re.finditer(rf"{TOKEN}|(?:{PARTICLES})", text[start:end]):
        word = match.group()
        if fold(word) in stop_tokens() and word[:1].isupper():
            break
        if word[:1].isupper():
            kept_end = start + match.end()
    return start, kept_end


def name_tokens(text, start, end):
    return [t for t in re.findall(TOKEN, text[start:end]) if not t.endswith(".")]


def find_titled(text):
    """(name start, name end, title, title start) for each title + name and name, title."""
    found = []
    match = titled_name_pattern().search(text)
    while match:
        start, end = clean_name(text, *match.span("name"))
        if end > start:
            title, nation = split_nationality(singular_title(match.group("title").strip()))
            nationality = match.group("nationality") or nation
            found.append((start, end, title, match.start("title"), nationality))
            found += _coordinated(text, end, match.group("title"))
        # A name cut short may leave the next title behind it: search again from the cut.
        match = titled_name_pattern().search(text, max(end, match.start("name") + 1))
    for match in appositive_pattern().finditer(text):
        start, end = clean_name(text, *match.span("name"))
        if len(name_tokens(text, start, end)) >= 2:
            found.append((start, end, match.group("title").strip(), match.start("title"), None))
    return found


def _coordinated(text, position, title):
    # "Presidents Enrique Peña Nieto and Donald Trump", "Secretaries of Government X, and Finance Y".
    head = title.split()[0]
    if not re.search(r"(?:s|es)$", head) or head.lower() in ("cónsul", "jefes"):
        return []
    singular = singular_head(head)
    follow = re.compile(
        rf"\s*,?\s*(?:and|y)(?P<portfolio>{portfolio_regex()})\s*,?\s*(?P<name>{NAME})"
    )
    match = follow.match(text, position)
    if not match:
        return []
    start, end = clean_name(text, *match.span("name"))
    portfolio = re.sub(r"^(?:of|de|the|la|el)\s+", "", match.group("portfolio").strip())
    connector = " of " if singular[:1].isupper() else " de "
    own_title = singular + connector + portfolio if portfolio else singular
    if len(name_tokens(text, start, end)) < 2:
        return []
    return [(start, end, own_title, match.start("portfolio"), None)]


def split_nationality(title):
    """ "secretario de Estado de Estados Unidos" -> ("secretario de Estado", "de Estados Unidos")."""
    names = sorted(
        {n for e in load_data("countries")["countries"].values() for n in e["names"]},
        key=len,
        reverse=True,
    )
    pattern = (
        rf"\s+((?:de|of)\s+(?:los\s+|la\s+|the\s+)?(?:{'|'.join(re.escape(n) for n in names)}))$"
    )
    match = re.search(pattern, title)
    if match and match.start() > 0:
        return title[: match.start()], match.group(1)
    return title, None


def singular_head(head):
    """ "Secretaries" -> "Secretary", "Presidents" -> "President", "secretarios" -> "secretario"."""
    for plural, singular in (("ies", "y"), ("ores", "or"), ("ales", "al"), ("es", "e"), ("s", "")):
        if head.endswith(plural) and len(head) > 4:
            return head[: -len(plural)] + singular
    return head


def singular_title(title):
    """A plural title as one person's: "Secretaries of Government" -> "Secretary of Government"."""
    head, _, rest = title.partition(" ")
    if re.search(r"(?:ies|s)$", head) and head.lower() not in ("cónsul",):
        head = singular_head(head)
    return f"{head} {rest}".strip()


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
            single = len(name_tokens(self.text, start, end)) < 2
            if single and not (_surname_like(name) and not _continues(self.text, end)):
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
        sentence = next((s for s in sentences(self.text) if s[0] <= occurrence.start < s[1]), None)
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


def title_country(title):
    """The country of a title only one country uses ("Secretary of State"), or None."""
    table = load_data("titles")["title_countries"]
    words = normalize(re.sub(r"\b(?:acting|deputy|interino|interina)\b", "", title, flags=re.I))
    return table.get(words)


def find_people(text, officials=(), nations=None, publisher_country=None):
    """Every person the text names, with their occurrences, title and side."""
    return PeopleFinder(text, officials, nations, publisher_country).run()
