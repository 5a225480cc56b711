"""
Who took part and who is only mentioned, with each participant's role (unnamed delegations are
in delegations.py).

Each time a person is named, the words around the name decide: a mention cue close by ("on
behalf of", "in his meetings with", "during their telephone conversation", "the ...
administration") makes it a mention; a meeting cue or a speech verb in the sentence makes it
participation. A person named only in mention contexts is a mention, never a participant.
"""

import re
from dataclasses import dataclass

from .quotes import find_quoted
from .text import SPANISH_FUTURE, cue_words, find_phrases, fold, sentences

# How far a mention cue may stand from the name it qualifies.
BEFORE_REACH = 70
AFTER_REACH = 45
# A readout's spokesperson reports the meeting.
SPOKESPEOPLE = r"\b(?:spokes(?:person|man|woman)|press secretary|vocer[oa]|portavoz)\b"
# Meeting words that are nouns of a person ("his Turkish counterpart"), not verbs.
NOUNS = {"counterpart", "homologo", "homologa", "delegation", "delegacion"}


@dataclass
class _Cue:
    """A cue found by rule rather than by phrase, shaped like a regex match."""

    begin: int
    stop: int

    def start(self):
        return self.begin

    def end(self):
        return self.stop


@dataclass
class Verdict:
    kind: str  # participant | mention
    occurrence: object
    cue: str = ""


# Mention cues that are rules rather than phrases, on the folded text.
# "President Biden’s resolve": a possessive, unless of a meeting word ("Blinken's meeting").
POSSESSIVE = re.compile(r"(?:'s|’s)\s+([\w-]+)")
# "Wendy Sherman, during her India visit, had reaffirmed": an earlier event.
PLUPERFECT = re.compile(r"\s*(?:,[^,;.]{0,60},?\s*)?(?:had|habia|habian)\s+\w+")
# "a message of solidarity and support from President X", "saludos del presidente".
MESSAGE_FROM = re.compile(
    r"\b(?:message|letter|greetings|mensaje|carta|saludos?)\b[^.;:]{0,50}\b(?:from|de|del)\s+$"
)
# "After an hour-long meeting with NSA Ajit Doval, ... held talks with": another meeting.
OTHER_MEETING = re.compile(
    r"\b(?:after|before|following|tras|despues de|antes de)\s+(?:(?:an?|his|her|their|una|su)\s+)?"
    r"(?:[\w-]+\s+)?(?:meeting|talks|reunion|encuentro)s?\s+(?:with|con)\s+$"
)
# "on the sidelines of the summit hosted by President X": who hosts another event.
EVENT_BY = re.compile(
    r"\b(?:summit|conference|forum|dinner|reception|ceremony|cumbre|conferencia|foro|cena|"
    r"recepcion|ceremonia)\b[^.;:]{0,50}\b(?:hosted|organized|organised|convened|offered|"
    r"organizad[oa]|convocad[oa]|ofrecid[oa]|presidid[oa])\s+(?:by|por)\s+(?:el\s+|la\s+|the\s+)?$"
)
# Nouns of the meeting that may stand between two coordinated names without ending the list.
JOINED = re.compile(
    r"\s*(?:,\s*)?(?:and|y|e|as well as|asi como)\s+(?:(?:the|el|la|his|her|su)\s+)?"
    r"(?:[\w.-]+\s+){0,4}?"
)


