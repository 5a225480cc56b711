"""
draft(): a pasted press release in, a draft meeting out. Every proposed fact carries the
start and end offsets of its passage in `source_text` (the release reduced to text), so that
an editor sees it highlighted and checks it before publishing.
"""

import datetime
import re
from dataclasses import asdict, dataclass, field

from .agreements import find_agreements
from .dates import DateFact, find_date, published_from_text
from .delegations import find_delegations
from .known import KnownWorld, title_on
from .nations import nations
from .participation import Classifier, roles
from .people import find_people
from .places import find_place
from .quotes import find_quotes
from .text import (
    UPPER,
    containing,
    cue_words,
    detect_language,
    find_phrases,
    fold,
    html_to_text,
    looks_like_html,
    sentences,
    spans_of_lines,
)
from .topics import find_topics

TITLE_WORDS = 14
DATELINE = re.compile(
    rf"(?:[^.;:\n(]{{0,60}}?(?:\([^)\n]{{0,40}}\))?(?:\.\s*[-–—]|\s[-–—]\s)|[{UPPER}][{UPPER} .,]{{2,40}}:)\s*"
)
ABBREVIATED_END = re.compile(r"\b(?:[A-Z][a-z]{1,4}|[A-Z](?:\.[A-Z])+)\.$")


@dataclass
class Draft:
    source_text: str
    language: str
    title: str = ""
    date: str | None = None
    date_end: str | None = None
    date_precision: str = "unknown"
    date_inferred: bool = False
    city: str | None = None
    country: str | None = None
    city_slug: str | None = None
    participants: list = field(default_factory=list)
    delegations: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    agreements: list = field(default_factory=list)
    # Where the title, date and place come from: {"title": {"start", "end", "passage"}, ...}
    passages: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    published: str | None = None

    def to_json(self):
        """The draft in the shape of the project's export, passages and offsets included."""
        data = asdict(self)
        data["topics"] = [topic["slug"] for topic in self.topics]
        data["topic_passages"] = [t for t in self.topics if t.get("start") is not None]
        return data


def passage(source, start, end, **fields):
    """A fact's fields with its passage: the verbatim text and its offsets."""
    return {**fields, "passage": source[start:end], "start": start, "end": end}


def find_title(text):
    """The headline (a short line before the body that is not page furniture), with offsets."""
    for start, end in spans_of_lines(text):
        line = text[start:end]
        words = line.split()
        sentence_end = line.rstrip().endswith((".", "”", '"')) and not ABBREVIATED_END.search(line)
        if len(words) >= 12 and sentence_end:
            break
        dated = re.fullmatch(r"[\w\s,.]*\d{4}[\w\s,.]*", line) and len(words) <= 6
        # A headline may end in an abbreviation ("... - State Dept."), not in a sentence's stop.
        stop = line.endswith(":") or (line.endswith(".") and not ABBREVIATED_END.search(line))
        if 4 <= len(words) <= 20 and not _furniture(line) and not dated and not stop:
            return line.strip(), start, end
    return _first_sentence_title(text)


def _furniture(line):
    """A site's name ("UrduPoint.com"), navigation, a line of links: no headline."""
    site = re.search(r"\b\w+\.(?:com|org|net|news|info|gov|gob)\b", line)
    return bool("|" in line or site or find_phrases(fold(line), cue_words("boilerplate", None)))


def _first_sentence_title(text):
    """The first clause of the first sentence that is not page furniture, its dateline left out
    ("Washington.- ", "Ciudad de México, 2 de junio (Agencia).– ", "WASHINGTON: ")."""
    for start, end in sentences(text):
        dateline = DATELINE.match(text[start:end])
        if dateline:
            start += dateline.end()
        clause = re.split(r",\s|;\s|:\s", text[start:end])[0]
        if len(clause.split()) <= 2 or _furniture(text[start:end]):
            continue
        title = " ".join(clause.split()[:TITLE_WORDS]).rstrip(" .")
        return title, start, start + len(title)
    return "", None, None


