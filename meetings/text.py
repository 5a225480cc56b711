"""Text helpers shared by models, search and the database functions they register."""

import unicodedata


def unaccent(value):
    """Strip diacritics: "Peña Nieto" -> "Pena Nieto", "Álvarez" -> "Alvarez"."""
    if value is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(value))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize_name(value):
    """The form names are compared in: no accents, case-folded, single spaces."""
    return " ".join(unaccent(value).casefold().split())
