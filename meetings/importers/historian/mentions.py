"""
Titled people and unnamed groups found in a record's free text, shared by the remarks and the
visits' parsers.

A mention is "[former] [Acting] [nationality or organisation] Title Name", a plural title with
several names ("British Prime Ministers Churchill and Attlee"), or a group whose members are
not named ("senior Israeli officials", "the Presidents of Peru, Colombia, and Bolivia"). Every
one carries its offsets into the text, so its passage is the text's own words.
"""

import re
from dataclasses import dataclass
from functools import cache

from .vocabulary import country_names, nationality_words, organizations, title_pattern, titles

# A word of a name: capitalised ("Peña", "O'Neill", "Jean-Yves"), an initial ("D."), a
# numeral ("II"), "Jr."; or a lower-case particle that precedes a capitalised word.
UPPER = r"[^\W\d_a-zß-ÿ]"
WORD = rf"(?:(?:Jr|Sr|St)\.|{UPPER}\.(?!\w)|{UPPER}[\w'’]*(?:-[\w'’]+)*|(?:al|el|ad|as|bin|ibn|abu|ould)-{UPPER}[\w'’-]*)"
PARTICLE = (
    r"(?:de|da|del|della|di|dos|das|do|van|von|der|den|ten|ter|al|el|bin|ibn|bint|ben|la|le|du|y|e)"
)
NAME = rf"{WORD}(?:\s+(?:{PARTICLE}\s+)*{WORD})*"
# Capitalised words that end a name rather than continue it.
NOT_NAME = {"State", "Summit", "Conference", "Meeting", "Council", "Day", "Palace", "Treaty"}
NOT_NAME |= {"Ministerial", "Government", "During", "On", "In", "At", "The", "And", "Also"}
NOT_NAME |= {"Assembly", "Accords", "Agreement", "Dinner", "Ceremony"}
# A month ends a name only before a day: "Theresa May", but "Kohl May 3".
MONTHS = set(
    [
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
    ]
)
# Words that may open a name although they are titles: "Foreign Minister Prince Saud".
HONORIFIC_OPENERS = {"Prince", "Sheikh", "Shaikh", "Sheik", "Lord", "Sir", "Dr.", "Crown"}
MODIFIER = r"(?:Acting|Interim|Caretaker|Transitional)"
# Nouns for people met as a group ("senior Israeli officials"): the longest first.
GROUP_NOUNS = [
    "Foreign Ministers", "Defense Ministers", "Finance Ministers", "Ministers", "ministers",
    "Ambassadors", "ambassadors", "officials", "leaders", "counterparts", "personnel",
    "representatives", "delegations", "delegation", "envoys", "negotiators", "authorities",
    "Council", "officers", "parliamentarians", "legislators", "commanders",
]  # fmt: skip
# The word before the noun that makes a group something other than officials.
NOT_OFFICIALS = ["business", "civic", "community", "religious", "student", "society"]
# Words that cannot sit between a group's nationality and its noun.
STOP_WORDS = ["with", "the", "and", "of", "to", "for", "a", "an", "in", "at", "on", "by", "met"]
STOP_WORDS += ["from", "including", "separately"]
# Plural titles followed by a list of countries: "the Presidents of Peru, Colombia, and Bolivia".
PLURAL_TITLES = ["Presidents", "Prime Ministers", "Foreign Ministers", "Defense Ministers"]
PLURAL_TITLES += ["leaders", "Heads of State", "Heads of Government", "Kings"]


@dataclass(frozen=True)
class NameMention:
    start: int  # the passage: adjective, title and name
    end: int
    name: str
    title: str
    qualifier: str  # the nationality or organisation word before the title, if any
    former: bool


@dataclass(frozen=True)
class GroupMention:
    start: int
    end: int
    description: str
    qualifiers: tuple  # nationality or organisation words, or country names after "of"
    by_country_name: bool


def _alternation(words):
    return "|".join(re.escape(word) for word in words)


@cache
def qualifier_pattern():
    words = sorted(list(nationality_words()) + list(organizations()), key=lambda word: -len(word))
    return _alternation(words)


def _prefix():
    return (
        rf"(?<![\w.])(?P<former>[Ff]ormer\s+)?(?P<modifier>{MODIFIER}\s+)?"
        rf"(?:(?P<qualifier>{qualifier_pattern()})\s+)?(?P<modifier2>{MODIFIER}\s+)?"
    )


@cache
def person_regex():
    return re.compile(rf"{_prefix()}(?P<title>{title_pattern()})\s+(?P<names>{NAME})")