class Classifier:
    """Reads the context of each of a person's occurrences. Given everyone the text names, an
    item of a list joined to a mentioned person ("between President X and his counterpart Y")
    is mentioned too."""

    def __init__(self, text, people=()):
        self.text = text
        self.folded = fold(text)
        self.sentences = sentences(text)
        self.before_cues = cue_words("mention_cues", "before")
        self.after_cues = cue_words("mention_cues", "after")
        self.adjacent_cues = cue_words("mention_cues", "adjacent")
        self.meeting_cues = cue_words("meeting_cues", None) + cue_words("speech_verbs", None)
        self.quoted = find_quoted(text)
        self.occurrences = sorted((o for p in people for o in p.occurrences), key=lambda o: o.start)
        self.kinds = {}

    def sentence_of(self, position):
        return next(
            ((s, e) for s, e in self.sentences if s <= position < e), (position, position + 1)
        )

    def occurrence_kind(self, occurrence):
        """("mention", cue), ("participant", cue) or ("neutral", "")."""
        if occurrence.start not in self.kinds:
            self.kinds[occurrence.start] = self._kind(occurrence)
        return self.kinds[occurrence.start]

    def _kind(self, occurrence):
        start, end = self.sentence_of(occurrence.start)
        left = occurrence.title_start if occurrence.title_start is not None else occurrence.start
        cues = self._before(left, start) + self._after(occurrence, end)
        if cues:
            match = cues[0]
            return "mention", self.text[match.start() : match.end()]
        joined = self._joined_to_mention(left)
        if joined:
            return "mention", joined
        meeting = find_phrases(self.folded, self.meeting_cues, start, end)
        if meeting:
            return "participant", meeting[0].group()
        return "neutral", ""

    def _before(self, left, sentence_start):
        """Cues before the name: "on behalf of", "message ... from", "after a meeting with",
        "last month,", a future verb ("quedará encargado a"), "del presidente"."""
        window = max(sentence_start, left - BEFORE_REACH)
        found = find_phrases(self.folded, self.before_cues, window, left)
        found += [
            _Cue(m.start(), m.end()) for m in SPANISH_FUTURE.finditer(self.text, window, left)
        ]
        for rule in (MESSAGE_FROM, OTHER_MEETING, EVENT_BY):
            match = rule.search(self.folded, window, left)
            found += [_Cue(match.start(), match.end())] if match else []
        found = [m for m in found if self._reaches(m.end(), left)]
        return sorted(found + self._genitive(left), key=lambda m: -m.start())

    def _after(self, occurrence, sentence_end):
        """Cues after the name: "X directed", "the X administration", "X’s resolve", "X had"."""
        reach = min(sentence_end, occurrence.end + AFTER_REACH)
        found = find_phrases(self.folded, self.after_cues, occurrence.end, reach)
        found = [m for m in found if self._qualifies_name(occurrence.end, m.start())]
        adjacent = find_phrases(
            self.folded, self.adjacent_cues, occurrence.end, min(sentence_end, occurrence.end + 20)
        )
        found += [m for m in adjacent if not self.folded[occurrence.end : m.start()].strip()]
        possessive = POSSESSIVE.match(self.folded, occurrence.end)
        if possessive and not find_phrases(possessive.group(1), self.meeting_cues):
            found.append(_Cue(possessive.start(), possessive.end()))
        pluperfect = PLUPERFECT.match(self.folded, occurrence.end)
        if pluperfect:
            found.append(_Cue(pluperfect.start(), pluperfect.end()))
        return found

    def _joined_to_mention(self, left):
        for other in self.occurrences:
            gap = self.folded[other.end : left]
            if other.end > left or len(gap) > 45 or not JOINED.fullmatch(gap):
                continue
            verbs = [m for m in find_phrases(gap, self.meeting_cues) if m.group() not in NOUNS]
            kind, cue = self.occurrence_kind(other)
            if kind == "mention" and not verbs:
                return cue
        return ""

    def _genitive(self, left):
        # "el asesor ... del presidente Joe Biden", "the government of President X": named as
        # someone's possessor, unless a meeting word stands right before ("participation of").
        window_start = max(0, left - 24)
        match = re.search(
            r"\b(?:del|de la|of|(?:administracion|gobierno|mandato|presidencia) de)\s+$",
            self.folded[window_start:left],
        )
        if not match:
            return []
        near = self.folded[max(0, left - 30) : left]
        if find_phrases(near, self.meeting_cues) or re.search(
            r"\b(?:delegation|delegacion)\b", near
        ):
            return []
        return [_Cue(window_start + match.start(), left)]

    def _reaches(self, cue_end, name_start):
        # "attributable to Spokesperson Ned Price: Secretary Blinken met ...": a colon or a
        # meeting verb between a cue and a name ends the cue's reach.
        # A participle ("meetings led by X") does not end it.
        between = self.folded[cue_end:name_start]
        verbs = find_phrases(between, self.meeting_cues)
        verbs = [m for m in verbs if not between[m.end() :].startswith(" by")]
        return ":" not in between and ";" not in between and not verbs

    def _qualifies_name(self, name_end, cue_start):
        # The cue belongs to this name if no other verb stands between them.
        between = self.folded[name_end:cue_start]
        return not re.search(r"\b(said|says|added|stated|dijo|afirmo|senalo|that|que)\b", between)

    def classify(self, person):
        """ "participant" or "mention", with the deciding occurrence and cue. A person named only
        within quotations is mentioned: the speaker names them."""
        verdicts = []
        for occurrence in person.occurrences:
            kind, cue = self.occurrence_kind(occurrence)
            verdicts.append(Verdict(kind, occurrence, cue))
        spokesperson = [o for o in person.occurrences if re.search(SPOKESPEOPLE, fold(o.title))]
        if spokesperson:
            return Verdict("mention", spokesperson[0], spokesperson[0].title)
        for kind in ("participant", "neutral"):
            chosen = [v for v in verdicts if v.kind == kind]
            if chosen and (kind == "participant" or all(v.kind != "mention" for v in verdicts)):
                if all(self._quoted(v.occurrence.start) for v in verdicts):
                    return Verdict("mention", chosen[0].occurrence, "named in a quotation")
                return Verdict("participant", chosen[0].occurrence, chosen[0].cue)
        return next(v for v in verdicts if v.kind == "mention")

    def _quoted(self, position):
        return any(s <= position < e for s, e in self.quoted)


def roles(text, participants):
    """slug/key -> head | host | member, from the text's cues, else the first of each side leads."""
    folded = fold(text)
    found = {}
    for person, _ in participants:
        found[person.key] = _explicit_role(text, folded, person)
    # People of no known side count as a side of their own.
    for side in dict.fromkeys(p.country for p, _ in participants):
        same_side = [p for p, _ in participants if p.country == side]
        if not any(found[p.key] in ("head", "host") for p in same_side):
            found[same_side[0].key] = "head"
    return {key: role or "member" for key, role in found.items()}


def _explicit_role(text, folded, person):
    for occurrence in person.occurrences:
        left = occurrence.title_start if occurrence.title_start is not None else occurrence.start
        reach = max(0, left - 30)
        if find_phrases(folded, cue_words("role_cues", "head_after"), reach, left):
            return "head"
        if find_phrases(folded, cue_words("role_cues", "host_after"), reach, left):
            return "host"
        if find_phrases(folded, cue_words("role_cues", "member_after"), reach, left):
            return "member"
        # "Secretary Marcelo Ebrard received a delegation": the name is the verb's subject.
        after = folded[occurrence.end : occurrence.end + 25]
        for role, key in (("host", "host_subject"), ("head", "head_subject")):
            verbs = find_phrases(after, cue_words("role_cues", key))
            between = after[: verbs[0].start()] if verbs else ""
            passive = re.search(r"\b(?:was|were|is|are|been|fue|fueron|es|son)\b", between)
            if verbs and not re.search(r"[.;,]", between) and not passive:
                return role
    return None
