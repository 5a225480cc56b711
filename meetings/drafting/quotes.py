"""
Quotes and who said them, verbatim, without their quotation marks.

A quote's speaker comes, in this order, from the words after it (",” said Secretary Pompeo",
",” he said", ", afirmó el canciller", ", according to the U.S. Department of State"), from a
speech verb or a colon before it in its sentence ("Osorio Chong insisted that "..."",
"the Chancellor said: "...""), from a colon ending the paragraph before a block quote, and
last from context: a quote with no attribution right after another speaker's quote is that
speaker's, marked attributed_by_context.
"""

import re
from dataclasses import dataclass

from .text import UPPER, cue_words, find_phrases, fold, load_data, sentences, spans_of_lines

QUOTED = re.compile(r"“([^“”\n]+)(?:”|(?=\n))|\"([^\"\n]+)\"|«([^«»\n]+)»")
MIN_WORDS = 4
PRONOUNS = r"(?:he|she|they|él|ella)"


@dataclass
class Speaker:
    name: str
    person: object = None


UNRESOLVED = Speaker("")


@dataclass
class QuoteFact:
    text: str
    start: int
    end: int
    speaker: Speaker | None = None
    attributed_by_context: bool = False


def find_quoted(text):
    """Each quotation long enough to be a statement: (text start, text end), marks excluded."""
    spans = []
    for match in QUOTED.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        start, end = match.span(group)
        body = text[start:end]
        trimmed = body.rstrip(" ,")
        start += len(body) - len(body.lstrip())
        end = start + len(trimmed.strip())
        if len(trimmed.split()) >= MIN_WORDS:
            spans.append((start, end))
    return spans


