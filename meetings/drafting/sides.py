"""
Which side a person the text names is on, when their title gives no nationality: "his Mexican
counterpart, ...", "Rosa Villavicencio, de Colombia,", "Por la parte chilena, participaron ...",
"Al diplomático ecuatoriano lo acompañan ...", an item of a list after someone of known side,
the delegation the sentence speaks of.

Each finder reads one occurrence of the person; the first that answers decides.
"""

import re

from .text import cue_words, find_phrases, fold

# "A, and B", "A, accompanied by B", "A y su ministro B": B takes A's side.
JOINED = (
    r"\s*,?\s*(?:and|y|e|(?:accompanied|joined) by|along with|acompañad[oa]s? (?:por|de)|"
    r"junto (?:con|a))?\s*(?:the|el|la|los|las|su|sus|his|her|their)?\s*"
)
# "Chinese FM Wang Yi, EAM Jaishankar hold talks": two parties of a reciprocal verb, no list.
RECIPROCAL = re.compile(
    r"\s+(?:hold|holds|held|meet|meets|met|discuss|sign|signs|se reúnen|sostienen|dialogan)\b"
)
# "Rosa Villavicencio, de Colombia, y Elmer Schialer, de Perú": a nationality after the name.
AFTER_NAME = re.compile(r"\s*,\s*(?:de|del|of|from)\s+(?:la\s+|el\s+|the\s+)?")
# "Al diplomático ecuatoriano lo acompañan los ministros ...": the side of the one accompanied.
ACCOMPANYING = re.compile(
    r"(?P<nation>[\w.]+)\s+(?:lo|la|los|las|le|les)\s+acompañ|(?P<nation2>[\w.]+)\s+(?:\w+\s+)?"
    r"(?:was|were|is|are)\s+accompanied\s+by",
)


class SideFinder:
    """Sides of the people of one text."""

    def __init__(self, text, nations, people, spans):
        self.text = text
        self.folded = fold(text)
        self.nations = nations
        self.people = list(people)
        self.sentences = spans

    def side(self, person):
        """The first side a finder reads from any of the person's occurrences, or None."""
        if organisation_title(person.title):
            return None
        finders = (
            lambda o: o.country,
            self._counterpart,
            self._after_name,
            self._side_marker,
            self._list,
            self._accompanied,
            self._delegation,
            self._across,
        )
        for finder in finders:
            for occurrence in person.occurrences:
                found = finder(occurrence)
                if found:
                    return found
        return None

    def _sentence(self, position):
        return next((s for s in self.sentences if s[0] <= position < s[1]), None)

    @staticmethod
    def _left(occurrence):
        return occurrence.title_start if occurrence.title_start is not None else occurrence.start

    def _counterpart(self, occurrence):
        # "his Mexican counterpart, Foreign Secretary Luis Videgaray"; "su homólogo mexicano, ..."
        at = self._left(occurrence)
        before = self.text[max(0, at - 45) : at]
        match = re.search(
            r"(\S+)\s+(?:counterpart|homólog[oa])\s*,?\s*$|(?:counterpart|homólog[oa])\s+(\S+?),?\s*$",
            before,
        )
        if match:
            return self.nations.first(match.group(1) or match.group(2))
        return None

    def _after_name(self, occurrence):
        joined = AFTER_NAME.match(self.text, occurrence.end)
        if not joined:
            return None
        found = self.nations.find_all(self.text, joined.end(), joined.end() + 40)
        return found[0][2] if found and found[0][0] == joined.end() else None

    def _side_marker(self, occurrence):
        """ "Por la parte chilena, participaron el canciller ...", "For the U.S. side, ...", "Al
        diplomático ecuatoriano lo acompañan ...": a side named before, in the same sentence."""
        sentence = self._sentence(occurrence.start)
        if not sentence:
            return None
        left = self._left(occurrence)
        markers = find_phrases(self.folded, cue_words("side_markers", None), sentence[0], left)
        for marker in reversed(markers):
            found = self.nations.find_all(self.text, marker.end(), min(left, marker.end() + 30))
            if found and not self.text[marker.end() : found[0][0]].strip(" ,"):
                return found[0][2]
        accompanying = list(ACCOMPANYING.finditer(self.text, sentence[0], left))
        if accompanying:
            word = accompanying[-1].group("nation") or accompanying[-1].group("nation2")
            return self.nations.first(word)
        return None

    def _list(self, occurrence):
        # "Mexico's Secretary of Government Miguel Osorio, and Acting Attorney General Alberto
        # Elías Beltrán": an item of a list takes the nationality of the item before it, and so
        # does someone "accompanied by" the person before.
        if RECIPROCAL.match(self.text, occurrence.end):
            return None
        at = self._left(occurrence)
        for person in self.people:
            for other in person.occurrences:
                between = self.text[other.end : at]
                joined = other.end <= at and re.fullmatch(JOINED, between)
                if joined and not organisation_title(other.title):
                    return other.country
        return None

    def _accompanied(self, occurrence):
        # "Villavicencio estuvo acompañada del embajador de Colombia ...": her companions' side.
        sentence = self._sentence(occurrence.start)
        if not sentence:
            return None
        after = self.text[occurrence.end : sentence[1]]
        joined = re.match(
            r"\s+(?:\w+\s+){0,2}?(?:acompañad[oa]s?\s+(?:por|de|del)|accompanied\s+by)\b", after
        )
        if not joined:
            return None
        start = occurrence.end + joined.end()
        for person in self.people:
            for other in person.occurrences:
                if start <= other.start < sentence[1] and other.country:
                    return other.country
        return None

    def _across(self, occurrence):
        """ "El canciller Hugo de Zela sostuvo una reunión con el presidente electo de Chile": one
        who met someone of one side is of the other side of the pair the text names ("Consejo
        Empresarial Peruano-Chileno", "España - Estados Unidos")."""
        sentence = self._sentence(occurrence.start)
        if not sentence:
            return None
        after = self.folded[occurrence.end : sentence[1]]
        verb = re.match(r"[^.;]{0,80}?\b(?:met|meets|spoke|held talks|con|with)\b", after)
        if not verb or not find_phrases(after[: verb.end()], cue_words("meeting_cues", None)):
            return None
        start = occurrence.end + verb.end()
        met = [
            o.country
            for p in self.people
            for o in p.occurrences
            if start <= o.start < sentence[1] and o.country
        ]
        return self.nations.other_in_pair(self.text, set(met[:1])) if met else None

    def _delegation(self, occurrence):
        # "Mexico's delegation was led by ...", "the US delegation was headed by ..., with ..."
        sentence = self._sentence(occurrence.start)
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
        # "También los congresistas ...": the list goes on from the sentence before.
        continued = re.match(r"\s*(?:también|asimismo|además|also|additionally)\b", before, re.I)
        earlier = [s for s in self.sentences if s[1] <= sentence[0]]
        if continued and earlier:
            before = self.text[earlier[-1][0] : earlier[-1][1]] + " " + before
        found = list(
            re.finditer(
                r"(\S+(?:\s\S+)?)\s+delegation\b|delegaci[oó]n\s+(\S+(?:\s\S+){0,2})", before
            )
        )
        if found:
            return self.nations.first(found[-1].group(1) or found[-1].group(2))
        return None


def organisation_title(title):
    """Whether a title is an international organisation's ("High Representative of the European
    Union"), whose holder is on no country's side."""
    return bool(title) and bool(
        find_phrases(fold(title), cue_words("organisations", "international"))
    )
