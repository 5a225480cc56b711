"""
Counterparts named in a trip's remarks: who, with which title, on which side, and the passage.

"Met with President Emmanuel Macron and Foreign Minister Jean-Yves Le Drian." gives two people
on the destination's side. A nationality or "of X" overrides the destination ("Russian
President Putin" met in Seoul is RU, "King Peter of Yugoslavia" is YU); a companion who joined
the traveller ("Was joined by Secretary of Homeland Security John Kelly"), a U.S. title, or the
President a Secretary accompanied is US; an international official (UN Secretary-General) has
no country side, only an organisation. Groups whose members go unnamed become unnamed
delegations, described as written. Events without people give nothing.
"""

import re
from dataclasses import dataclass

from .mentions import NAME, group_mentions, name_mentions
from .positions import serving_president
from .vocabulary import (
    canonical_title,
    country_code_by_name,
    nationality_code,
    organizations,
    titles_by_written,
)

# A clause ends at a semicolon or at a sentence's full stop (not "U.S." nor an initial).
CLAUSE_END = re.compile(r";\s*|(?<!\bU\.S)(?<!\bU\.N)(?<!\b[A-Z])\.\s+")
# The dead a trip honoured did not take part in it.
NOT_PRESENT = re.compile(
    r"(?:(?:funeral|memorial)\s+(?:services?\s+)?(?:of|for)|family\s+of|tomb\s+of|grave\s+of|in\s+memory\s+of)"
    r"\s+(?:the\s+)?(?:late\s+)?$",
    re.I,
)
COMPANION = re.compile(r"\b(?:joined|accompanied)\s+by\b", re.I)
ACCOMPANYING = re.compile(r"\bacc?o+mpanied\s+(?:the\s+)?$", re.I)
ACCOMPANIED_PRESIDENT = re.compile(r"\bacc?o+mpanied\s+(?:the\s+)?President\b(?!-elect)", re.I)
MEETING_VERBS = re.compile(
    r"\b(?:met|meet|meeting|meetings|conferred|discussed|consulted|briefed|joined|led|talks|with)\b",
    re.I,
)
OF_COUNTRY = re.compile(rf"\s+of\s+(?:the\s+)?(?P<country>{NAME})")


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Person:
    name: str  # as written, title and nationality left out
    title: str  # as written ("Minister of Foreign Affairs"), modifiers kept ("Acting President")
    canonical_title: str
    agency: str  # hint: "head-of-state", "foreign-ministry"...
    side: str | None  # ISO code; None for an international organisation's official
    organization: str
    role: str  # hint: "host", "head" or "member"
    former: bool
    passage: Passage


@dataclass(frozen=True)
class Delegation:
    side: str | None
    organization: str
    description: str
    passage: Passage


@dataclass(frozen=True)
class RemarksParse:
    people: list
    delegations: list
    accompanied_president: bool


def _clause_before(text, position):
    """The clause's words before `position`: from the last clause end up to it."""
    starts = [match.end() for match in CLAUSE_END.finditer(text, 0, position)]
    return text[(starts[-1] if starts else 0) : position]


def _companion(text, position):
    """Someone "joined by" or "accompanied by" the traveller, or in an opening "With X, ..."."""
    clause = _clause_before(text, position)
    return bool(COMPANION.search(clause)) or (clause.startswith("With ") and "," not in clause)


def _qualifier_side(qualifier, day):
    """(side, organisation) that a nationality or organisation word gives, or None."""
    if not qualifier:
        return None
    organization = organizations().get(qualifier)
    if organization:
        return None, organization
    return nationality_code(qualifier, day), ""


def _of_country(text, end, day):
    """A country named right after the name: ("GR", new end) for "King George of Greece"."""
    match = OF_COUNTRY.match(text, end)
    if match:
        code = country_code_by_name(match.group("country"), day)
        if code:
            return code, match.end()
    return None, end


def _is_serving_president(mention, day):
    if day is None or mention.title != "President":
        return False
    term = serving_president(day)
    return term is not None and term.name.split()[-1] == mention.name.split()[-1]


def _side(text, mention, destination, day):
    """(side, organisation, role, passage end) of one mention; see the module's docstring."""
    from_qualifier = _qualifier_side(mention.qualifier, day)
    of_code, end = _of_country(text, mention.end, day)
    title = titles_by_written().get(mention.title.casefold())
    title_side = title.side if title else ""
    if from_qualifier:
        side, organization = from_qualifier
        role = "member" if side == "US" else "head"
        return side, organization, role, end
    if of_code:
        return of_code, "", "head", end
    if title_side == "org":
        return None, "", "head", end
    if ACCOMPANYING.search(text[: mention.start]) and mention.title == "President":
        return "US", "", "head", end
    if title_side not in ("", "US"):
        return title_side, "", "head", end  # a title only one country has: the Pope's
    if title_side == "US" or _companion(text, mention.start) or _is_serving_president(mention, day):
        return "US", "", "member", end
    return destination, "", "host", end


def _person(text, mention, destination, day):
    side, organization, role, end = _side(text, mention, destination, day)
    canonical, agency = canonical_title(mention.title)
    return Person(
        name=mention.name,
        title=mention.title,
        canonical_title=canonical,
        agency=agency,
        side=side,
        organization=organization,
        role=role,
        former=mention.former,
        passage=Passage(mention.start, end, text[mention.start : end]),
    )


def people(text, destination, day=None):
    """Every person the remarks name as taking part (not, say, the subject of a funeral)."""
    return [
        _person(text, mention, destination, day)
        for mention in name_mentions(text)
        if not NOT_PRESENT.search(text[: mention.start])
    ]


def _group_sides(group, destination, day):
    """(side, organisation) for each party a group belongs to; unresolved names are dropped."""
    if group.by_country_name:
        codes = [country_code_by_name(name, day) for name in group.qualifiers]
        return [(code, "") for code in codes if code]
    if not group.qualifiers:
        return [(destination, "")]
    return [_qualifier_side(qualifier, day) for qualifier in group.qualifiers]


def _merge_organizations(found):
    """One delegation for all international organisations a group names: "NATO and OSCE officials"."""
    by_org = [delegation for delegation in found if delegation.side is None]
    if len(by_org) < 2:
        return found
    merged = Delegation(
        None, "; ".join(d.organization for d in by_org), by_org[0].description, by_org[0].passage
    )
    return [delegation for delegation in found if delegation.side is not None] + [merged]


def delegations(text, destination, day=None, named=()):
    """Unnamed groups met or joined, one per side, described as written."""
    found, seen = [], set()
    for group in group_mentions(text):
        overlaps = any(p.passage.start < group.end and group.start < p.passage.end for p in named)
        if overlaps or not MEETING_VERBS.search(_clause_before(text, group.start)):
            continue
        for side, organization in _group_sides(group, destination, day):
            key = side or organization
            if key in seen:
                continue
            seen.add(key)
            passage = Passage(group.start, group.end, text[group.start : group.end])
            found.append(Delegation(side, organization, group.description, passage))
    return _merge_organizations(found)


def parse_remarks(text, destination, day=None, role="secretary"):
    """People, unnamed delegations and the accompanied-the-President flag of one trip's remarks."""
    named = people(text, destination, day)
    return RemarksParse(
        people=named,
        delegations=delegations(text, destination, day, named),
        accompanied_president=role == "secretary" and bool(ACCOMPANIED_PRESIDENT.search(text)),
    )


def parse_trip(trip, destination):
    """parse_remarks() for a Trip, `destination` being its country's ISO code."""
    return parse_remarks(trip.remarks, destination, trip.start, trip.role)
