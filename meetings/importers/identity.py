"""
One person, one record: a name as a source writes it matched against the people already
known, the way an editor would (historian/names.py compares two names).

A name is certainly a known person when it is written exactly as one known person's name, or
fits exactly one of their names in their country:
"Pena Nieto" and "President-elect Enrique Pena Nieto" fit Enrique Peña Nieto, "Rex W. Tillerson"
fits Rex Tillerson, "Marcelo Luis Ebrard Casaubon" fits Marcelo Ebrard Casaubon. A misspelt given
name before a double surname only one person of the country has ("Enrico Pena Nieto") is the
same person too. Anything less (two people fit, or the names only resemble each other by
rapidfuzz's score) is never merged here: the candidates go to an editor.
"""

from collections import defaultdict

from rapidfuzz import fuzz, process

from .historian.names import REVIEW_SCORE, Candidate, Match, compatible, match_key, name_tokens

GIVEN_NAME_SCORE = 60  # "enrico" ~ "enrique": 61.5


def fits(name, known):
    """`name` can name the person called `known`, in either direction when both are full names."""
    if compatible(name, known):
        return True
    return len(name_tokens(known)) >= 2 and compatible(known, name)


def double_surname_fit(name, known):
    """Same two last words, given names alike: a misspelt given name before a double surname."""
    short, long = name_tokens(name), name_tokens(known)
    if len(short) < 3 or len(long) < 3 or short[-2:] != long[-2:]:
        return False
    return fuzz.ratio(" ".join(short[:-2]), " ".join(long[:-2])) >= GIVEN_NAME_SCORE


class PeopleIndex:
    """The people known so far, by country and by the last two words of each of their names."""

    def __init__(self):
        self.names = {}  # person id -> [names]
        self.country = {}
        self.by_word = defaultdict(set)  # (country, word) -> person ids
        self.keys = defaultdict(dict)  # country -> {(person id, name): match key}

    def add(self, person_id, names, country):
        self.names.setdefault(person_id, [])
        self.country[person_id] = country
        for name in names:
            self.add_name(person_id, name)

    def add_name(self, person_id, name):
        if name in self.names[person_id]:
            return
        self.names[person_id].append(name)
        self.keys[self.country[person_id]][(person_id, name)] = match_key(name)
        for word in name_tokens(name)[-2:]:
            self.by_word[(self.country[person_id], word)].add(person_id)

    def known_names(self, person_id):
        return list(self.names.get(person_id, []))

    def _near(self, name, country):
        ids = set()
        for word in name_tokens(name)[-2:]:
            ids |= self.by_word.get((country, word), set())
        return ids

    def _fitting(self, name, ids, test):
        found = {}
        for person_id in sorted(ids, key=str):
            for known in self.names[person_id]:
                if test(name, known):
                    found.setdefault(person_id, Candidate(person_id, known, 100.0))
        return list(found.values())

    def resolve(self, name, country):
        """A Match: certain (one person fits) or candidates for review, maybe none."""
        near = self._near(name, country)
        same = self._fitting(name, near, lambda a, b: match_key(a) == match_key(b))
        if len(same) == 1:  # written exactly so before: "Assad" is the "Assad" already seen
            return Match(same[0].person_id, same)
        fitting = self._fitting(name, near, fits) or self._fitting(name, near, double_surname_fit)
        if len(fitting) == 1:
            return Match(fitting[0].person_id, fitting)
        if fitting:
            return Match(None, fitting)
        return Match(None, self.resembling(name, country))

    def resembling(self, name, country):
        """People of `country` whose names resemble `name` (rapidfuzz, from REVIEW_SCORE)."""
        choices = {
            (person_id, known): match_key(known)
            for person_id, known_names in self.names.items()
            if self.country[person_id] == country
            for known in known_names
        }
        found = process.extract(
            match_key(name),
            choices,
            scorer=fuzz.token_sort_ratio,
            limit=5,
            score_cutoff=REVIEW_SCORE,
        )
        best = {}
        for _, score, (person_id, known) in found:
            if score > best.get(person_id, Candidate(None, "", 0)).score:
                best[person_id] = Candidate(person_id, known, round(score, 1))
        return sorted(best.values(), key=lambda candidate: -candidate.score)
