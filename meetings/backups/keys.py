"""
Each model's natural key, as the fields that make it: what `natural_key()` returns, read
from a row's values rather than from an instance, so that a backup names tens of thousands
of rows without loading them as objects. A field that is a foreign key stands for the
natural key of the row it points at, flattened into this one (a position's key is its
official's slug, its agency's slug, its title and its start). `tests/test_backup.py` checks
every recipe against `natural_key()`.
"""

NATURAL_KEYS = {
    "meetings.country": ("code",),
    "meetings.city": ("slug",),
    "meetings.agency": ("slug",),
    "meetings.agencyalias": ("agency", "name"),
    "meetings.loadedrecord": ("origin", "model", "key"),
    "meetings.loadconflict": ("origin", "model", "key", "fingerprint"),
    "meetings.official": ("slug",),
    "meetings.officialalias": ("official", "name"),
    "meetings.position": ("official", "agency", "title", "start"),
    "meetings.topic": ("slug",),
    "meetings.source": ("slug",),
    "meetings.meeting": ("slug",),
    "meetings.externalrecord": ("scheme", "record_id"),
    "meetings.officialidentifier": ("scheme", "value"),
    "meetings.mergecandidate": ("official", "candidate"),
    "meetings.participation": ("meeting", "official"),
    "meetings.delegation": ("meeting", "side"),
    "meetings.mention": ("meeting", "official"),
    "meetings.agreement": ("meeting", "title"),
    "meetings.quote": ("meeting", "number"),
}


def key_fields(model):
    """The names of the fields that make the model's natural key (KeyError: none known)."""
    return NATURAL_KEYS[model._meta.label_lower]


def flatten(values):
    """A natural key from its parts: a part that is itself a key (a list) is spread out."""
    key = []
    for value in values:
        if isinstance(value, list | tuple):
            key.extend(value)
        else:
            key.append(value)
    return tuple(key)
