"""
Unnamed delegations: the people of a side the release does not name ("members of the U.S.
Senate and House", "the US Congress delegation", "funcionarios de asuntos bilaterales",
"el embajador del Perú"), one per side.

A group takes its side from its own words, else from the named people it is listed with ("lo
acompañan los ministros X e Y, así como funcionarios de ..."); a group of no side, or one that is
only the title of a person named right after it ("el embajador del Perú en Santiago, Carlos
Pareja"), is left out.
"""

import functools
import re
from dataclasses import dataclass

from .text import cue_words, fold, load_data, sentences


@dataclass
class Delegation:
    country: str | None
    description: str
    start: int
    end: int


@functools.cache
def _delegation_patterns():
    groups = "|".join(cue_words("delegation", "groups"))
    verbs = "|".join(re.escape(v) for v in cue_words("delegation", "verbs"))
    stop = rf"(?=\s+(?:at|to|in|during|on|for|who|que|en|a|para|durante|{verbs})\b|[.;:,)\]]|$)"
    countries = load_data("countries")["countries"].values()
    adjectives = sorted({a for e in countries for a in e["adjectives"]}, key=len, reverse=True)
    capitalised = "|".join(re.escape(a) for a in adjectives if a[:1].isupper())
    spanish = "|".join(re.escape(a) for a in adjectives if a.islower())
    names = "|".join(
        re.escape(n)
        for n in sorted({n for e in countries for n in e["names"]}, key=len, reverse=True)
    )
    anaphora = r"(?<![Tt]he )(?<![Ll]a )(?<![Ll]os )(?<![Ll]as )"  # "the US officials": people named before
    bodies = r"(?:Congress|Senate|House|Parliament|congressional|parliamentary|Congreso|Senado)"
    single = "|".join(cue_words("delegation", "single"))
    return [
        re.compile(rf"\b(?:delegation|delegación) (?:of|de|from) (?P<desc>[^.;:,]+?){stop}", re.I),
        re.compile(
            rf"\b(?P<desc>(?:senior |high-level |alto nivel |altos )?(?:{groups}) "
            rf"(?:of|from|de|del) (?:the |la |el |los |las |both |ambos )?[^.;:,]+?){stop}",
            re.I,
        ),
        re.compile(rf"{anaphora}(?<![\w.])(?P<desc>(?:{capitalised}) (?:{groups})){stop}"),
        re.compile(
            rf"{anaphora}\b(?P<desc>(?:{groups}) (?:{spanish}|de (?:los )?(?:{names}))){stop}", re.I
        ),
        # "the US Congress delegation", "a congressional delegation": lawmakers, mostly unnamed.
        re.compile(
            rf"(?<![\w.])(?P<desc>(?:(?:the|a|an|la|una) )?(?:(?:{capitalised}|{names}) )?"
            rf"{bodies} (?:delegation|delegación))"
        ),
        # "el embajador del Perú", "the Peruvian ambassador": one official, not named.
        re.compile(
            rf"\b(?:el|la|the|del|al)\s+(?P<desc>(?:(?:{single}) (?:del|de la|de|of the|of) "
            rf"(?:{names})|(?:{capitalised}) (?:{single})))(?=\s+(?:y|and|e|en|in|at)\b|[.;:,)]|$)",
            re.I,
        ),
    ]


def find_delegations(text, nations, people=()):
    """Unnamed groups on a side, one per side: the longest description of each."""
    bodies = {fold(b) for b in cue_words("delegation", "bodies")}
    titles = [(o.title_start, o.end) for p in people for o in p.occurrences if o.title_start]
    best = {}
    for pattern in _delegation_patterns():
        for match in pattern.finditer(text):
            description = match.group("desc").strip()
            start, end = match.span("desc")
            if not set(re.findall(r"[\w]+", fold(description))) & bodies:
                continue
            if any(start < t_end and t_start < end for t_start, t_end in titles):
                continue  # a named person's title
            side = nations.first(description)
            side = None if re.search(r"\b(both|ambos|two)\b", description, re.I) else side
            side = side or _side_of_people_listed(text, start, people)
            if side and (side not in best or len(description) > len(best[side].description)):
                best[side] = Delegation(side, description, start, end)
    return sorted(best.values(), key=lambda d: d.start)


def _side_of_people_listed(text, position, people):
    """The one side of the people named before the group in its sentence: "lo acompañan los
    ministros X e Y, así como funcionarios de ..."."""
    sentence = next(((s, e) for s, e in sentences(text) if s <= position < e), None)
    if not sentence:
        return None
    sides = {p.country for p in people for o in p.occurrences if sentence[0] <= o.start < position}
    return sides.pop() if len(sides) == 1 else None
