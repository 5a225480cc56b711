"""
A draft as a list of proposals, one per fact, each with its kind, its fields and its passage
(offsets into the draft's source text), in the order an editor reviews them; and the text cut
into segments where proposals start and end, to highlight every proposed fact at its passage.
Pure functions: the database layer (``db``) stores and applies them.
"""

from dataclasses import dataclass, field

# The order of the review: the meeting's own facts, then people, words and outcomes.
KINDS = (
    "title",
    "date",
    "place",
    "participant",
    "delegation",
    "mention",
    "quote",
    "topic",
    "agreement",
)
PERSON = ("name", "slug", "country", "title")
FIELDS = {
    "title": ("title",),
    "date": ("date", "date_end", "date_precision", "date_inferred"),
    "place": ("city", "city_slug", "country"),
    "participant": (*PERSON, "role", "side_inferred"),
    "mention": (*PERSON, "note"),
    "delegation": ("country", "description"),
    "quote": ("speaker", "speaker_slug", "text", "attributed_by_context"),
    "topic": ("slug", "implied"),
    "agreement": ("title", "kind"),
}
LISTS = {
    "participant": "participants",
    "mention": "mentions",
    "delegation": "delegations",
    "quote": "quotes",
    "agreement": "agreements",
}


@dataclass
class Proposed:
    kind: str
    payload: dict
    start: int | None = None
    end: int | None = None


def proposals(result):
    """Every fact of a Draft as a Proposed, in review order."""
    found = []
    for kind in KINDS:
        found += _meeting_fact(result, kind) if kind in ("title", "date", "place") else []
        for fact in _facts(result, kind):
            payload = {key: fact.get(key) for key in FIELDS[kind]}
            found.append(Proposed(kind, payload, fact.get("start"), fact.get("end")))
    return found


def _facts(result, kind):
    if kind == "topic":
        return result.topics
    return getattr(result, LISTS[kind]) if kind in LISTS else []


def _meeting_fact(result, kind):
    payload = {key: getattr(result, key) for key in FIELDS[kind]}
    if kind == "date" and result.date_precision == "unknown":
        return []
    if kind == "place" and not (result.city or result.country):
        return []
    if kind == "title" and not result.title:
        return []
    where = result.passages.get(kind) or {}
    return [Proposed(kind, payload, where.get("start"), where.get("end"))]


@dataclass
class Segment:
    text: str
    kinds: list = field(default_factory=list)
    # The proposals whose passage starts here (their anchors) and all that cover it.
    starting: list = field(default_factory=list)
    covering: list = field(default_factory=list)


def segments(text, spans):
    """
    The text cut at every passage's start and end: spans are (id, kind, start, end); each
    segment lists the kinds and ids covering it and the ids whose passage starts there.
    """
    spans = [s for s in spans if s[2] is not None and 0 <= s[2] <= s[3] <= len(text)]
    cuts = sorted({0, len(text), *(s[2] for s in spans), *(s[3] for s in spans)})
    result = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in spans if s[2] <= start and end <= s[3]]
        result.append(
            Segment(
                text=text[start:end],
                kinds=sorted({s[1] for s in covering}),
                starting=[s[0] for s in spans if s[2] == start],
                covering=[s[0] for s in covering],
            )
        )
    # A passage of no length still gets its anchor, before the segment that follows it.
    for ident, _kind, start, end in spans:
        if start == end == len(text):
            result.append(Segment(text="", starting=[ident]))
    return result
