"""
Agreements and commitments, from cue phrases: "signed", "entered three agreements",
"memorandum of understanding", "joint declaration", "firmaron" make an agreement; "agreed to",
"committed to", "acordaron", "se comprometieron" a commitment. References to older agreements
("matters agreed upon by Presidents ...") are left out. "Three agreements on A, B, and C"
becomes three agreements.
"""

import re
from dataclasses import dataclass

from .text import cue_words, find_phrases, fold, sentences

COUNTS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
}
TITLE_WORDS = 12


@dataclass
class AgreementFact:
    title: str
    kind: str
    start: int
    end: int


def find_agreements(text):
    """Each agreement or commitment with the sentence it rests on."""
    folded = fold(text)
    found = []
    for start, end in sentences(text):
        cue = _best_cue(folded, start, end)
        if cue is None:
            continue
        kind, match = cue
        passage_start = _clause_start(text, start, match.start())
        if not _binds_both_sides(text, folded, kind, match, passage_start, end):
            continue
        items = _enumerated(text, folded, match.end(), end)
        if kind == "agreement":
            items = items or _documents(text, folded, match.end(), end)
        titles = items or [_title(text, match, end)]
        found += [AgreementFact(title, kind, passage_start, end) for title in titles if title]
    return found


def _best_cue(folded, start, end):
    excluded = find_phrases(folded, cue_words("agreement_cues", "not_agreements"), start, end)
    found = []
    for kind in ("agreement", "commitment"):
        for match in find_phrases(folded, cue_words("agreement_cues", kind), start, end):
            if not any(x.start() <= match.start() < x.end() for x in excluded):
                found.append((kind, match))
    if not found:
        return None
    # "entered three agreements" over "agreed to"; the first of the best kind.
    return min(found, key=lambda item: (item[0] != "agreement", item[1].start()))


# The subject of a commitment made by both sides: "the two", "Ministers", "X and Y".
PLURAL_SUBJECT = re.compile(
    r"\b(?:and|y|both|ambos|ambas|two|dos|they|ellos|leaders|ministers|ministros|ministras|"
    r"officials|funcionarios|sides|partes|countries|paises|governments|gobiernos|delegations|"
    r"delegaciones|cancilleres|presidents|presidentes|secretaries|secretarios|allies|parties)\b"
)
MODAL = re.compile(
    r"\b(?:must|should|will|would|shall|need to|needs to|deben|debe|deberan|deberia|se debe)\b"
)


def _binds_both_sides(text, folded, kind, match, subject_start, end):
    """Whether a cue is of something both sides did: "which was signed" speaks again of an
    agreement already named; "agreed that X is ..." states no commitment; "The Secretary ...
    committed to" is one side's pledge (but "se acordó", "it was agreed" are both sides')."""
    before = folded[max(0, match.start() - 25) : match.start()]
    if kind == "agreement":
        return not re.search(r"\b(?:which|that|que)\s+(?:was|were|fue|fueron|has been)\s+$", before)
    if re.match(r"agreed that|acordaron que", match.group()) and not MODAL.search(
        folded, match.end(), end
    ):
        return False
    impersonal = re.search(r"\b(?:se|it was|it has been)\s+$", before)
    # The subject opens the clause, or follows an opening phrase: "Looking ahead ..., the Prime
    # Minister and President Biden agreed".
    segments = [p for p in re.split(r",\s+", folded[subject_start : match.start()]) if p.strip()]
    subjects = [" ".join(p.split()[:6]) for p in segments[:1] + segments[-1:]]
    return bool(impersonal or any(PLURAL_SUBJECT.search(p) for p in subjects))


def _documents(text, folded, cue_end, end):
    """ "signed a Joint Declaration on Cooperation ... and a memorandum of understanding": one
    agreement per document named after the cue."""
    tail_end = cue_end + len(re.split(r"[;:]|\.\s|\.$", text[cue_end:end])[0])
    found = find_phrases(folded, cue_words("agreement_cues", "documents"), cue_end, tail_end)
    if len(found) < 2:
        return []
    titles = []
    for index, document in enumerate(found):
        stop = found[index + 1].start() if index + 1 < len(found) else tail_end
        piece = re.split(
            r",\s|\s+(?:and|y)\s+(?:an?|the|un|una|el|la)?\s*$", text[document.start() : stop]
        )[0]
        piece = re.sub(r"\s+(?:and|y)(?:\s+(?:an?|the|un|una|el|la))?\s*$", "", piece.strip(" ,"))
        titles.append(" ".join(piece.split()[:TITLE_WORDS]))
    return [t[:1].upper() + t[1:] for t in titles if t]


def _clause_start(text, sentence_start, cue_start):
    # From the subject of the cue: the last clause boundary before it, if any.
    head = text[sentence_start:cue_start]
    boundary = max(head.rfind(", and "), head.rfind("; "), head.rfind(", y "))
    subject = re.search(
        r"(?:^|,\s+)(?:the |los |las |la |el |both |ambos )",
        head[boundary + 1 :] if boundary >= 0 else "",
    )
    return sentence_start + boundary + 2 if boundary >= 0 and subject else sentence_start


def _title(text, match, end):
    """A short description: the words after the cue, up to a clause break."""
    rest = text[match.end() : end]
    rest = re.split(r"[;:]|,\s+(?:which|who|that|que|a joint|since|as)\b|\.\s|\.$", rest)[0]
    words = rest.split()[:TITLE_WORDS]
    cue = text[match.start() : match.end()]
    phrase = " ".join(words).strip(" ,.")
    if re.fullmatch(r"(?:to|that|on|a|an|the|el|la|los|las)?", phrase):
        return ""
    head = re.sub(
        r"^(?:agreed|agree|committed|commit|pledged|decided|resolved)\s+(?:to|on|that)\b", "", cue
    ).strip()
    text_title = f"{head} {phrase}".strip() if head else phrase
    text_title = re.sub(r"^(?:to|that|on)\s+", "", text_title)
    return text_title[:1].upper() + text_title[1:]


def _enumerated(text, folded, cue_end, end):
    """ "three agreements to continue cooperation on A, B, and C": the items, when they count up."""
    window = folded[max(0, cue_end - 40) : cue_end + 20]
    count = next((n for word, n in COUNTS.items() if re.search(rf"\b{word}\b", window)), None)
    if not count:
        return []
    tail = text[cue_end:end]
    listed = re.search(r"\b(?:on|in|for|sobre|en|de|en materia de)\s+(.+?)[.;]?$", tail)
    if not listed:
        return []
    items = [
        i.strip(" .")
        for i in re.split(r",\s*(?:and\s+|y\s+)?|\s+(?:and|y)\s+(?=[^,]*$)", listed.group(1))
    ]
    items = [i for i in items if i]
    if len(items) != count:
        return []
    noun = "Agreement on" if re.search(r"agreement", window) else "Acuerdo sobre"
    return [f"{noun} {item}" for item in items]
