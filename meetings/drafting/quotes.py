"""
Quotes and who said them, verbatim, without their quotation marks.

A quote's speaker comes, in this order, from the words after it (",” said Secretary Pompeo",
",” he said", ", afirmó el canciller", ", according to the U.S. Department of State"), from a
speech verb or a colon before it in its sentence ("Osorio Chong insisted that "..."",
"the Chancellor said: "...""), from a colon ending the paragraph before a block quote, and
last from context: a quote with no attribution right after another speaker's quote is that
speaker's, marked attributed_by_context.
"""

import functools
import re
from dataclasses import dataclass

from .text import UPPER, cue_words, find_phrases, fold, load_data, sentences, spans_of_lines

QUOTED = re.compile(
    r"“([^“”\n]+)(?:”|(?=\n)|$)|\"([^\"\n]+)\"|«([^«»\n]+)»"
    # ‘Single quotes’ and 'straight ones', apostrophes ("Russia’s") within them.
    r"|(?<!\w)‘((?:[^‘’\n]|’(?=\w))+)’(?!\w)|(?<![\w'])'((?:[^'\n]|'(?=\w))+)'(?![\w'])"
    # A paragraph opened by a straight quote that the line never closes.
    r"|(?<!\S)\"(?=[A-Z¿¡])([^\"\n]+)(?=\n|$)"
)
GROUPS = (1, 2, 3, 4, 5, 6)
# "SECRETARY BLINKEN: Good morning ..." -- a transcript's speaker label.
LABEL = re.compile(r"(?m)^(?P<label>(?:[A-Z][A-Z.'’-]+[ \t]+){0,3}[A-Z][A-Z'’-]+):[ \t]+(?=\S)")
# Words that open a phrase that is no subject: "aseguró tras la conversación", "En esos
# encuentros, agregó, ...": the speaker is the one the text was speaking of.
NO_SUBJECT = re.compile(
    r"\s*(?:tras|después|durante|en|ante|al|a|después de|after|during|in|at|on|following|"
    r"later|later on|then|luego|también|also|además)\b",
    re.I,
)
MIN_WORDS = 4
PRONOUNS = r"(?:he|she|they|él|ella)"
# Role nouns a foreign minister also answers to.
GENERIC_NOUNS = {"minister", "ministro", "ministra", "secretary", "secretario", "secretaria"}
# A document that speaks for its issuer: "asegura el comunicado", "the statement said".
DOCUMENTS = r"comunicado|nota de prensa|nota|declaración|statement|communiqué|readout|press release"


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
        group = next(g for g in GROUPS if match.group(g) is not None)
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
        labelled = self.labelled()
        blocks = [(f.start, f.end) for f in labelled]
        self.quoted = [
            q for q in find_quoted(self.text) if not any(s <= q[0] < e for s, e in blocks)
        ]
        facts = []
        for start, end in self.quoted:
            fact = QuoteFact(self.text[start:end], start, end)
            fact.speaker = self.after(end) or self.before(start) or self.block(start, facts)
            if fact.speaker is None:
                fact.speaker = self.context(start, facts)
                fact.attributed_by_context = fact.speaker is not None
            facts.append(fact)
        # An attribution the reader could not resolve is no quote to propose.
        facts = [fact for fact in facts if fact.speaker and fact.speaker is not UNRESOLVED]
        return sorted(facts + labelled, key=lambda fact: fact.start)

    def labelled(self):
        """A transcript's paragraphs under a speaker label ("SECRETARY BLINKEN: ..."), each a
        quote of the person the label names; labels of no one found ("QUESTION:") are left out."""
        labels = list(LABEL.finditer(self.text))
        facts = []
        for index, label in enumerate(labels):
            surname = fold(label.group("label").split()[-1])
            person = next((p for p in self.people if surname in p.tokens()), None)
            if person is None:
                continue
            block_end = labels[index + 1].start() if index + 1 < len(labels) else len(self.text)
            for start, end in spans_of_lines(self.text):
                start = max(start, label.end())
                if (
                    label.end() <= end <= block_end
                    and len(self.text[start:end].split()) >= MIN_WORDS
                ):
                    speaker = Speaker(person.name, person)
                    facts.append(QuoteFact(self.text[start:end], start, end, speaker))
        return facts

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

    def _antecedent(self, position):
        """Whom "he"/"she" or an omitted subject refers to: the subject of the sentence before the
        position, else of the nearest earlier sentence that has one."""
        earlier = [s for s in self.sentences if s[0] < position]
        for start, end in reversed(earlier[-4:]):
            subject = self._sentence_subject(start, min(end, position))
            if subject:
                return subject
        return None

    def _sentence_subject(self, start, end):
        # "La Canciller colombiana empezó ...": a role noun opening the sentence.
        opening = re.match(r"\s*(?:the|el|la)\s+\S+(?:\s+\S+)?", self.text[start:end], re.I)
        if opening and find_phrases(fold(opening.group()), cue_words("role_nouns", None)):
            found = self._role_noun(opening.group(), start, prefer_subject=False)
            if found:
                return found
        for o_start, _, person in self.occurrences:
            ungoverned = self._outside_quotes(o_start) and not self._governed(o_start)
            if start <= o_start < end and ungoverned:
                return Speaker(person.name, person)
        return None

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
            or self._institution(phrase, start)
            or self._by_nationality(phrase, start)
            or (self._antecedent(start) if NO_SUBJECT.match(phrase) else None)
            or UNRESOLVED
        )

    def _subject(self, subject, position, quote_end):
        """Who a subject names: a person, "he"/"she", a role noun, an institution."""
        if re.fullmatch(rf"\s*{PRONOUNS}\s*", subject, re.I):
            return self._antecedent(quote_end) or self._last_person_before(quote_end)
        if not subject.strip():
            return None
        return (
            self._person_in(position, position + len(subject))
            or self._role_noun(subject, position)
            or self._institution(subject, position)
            or self._by_nationality(subject, position)
            or (self._antecedent(position) if NO_SUBJECT.match(subject) else None)
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

    def _role_noun(self, phrase, position, prefer_subject=True):
        """ "the Chancellor", "el canciller", "la Ministra": the person so titled whom the sentence
        before speaks of, else the latest so titled. A foreign minister answers to "minister" or
        "secretary" too."""
        found = find_phrases(fold(phrase), cue_words("role_nouns", None))
        if not found:
            return None
        noun = found[0].group()
        foreign = {fold(t) for t in load_data("titles")["foreign_minister"]}
        generic = noun in GENERIC_NOUNS
        # "la canciller mexicana": of that country only.
        codes = {code for _, _, code in self.nations.find_all(phrase)} if self.nations else set()
        candidates = []
        for o_start, _, person in self.occurrences:
            title = fold(person.title or "")
            is_foreign = any(f in title for f in foreign)
            matches = noun in title or ((noun in foreign or generic) and is_foreign)
            if o_start < position and matches and (not codes or person.country in codes):
                candidates.append(person)
        if not candidates:
            return None
        subject = self._antecedent(position) if prefer_subject else None
        if subject and subject.person in candidates:
            return subject
        return Speaker(candidates[-1].name, candidates[-1])

    def _by_nationality(self, phrase, position):
        """ "the U.S. official", "el líder de la diplomacia estadounidense": the first-named
        person of that country, when the phrase names exactly one country."""
        codes = {code for _, _, code in self.nations.find_all(phrase)} if self.nations else set()
        if len(codes) != 1 or not find_phrases(fold(phrase), cue_words("person_nouns", None)):
            return None
        code = codes.pop()
        for o_start, _, person in self.occurrences:
            if o_start < position and person.country == code and self._outside_quotes(o_start):
                return Speaker(person.name, person)
        return None

    def _institution(self, phrase, position=None):
        """ "Mexico's Ministry of Foreign Affairs", "la Cancillería peruana", "el ministerio de
        Relaciones Exteriores", as written; "the communiqué" is its issuer's, the last
        institution named before."""
        named = institution_in(phrase)
        if named:
            return Speaker(named)
        document = re.match(rf"\s*(?:the|el|la)\s+(?:{DOCUMENTS})\b", phrase, re.I)
        if document and position is not None:
            issuers = [institution_in(self.text[s:e]) for s, e in self.sentences if s < position]
            words = "|".join(re.escape(w) for w in cue_words("organisations", "issuers"))
            issuers = [i for i in issuers if i and re.search(rf"\b(?:{words})\b", i, re.I)]
            return Speaker(issuers[-1]) if issuers else None
        return None


def institution_in(phrase):
    """The longest institution a phrase names, as written, or None."""
    heads = "|".join(re.escape(h) for h in cue_words("organisations", "heads"))
    lower = "|".join(re.escape(h.lower()) for h in cue_words("organisations", "heads"))
    run = rf"(?:[{UPPER}][\w.'’]*|of|for|the|de|la|del|y|and)"
    # A nationality after the name: "la Cancillería peruana".
    adjective = rf"(?:\s+(?:{_adjectives()}))?"
    starts = rf"[{UPPER}][\w.'’]*|\b(?:{lower})\b(?=\s+(?:de|del|of)\s+[{UPPER}])"
    runs = [
        m.group().strip() for m in re.finditer(rf"(?:{starts})(?:\s+{run})*{adjective}", phrase)
    ]
    named = [r for r in runs if re.search(rf"\b(?:{heads})\b", r, re.I)]
    if not named:
        return None
    return re.sub(r"\s+(?:of|for|the|de|la|del|y|and)$", "", max(named, key=len))


@functools.cache
def _adjectives():
    countries = load_data("countries")["countries"].values()
    adjectives = {a for entry in countries for a in entry["adjectives"] if a.islower()}
    return "|".join(re.escape(a) for a in sorted(adjectives, key=len, reverse=True))


def _last_clause(subject):
    # The subject is what follows the last comma or conjunction before the verb; after a bare
    # conjunction ("he said, and stated that ...") it is the clause before's.
    parts = [p for p in re.split(r",\s+|\s+(?:and|y|while|mientras)\s+", subject.strip()) if p]
    if parts and re.fullmatch(r"(?:and|y|e|but|pero)", parts[-1], re.I):
        parts.pop()
        if parts and re.match(rf"{PRONOUNS}\b", parts[-1], re.I):
            return re.match(rf"{PRONOUNS}\b", parts[-1], re.I).group()
    return parts[-1] if parts else subject


def find_quotes(text, people, nations=None):
    """Every attributed quote, in the order of the text."""
    return Attributor(text, people, nations).run()
