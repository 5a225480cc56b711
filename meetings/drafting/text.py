"""
Text helpers for the release reader: HTML to text, a folded copy of the text whose offsets are
the original's, paragraphs and sentences as offset spans, whole-word phrase search, language.

Every other module finds facts in the folded copy and reports offsets into the original text,
which is what an editor sees highlighted.
"""

import functools
import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

QUOTE_OPEN = '“«"'
QUOTE_CLOSE = '”»"'
UPPER = "A-ZÁÉÍÓÚÑÜÀÈÌÒÙÇÂÊÎÔÛÄËÏÖ"
LOWER = "a-záéíóúñüàèìòùçâêîôûäëïößø"

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "u.s",
    "d.c",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sr",
    "sra",
    "lic",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "st",
    "gen",
    "no",
    "vs",
    "amb",
    "sen",
    "rep",
    "gov",
    "hon",
    "u.k",
    "u.n",
    "ee.uu",
    "e.u",
    "mtro",
    "mtra",
    "dra",
    "adm",
    "approx",
    "inc",
}


@functools.cache
def load_data(name):
    """One of the package's vocabulary files, parsed once."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


@functools.cache
def fold_char(char):
    """One character without accents, lower case: one character in, one out."""
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
    )
    lowered = (stripped or char).lower()
    return lowered[0] if lowered else char


@functools.lru_cache(maxsize=64)
def fold(text):
    """The text without accents and in lower case, each character where it was."""
    return "".join(fold_char(char) for char in text)


def normalize(value):
    """A name or phrase as compared: folded, punctuation to spaces, single spaces."""
    folded = fold(value or "").replace("’", "'")
    return " ".join(re.sub(r"[^\w']+", " ", folded).split())


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML page, one line per block element, scripts left out."""

    BLOCKS = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "figcaption",
        "title",
        "ul",
        "ol",
        "table",
    }
    SKIPPED = {"script", "style", "noscript", "template", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def looks_like_html(text):
    return bool(re.search(r"<(p|div|br|html|body|span|h[1-6]|a)\b[^>]*>", text or "", re.I))


def html_to_text(html):
    """The readable text of an HTML page: blocks on their own lines, blank lines collapsed."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    text = "\n\n".join(line for line in lines if line)
    return text


def spans_of_lines(text):
    """(start, end) of each non-blank line, without its surrounding spaces."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if line.strip():
            start = match.start() + len(line) - len(line.lstrip())
            spans.append((start, match.end() - (len(line) - len(line.rstrip()))))
    return spans


_SENTENCE_END = re.compile(r"[.!?;]+[”\"»’)]*(?=\s+[“\"«(]?[" + UPPER + r"0-9¿¡])")


def sentences(text):
    """(start, end) of each sentence: split at full stops inside each line, abbreviations kept."""
    spans = []
    for line_start, line_end in spans_of_lines(text):
        start = line_start
        for match in _SENTENCE_END.finditer(text, line_start, line_end):
            if match.group().startswith(".") and _is_abbreviation(text, match.start()):
                continue
            spans.append((start, match.end()))
            start = _skip_spaces(text, match.end())
        if start < line_end:
            spans.append((start, line_end))
    return _join_broken_lines(text, spans)


def _join_broken_lines(text, spans):
    # A line that starts in lower case continues the sentence of the line before it.
    joined = []
    for start, end in spans:
        if joined and text[start].islower() and "\n\n" not in text[joined[-1][1] : start]:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _is_abbreviation(text, dot):
    word = re.search(r"([\w.]+)$", text[max(0, dot - 12) : dot])
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    return token in ABBREVIATIONS or bool(re.fullmatch(r"[a-z]", token))


def _skip_spaces(text, index):
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def containing(spans, position):
    """The span that contains a position (the last one starting before it)."""
    found = None
    for start, end in spans:
        if start <= position < end or (start <= position and position == end):
            found = (start, end)
        if start > position:
            break
    return found


@functools.cache
def phrase_pattern(phrases):
    """One regex for whole-word matches of any of the phrases, longest first, on folded text."""
    folded = sorted({fold(phrase) for phrase in phrases if phrase}, key=len, reverse=True)
    # A phrase ending in punctuation ("then-") may run into the next word.
    body = "|".join(
        re.escape(phrase).replace(r"\ ", r"\s+") + (r"(?![\w])" if phrase[-1:].isalnum() else "")
        for phrase in folded
    )
    return re.compile(r"(?<![\w])(?:" + body + r")")


def find_phrases(folded_text, phrases, start=0, end=None):
    """Every whole-word match of the phrases in the folded text, as regex matches."""
    if not phrases:
        return []
    pattern = phrase_pattern(tuple(sorted(phrases)))
    return list(pattern.finditer(folded_text, start, len(folded_text) if end is None else end))


# A Spanish verb in the future tense, by its accent: "sesionará", "se reunirá", "viajarán".
SPANISH_FUTURE = re.compile(r"\b\w{2,}rán?\b")


def in_future_clause(text, sentence, position):
    """Whether a future cue ("will", "next", "próxima", "sesionará") governs a position of its
    sentence: one before it, or one after it in the same clause. "The MoU, which was signed on
    Monday, will focus on ..." is past; "the next meeting will be held in Washington" is not."""
    start, end = sentence
    folded = fold(text)
    cues = find_phrases(folded, cue_words("future_cues", None), start, end)
    cues += list(SPANISH_FUTURE.finditer(text, start, end))
    for match in cues:
        if match.start() < position or not re.search(r"[,;]", folded[position : match.start()]):
            return True
    return False


def cue_words(group, key, language=None):
    """A cue list from cues.json, for one language or both."""
    entry = load_data("cues")[group][key] if key else load_data("cues")[group]
    if isinstance(entry, list):
        return tuple(entry)
    if language in entry:
        return tuple(entry[language])
    return tuple(entry.get("en", [])) + tuple(entry.get("es", []))


_ENGLISH = {"the", "and", "of", "to", "in", "with", "on", "was", "were", "for", "their", "said"}
_SPANISH = {"el", "los", "las", "del", "y", "en", "con", "que", "por", "para", "su", "se", "una"}


def detect_language(text):
    """'es' or 'en' from the commonest short words; English when it cannot tell."""
    words = re.findall(r"[a-záéíóúñ]+", (text or "").lower())
    english = sum(word in _ENGLISH for word in words)
    spanish = sum(word in _SPANISH for word in words)
    return "es" if spanish > english else "en"