class Attributor:
    """Finds the speaker of each quote among the people found in the text."""

    def __init__(self, text, people, nations=None):
        self.nations = nations
        self.text = text
        self.folded = fold(text)
        self.people = people
        self.occurrences = sorted(
            ((o.start, o.end, p) for p in people for o in p.occurrences), key=lambda item: item[0]
        )
        self.sentences = sentences(text)
        self.lines = spans_of_lines(text)
        self.quoted = []
        self.speech = cue_words("speech_verbs", None)

    def run(self):
        self.quoted = find_quoted(self.text)
        facts = []
        for start, end in self.quoted:
            fact = QuoteFact(self.text[start:end], start, end)
            fact.speaker = self.after(end) or self.before(start) or self.block(start, facts)
            if fact.speaker is None:
                fact.speaker = self.context(start, facts)
                fact.attributed_by_context = fact.speaker is not None
            facts.append(fact)
        # An attribution the reader could not resolve is no quote to propose.
        return [fact for fact in facts if fact.speaker and fact.speaker is not UNRESOLVED]

    def _outside_quotes(self, position):
        return not any(s - 1 <= position < e + 1 for s, e in self.quoted)

    def _person_in(self, start, end):
        for o_start, _, person in self.occurrences:
            if start <= o_start < end and self._outside_quotes(o_start):
                return Speaker(person.name, person)
        return None

    def _last_person_before(self, position, limit=0):
        found = None
        for o_start, o_end, person in self.occurrences:
            if limit <= o_start and o_end <= position and self._outside_quotes(o_start):
                found = Speaker(person.name, person)
        return found

    def after(self, end):
        """',” said Secretary Pompeo', ',” he said', ', afirmó el canciller', ', according to X'."""
        close = end + len(re.match(r"[\s,.]*[”\"»]?", self.text[end:]).group())
        line_end = next((e for s, e in self.lines if s <= close <= e), close)
        window_end = min(line_end, close + 120)
        window = self.folded[close:window_end]
        head = re.match(r"\s*,?\s*", window).end()
        verbs = find_phrases(window, self.speech)
        sources = find_phrases(window, cue_words("attribution_sources", None))
        if sources and sources[0].start() <= head:
            return self._named_after(close + sources[0].end(), window_end)
        if verbs and verbs[0].start() <= head:
            return self._named_after(close + verbs[0].end(), window_end)
        if verbs and verbs[0].start() < 60:
            subject = self.text[close + head : close + verbs[0].start()]
            if not re.match(
                r"\s*(?:while|and|but|as|when|whereas|although|mientras|y|pero)\b", subject, re.I
            ):
                return self._subject(subject, close + head, close)
        return None

    def _named_after(self, start, end):
        """The person, role noun or institution named right after an attribution verb."""
        stop = re.search(rf"(?<![{UPPER}])[.;:!?](?:\s|$)|,\s", self.text[start:end])
        end = start + stop.start() if stop else end
        phrase = self.text[start:end]
        if not phrase.strip():
            return self._last_person_before(start)
        if re.match(r"\s*(?:that|que|to|how|why|whether|si|the need|la necesidad)\b", phrase, re.I):
            return None  # ", emphasizing that ...": the sentence goes on, no speaker is named
        return (
            self._person_in(start, end)
            or self._role_noun(phrase, start)
            or self._institution(phrase)
            or self._by_nationality(phrase, start)
            or UNRESOLVED
        )

    def _subject(self, subject, position, quote_end):
        """Who a subject names: a person, "he"/"she", a role noun, an institution."""
        if re.fullmatch(rf"\s*{PRONOUNS}\s*", subject, re.I):
            return self._last_person_before(quote_end)
        if not subject.strip():
            return None
        return (
            self._person_in(position, position + len(subject))
            or self._role_noun(subject, position)
            or self._institution(subject)
            or self._by_nationality(subject, position)
        )

    def before(self, start):
        """A speech verb or a colon before the quote in its sentence, and the subject before it."""
        sentence_start = self._clause_start(start)
        window = self.folded[sentence_start:start]
        verbs = find_phrases(window, self.speech)
        if verbs:
            verb = verbs[-1]
            subject = self.text[sentence_start : sentence_start + verb.start()]
            speaker = self._person_in_last(sentence_start, sentence_start + verb.start())
            speaker = speaker or self._subject(_last_clause(subject), sentence_start, start)
            # Someone the reader cannot name said it: better no quote than another's.
            return speaker or (UNRESOLVED if subject.strip(' ,.;“”"«»') else None)
        if window.rstrip().endswith(":"):
            return self._subject(
                _last_clause(self.text[sentence_start:start].rstrip()[:-1]), sentence_start, start
            )
        return None

    def _person_in_last(self, start, end):
        # The subject, not the object of a preposition: "Bárcena shared a photo with Blinken".
        found = None
        for o_start, _, person in self.occurrences:
            if (
                start <= o_start < end
                and self._outside_quotes(o_start)
                and not self._governed(o_start)
            ):
                found = Speaker(person.name, person)
        return found

    def _governed(self, position):
        before = self.text[max(0, position - 60) : position]
        title = re.search(
            r"(?:\b(?:with|to|for|by|of|con|a|para|por|de|entre)\s+(?:the\s+|el\s+|la\s+)?[^,;.]{0,45})$",
            before,
        )
        return bool(title) and not re.search(r"[,;.]", title.group())

    def _clause_start(self, position):
        sentence = next(
            (s for s in self.sentences if s[0] <= position < s[1]), (position, position)
        )
        start = sentence[0]
        for _, q_end in self.quoted:
            if start <= q_end < position:
                start = q_end + 1
        return start

    def block(self, start, facts):
        """A quote opening its paragraph after a paragraph that ends with a colon."""
        line = next(((s, e) for s, e in self.lines if s <= start < e), None)
        index = self.lines.index(line) if line else 0
        if not line or index == 0 or self.text[line[0] : start].strip(' “"«'):
            return None
        previous = self.lines[index - 1]
        if not self.text[previous[0] : previous[1]].rstrip().endswith(":"):
            return None
        # '“Our security is linked,” said Secretary Pompeo:' -- the speaker of that line.
        said_there = [f for f in facts if previous[0] <= f.start < previous[1] and f.speaker]
        if said_there:
            return said_there[-1].speaker
        return (
            self.after(previous[1] - 1)
            or self.before(previous[1] - 1)
            or self._last_person_before(previous[1])
        )

    def context(self, start, facts):
        """The previous quote's speaker, when that quote is in this paragraph or the one before."""
        if not facts or facts[-1].speaker is None:
            return None
        line_index = next((i for i, (s, e) in enumerate(self.lines) if s <= start < e), None)
        previous_index = next(
            (i for i, (s, e) in enumerate(self.lines) if s <= facts[-1].start < e), None
        )
        if line_index is None or previous_index is None or line_index - previous_index > 1:
            return None
        return facts[-1].speaker

    def _role_noun(self, phrase, position):
        """ "the Chancellor", "el canciller", "the Secretary": the latest person so titled."""
        nouns = cue_words("role_nouns", None)
        found = find_phrases(fold(phrase), nouns)
        if not found:
            return None
        noun = found[0].group()
        foreign = {fold(t) for t in load_data("titles")["foreign_minister"]}
        # "la canciller mexicana": of that country only.
        codes = {code for _, _, code in self.nations.find_all(phrase)} if self.nations else set()
        candidates = []
        for o_start, _, person in self.occurrences:
            title = fold(person.title or "")
            matches = noun in title or (noun in foreign and any(f in title for f in foreign))
            if o_start < position and matches and (not codes or person.country in codes):
                candidates.append(person)
        return Speaker(candidates[-1].name, candidates[-1]) if candidates else None

    def _by_nationality(self, phrase, position):
        """ "the U.S. official", "el líder de la diplomacia estadounidense": the first-named
        person of that country, when the phrase names exactly one country."""
        codes = {code for _, _, code in self.nations.find_all(phrase)} if self.nations else set()
        if len(codes) != 1:
            return None
        code = codes.pop()
        for o_start, _, person in self.occurrences:
            if o_start < position and person.country == code and self._outside_quotes(o_start):
                return Speaker(person.name, person)
        return None

    def _institution(self, phrase):
        """ "Mexico's Ministry of Foreign Affairs", "U.S. Department of State", as written."""
        heads = "|".join(re.escape(h) for h in cue_words("organisations", "heads"))
        run = rf"(?:[{UPPER}][\w.'’]*|of|for|the|de|la|del|y|and)"
        runs = [m.group().strip() for m in re.finditer(rf"[{UPPER}][\w.'’]*(?:\s+{run})*", phrase)]
        named = [r for r in runs if re.search(rf"\b(?:{heads})\b", r)]
        if not named:
            return None
        return Speaker(re.sub(r"\s+(?:of|for|the|de|la|del|y|and)$", "", max(named, key=len)))


def _last_clause(subject):
    # The subject is what follows the last comma or conjunction before the verb.
    parts = re.split(r",\s+|\s+(?:and|y|while|mientras)\s+", subject.strip())
    return parts[-1] if parts else subject


def find_quotes(text, people, nations=None):
    """Every attributed quote, in the order of the text."""
    return Attributor(text, people, nations).run()