@cache
def plural_person_regex():
    names = rf"{NAME}(?:(?:,\s+|,?\s+and\s+){NAME})+"
    return re.compile(rf"{_prefix()}(?P<title>{title_pattern()})s\s+(?P<names>{names})")


@cache
def _opening_words():
    """First words of titles and qualifiers: inside a name, they start the next mention."""
    words = {title.written.split()[0] for title in titles()}
    return words | {word.split()[0] for word in [*nationality_words(), *organizations()]}


def _trim_name(name, rest=""):
    """
    Cut a name where it stops being one: at a word that is never a name ("Summit"), a month
    before a day ("Kohl May 3"), or a title or nationality that opens another mention
    ("Churchill and Attlee and Soviet Premier Stalin"), though "Mackenzie King" stays whole.
    """
    words = name.split()
    after = rest.split()[:1] or [""]
    kept = []
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else after[0]
        if word in NOT_NAME or (word in MONTHS and following[:1].isdigit()):
            break
        if kept and word in _opening_words() and index + 1 < len(words):
            break
        if not kept and word in _opening_words() and word not in HONORIFIC_OPENERS:
            break
        kept.append(word)
    while kept and re.fullmatch(PARTICLE, kept[-1]):
        kept.pop()
    return " ".join(kept)


def _mention(match, start, name, passage_start):
    modifiers = (match.group("modifier") or "") + (match.group("modifier2") or "")
    return NameMention(
        start=passage_start,
        end=start + len(name),
        name=name,
        title=" ".join((modifiers + match.group("title")).split()),
        qualifier=match.group("qualifier") or "",
        former=bool(match.group("former")),
    )


def _plural_mentions(text):
    """ "British Prime Ministers Churchill and Attlee": two people, one shared passage."""
    found = []
    for match in plural_person_regex().finditer(text):
        offset = match.start("names")
        for part in re.finditer(NAME, match.group("names")):
            name = _trim_name(part.group(0))
            if not name:
                break
            found.append(_mention(match, offset + part.start(), name, match.start()))
    return found


def name_mentions(text):
    """Every titled person the text names, in order; the passage runs from the title's prefix."""
    found = _plural_mentions(text)
    taken = [(mention.start, mention.end) for mention in found]
    for match in person_regex().finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        name = _trim_name(match.group("names"), text[match.end() :])
        if name:
            found.append(_mention(match, match.start("names"), name, match.start()))
    return sorted(found, key=lambda mention: (mention.start, mention.end))


@cache
def group_regex():
    qualifier = qualifier_pattern()
    qualifiers = rf"(?:{qualifier})(?:(?:,\s+|,?\s+and\s+)(?:{qualifier}))*"
    return re.compile(
        rf"(?<![\w.])(?P<description>(?:(?:the|a)\s+)?(?:(?:senior|other|top|high-level|local|visiting)\s+)*"
        rf"(?:(?P<qualifiers>{qualifiers})\s+)?(?:(?!(?:{_alternation(STOP_WORDS)})\b)[\w-]+\s+){{0,2}}?"
        rf"(?P<noun>{_alternation(GROUP_NOUNS)}))\b(?!['’])"
    )


@cache
def country_list_regex():
    country = rf"(?:the\s+)?(?:{_alternation(country_names())})\b"
    return re.compile(
        rf"(?P<description>(?:the\s+)?(?:{_alternation(PLURAL_TITLES)})\s+of\s+"
        rf"(?P<countries>{country}(?:(?:,\s+|,?\s+and\s+){country})*))"
    )


def _split_qualifiers(text):
    return tuple(re.findall(qualifier_pattern(), text or ""))


def _overlaps(found, start, end):
    return any(group.start < end and start < group.end for group in found)


def _is_officials(text, match):
    """Not business or community leaders; a "Council" only with a nationality before it."""
    before = text[: match.start("noun")].split()[-1:] or [""]
    if before[0] in NOT_OFFICIALS:
        return False
    return match.group("noun") != "Council" or bool(match.group("qualifiers"))


def group_mentions(text):
    """Groups met whose members go unnamed, in order; the same span is never reported twice."""
    found = []
    for match in country_list_regex().finditer(text):
        names = re.findall(_alternation(country_names()), match.group("countries"))
        countries = tuple(names)
        found.append(
            GroupMention(match.start(), match.end(), match.group("description"), countries, True)
        )
    for match in group_regex().finditer(text):
        if _overlaps(found, match.start(), match.end()) or not _is_officials(text, match):
            continue
        qualifiers = _split_qualifiers(match.group("qualifiers"))
        found.append(
            GroupMention(match.start(), match.end(), match.group("description"), qualifiers, False)
        )
    return sorted(found, key=lambda group: group.start)
