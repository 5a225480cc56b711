"""Text helpers shared by models, search and the database functions they register."""

import unicodedata

from slugify import slugify

SLUG_MAX = 80  # long enough for a meeting's title, short enough for a link


def unaccent(value):
    """Strip diacritics: "Peña Nieto" -> "Pena Nieto", "Álvarez" -> "Alvarez"."""
    if value is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(value))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize_name(value):
    """The form names are compared in: no accents, case-folded, single spaces."""
    return " ".join(unaccent(value).casefold().split())


# Characters a pasted passage may spell differently from its source: typographic quotes and
# dashes, and any run of whitespace.
EQUIVALENT = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)


class PassageNotFound(ValueError):
    """A passage that is not in the text; `missing` is where the mismatch starts."""

    def __init__(self, missing):
        super().__init__(missing)
        self.missing = missing


def comparable(text):
    """
    (the text with typographic quotes and dashes made plain and whitespace runs made one
    space, the offset in `text` of each of its characters).
    """
    chars, offsets = [], []
    for offset, char in enumerate(text.translate(EQUIVALENT)):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        offsets.append(offset)
    return "".join(chars), offsets


def find_passage(text, passage):
    """
    (start, end) of `passage` in `text`, comparing quotes, dashes and whitespace loosely:
    text[start:end] is the passage as the text writes it. PassageNotFound names the first
    words of the passage that are not found (after the longest part that is).
    """
    haystack, offsets = comparable(text)
    needle = comparable(passage)[0].strip()
    at = haystack.find(needle) if needle else -1
    if at >= 0:
        return offsets[at], offsets[at + len(needle) - 1] + 1
    words = needle.split(" ")
    found = 0
    while found < len(words) and " ".join(words[: found + 1]) in haystack:
        found += 1
    raise PassageNotFound(" ".join(words[found : found + 6]))


def make_slug(text, max_length=SLUG_MAX):
    """
    A slug for a name or title: transliterated ("Peña" → "pena"), every kind of dash a
    hyphen ("X–Y relations" → "x-y-relations"), cut at a word within `max_length`.
    """
    return slugify(text, max_length=max_length, word_boundary=True)
