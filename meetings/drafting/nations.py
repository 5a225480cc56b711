"""
Which country a phrase speaks of: country names ("Mexico", "Mexico's", "Estados Unidos") and
nationality adjectives ("Mexican", "U.S.", "estadounidense"), matched as written so that "US"
is the country and "us" is not.
"""

import functools
import re

from .text import fold, load_data

# What joins the two countries of a pair: "España - Estados Unidos", "Peruano-Chileno",
# "Colombia y de Ecuador", "Mexico and the United States".
PAIRED = r"\s*(?:[-–—/]|(?:y|e|and)(?:\s+(?:de|del|of))?(?:\s+(?:la|el|los|the))?)\s*"


class Nations:
    """Country lookups over one country table (code -> names and adjectives)."""

    def __init__(self, table):
        self.table = table
        by_form = {}
        for code, entry in table.items():
            # A Spanish adjective may open a compound: "Consejo Empresarial Peruano-Chileno".
            capitalised = [a[:1].upper() + a[1:] for a in entry["adjectives"] if a.islower()]
            for form in entry["names"] + entry["adjectives"] + capitalised:
                if len(form) >= 2:
                    by_form.setdefault(form, code)
        self.by_form = by_form
        self.by_folded = {fold(form): code for form, code in by_form.items() if len(form) > 3}
        forms = sorted(by_form, key=len, reverse=True)
        self.pattern = re.compile(
            rf"(?<![\w.])(?:(?:{state_forms()})\s+(?:the\s+|la\s+|el\s+)?)?"
            r"(?P<form>" + "|".join(re.escape(form) for form in forms) + r")(?:'s|’s|')?(?![\w])"
        )

    def find_all(self, text, start=0, end=None):
        """(start, end, code) of every country name or adjective in a stretch of text."""
        end = len(text) if end is None else end
        return [
            (m.start(), m.end(), self.by_form[m.group("form")])
            for m in self.pattern.finditer(text, start, end)
        ]

    def first(self, phrase):
        """The first country a phrase names, or None."""
        found = self.find_all(phrase)
        return found[0][2] if found else None

    def last_before(self, text, position, reach=40):
        """The country named just before a position (a title's "Mexican", "U.S."), or None."""
        window_start = max(0, position - reach)
        found = self.find_all(text, window_start, position)
        if found and not text[found[-1][1] : position].strip(" ,"):
            return found[-1][2]
        return None

    def other_in_pair(self, text, sides):
        """The country paired in the text with the one side given ("España - Estados Unidos",
        "Peruano-Chileno", "los Gobiernos de Colombia y de Ecuador"), when there is one side and
        exactly one such other country; else None."""
        if len(sides) != 1:
            return None
        (side,) = sides
        found = self.find_all(text)
        others = set()
        for (_, end, first), (start, _, second) in zip(found, found[1:], strict=False):
            joined = re.fullmatch(PAIRED, text[end:start])
            if joined and side in (first, second) and first != second:
                others.add(second if first == side else first)
        return others.pop() if len(others) == 1 else None

    def code_of(self, name):
        """The code of a country given by name, any case or accents."""
        return self.by_form.get(name) or self.by_folded.get(fold(name))

    def publisher_country(self, publisher):
        """The country a publisher speaks for: named in it, or a known ministry's name."""
        if not publisher:
            return None
        named = self.first(publisher)
        if named:
            return named
        folded = fold(publisher)
        for code, names in load_data("countries")["publishers"].items():
            if code.startswith("_"):
                continue
            if any(re.search(rf"\b{re.escape(fold(n))}\b", folded) for n in names):
                return code
        return None


@functools.cache
def state_forms():
    """ "Republic of", "República Federal de" ...: words of a formal name before a country's, as a
    regex (the state form's own capitals, either case of the connectors)."""
    forms = load_data("countries")["state_forms"]
    phrases = sorted(forms["en"] + forms["es"], key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


@functools.cache
def _nations_for(key):
    return Nations(
        {
            code: {"names": list(names), "adjectives": list(adjectives)}
            for code, names, adjectives in key
        }
    )


def nations(table):
    """A (cached) Nations for a country table."""
    key = tuple(
        (code, tuple(entry["names"]), tuple(entry["adjectives"]))
        for code, entry in sorted(table.items())
    )
    return _nations_for(key)