def draft(text, *, published=None, publisher="", language=None, known=None):
    """The draft meeting a release proposes. HTML is reduced to text first."""
    known = known or KnownWorld()
    source = html_to_text(text) if looks_like_html(text) else text
    language = language or detect_language(source)
    world = nations(known.country_table())
    result = Draft(source_text=source, language=language)
    _add_title(result)
    published = _add_date(result, published)
    publisher_country = world.publisher_country(publisher)
    people = find_people(source, known.officials, world, publisher_country)
    classifier = Classifier(source, people)
    verdicts = [(person, classifier.classify(person)) for person in people]
    # The place is read where the participants are named, not where the mentioned people are.
    spans = [
        (o.start, o.end) for p, v in verdicts if v.kind == "participant" for o in p.occurrences
    ]
    _add_place(result, known, world, spans)
    _add_people(result, verdicts, source, publisher_country)
    _add_quotes(result, source, people, world)
    masked = [
        (o.title_start, o.start) for p in people for o in p.occurrences if o.title_start is not None
    ]
    for topic in find_topics(source, known.topic_vocabulary(), masked):
        fields = {"slug": topic.slug, "implied": topic.implied}
        result.topics.append(
            passage(source, topic.start, topic.end, **fields) if topic.start is not None else fields
        )
    for item in find_agreements(source):
        result.agreements.append(
            passage(source, item.start, item.end, title=item.title, kind=item.kind)
        )
    for group in find_delegations(source, world, people):
        start, end = containing(sentences(source), group.start) or (group.start, group.end)
        result.delegations.append(
            passage(source, start, end, country=group.country, description=group.description)
        )
    return result


def _add_title(result):
    title, start, end = find_title(result.source_text)
    result.title = title
    if start is not None:
        result.passages["title"] = passage(result.source_text, start, end)


def _add_date(result, published):
    text = result.source_text
    if published is None:
        from_text = published_from_text(text, result.language)
        if from_text:
            published = from_text.date
            result.notes.append(
                f"Publication date read from the page's date line: {published.isoformat()}."
            )
    result.published = published.isoformat() if published else None
    fact = find_date(text, result.language, published)
    result.date, result.date_end = fact.iso(fact.date), fact.iso(fact.date_end)
    result.date_precision, result.date_inferred = fact.precision, fact.inferred
    if fact.start is not None:
        result.passages["date"] = passage(text, fact.start, fact.end)
    if fact.note:
        result.notes.append(fact.note)
    return published


def _add_place(result, known, world, people_spans):
    place = find_place(result.source_text, known.cities, world.table, people_spans)
    result.city, result.country, result.city_slug = place.city, place.country, place.city_slug
    if place.start is not None:
        result.passages["place"] = passage(result.source_text, place.start, place.end)


def _meeting_day(result):
    if result.date and result.date_precision == "day":
        return datetime.date.fromisoformat(result.date)
    return None


def _add_people(result, verdicts, text, publisher_country=None):
    inferred = set()
    participants = [p for p, v in verdicts if v.kind == "participant"]
    fallback = _fallback_side(result, publisher_country)
    for person in participants:
        if person.country is None and fallback:
            person.country = fallback
            inferred.add(person.key)
    role_of = roles(text, [(p, v) for p, v in verdicts if v.kind == "participant"])
    spans = sentences(text)
    for person, verdict in verdicts:
        occurrence = verdict.occurrence
        start, end = containing(spans, occurrence.start) or (occurrence.start, occurrence.end)
        title = person.title or title_on(person.known_titles, _meeting_day(result))
        fields = {
            "name": person.name,
            "slug": person.slug,
            "country": person.country,
            "title": title,
        }
        if verdict.kind == "mention":
            fields["note"] = f'named with "{verdict.cue}"'
            result.mentions.append(passage(text, start, end, **fields))
        else:
            fields.update(role=role_of[person.key], side_inferred=person.key in inferred)
            result.participants.append(passage(text, start, end, **fields))


def _fallback_side(result, publisher_country):
    """The side of a participant whose nationality the text does not give, said inferred: the
    publisher's country, else the host country -- but not at a summit, whose venue says nothing
    of anyone's side."""
    if publisher_country:
        return publisher_country
    multilateral = find_phrases(fold(result.source_text), cue_words("multilateral", None))
    return None if multilateral else result.country


def _add_quotes(result, text, people, world):
    for quote in find_quotes(text, people, world):
        person = quote.speaker.person
        fields = {
            "speaker": quote.speaker.name,
            "speaker_slug": person.slug if person else None,
            "text": quote.text,
            "attributed_by_context": quote.attributed_by_context,
        }
        result.quotes.append(passage(text, quote.start, quote.end, **fields))


__all__ = ["Draft", "DateFact", "KnownWorld", "draft", "html_to_text"]
