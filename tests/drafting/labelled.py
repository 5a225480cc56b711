"""What the labelled sets (devset2, testset) share: their files, their date forms, their codes."""

import json
import re

import pycountry

ITEM_KEYS = {
    "participants": {"name", "country", "title", "role", "passage"},
    "delegations": {"country", "description", "passage"},
    "mentions": {"name", "country", "note", "passage"},
    "quotes": {"speaker", "text", "attributed_by_context"},
    "agreements": {"title", "kind", "passage"},
}

# The ISO form each date precision takes; an unknown date has none.
DATE_FORMS = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "year": re.compile(r"\d{4}"),
}


def names(folder):
    """The labelled releases of `folder`: each a .txt and its .json labels."""
    return sorted(path.stem for path in folder.glob("*.json"))


def load(folder, name):
    """(text, labels) of one release."""
    text = (folder / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    return text, gold


def is_country(code):
    return isinstance(code, str) and pycountry.countries.get(alpha_2=code) is not None
