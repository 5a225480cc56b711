"""
The fixtures loaded additively: each object created when missing, updated when nobody edited
it since the last load, kept when an editor changed or deleted it, and listed as a conflict
when both the fixture and the database changed.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist

from ..models.curation import LoadConflict, LoadedRecord
from .state import fingerprint, natural_key_of, record_state

ORIGIN = "fixtures"


@dataclass
class Outcome:
    """What a load did, counted by outcome and by model."""

    counts: Counter = field(default_factory=Counter)

    def add(self, label, outcome):
        self.counts[outcome] += 1
        self.counts[(label, outcome)] += 1

    def totals(self):
        return {key: n for key, n in self.counts.items() if isinstance(key, str)}


def fixture_path(name):
    """A fixture by name ("meetings") or path, looked for in FIXTURE_DIRS."""
    path = Path(name)
    if path.suffix != ".json":
        path = path.with_suffix(".json")
    if path.exists():
        return path
    for folder in settings.FIXTURE_DIRS:
        if (Path(folder) / path).exists():
            return Path(folder) / path
    raise FileNotFoundError(f"No fixture named {name!r} in {settings.FIXTURE_DIRS}.")


def load_fixtures(names, origin=ORIGIN):
    """Load the named fixtures in order, additively. Returns the Outcome."""
    outcome = Outcome()
    records = {(r.model, r.key): r for r in LoadedRecord.objects.filter(origin=origin)}
    deferred = []
    for name in names:
        items = json.loads(fixture_path(name).read_text(encoding="utf-8"))
        for item in items:
            loaded = load_item(item, records, origin)
            outcome.add(item["model"], loaded.result)
            if loaded.deferred:
                deferred.append(loaded.deferred)
    for obj in deferred:  # references to objects that came later in the fixtures
        obj.save_deferred_fields()
    return outcome


@dataclass
class Loaded:
    result: str
    deferred: object = None


def load_item(item, records, origin):
    """Decide for one fixture object (see the module docstring) and do it."""
    try:
        (incoming_obj,) = serializers.deserialize("python", [item], handle_forward_references=True)
        key = natural_key_of(incoming_obj.object)
    except ObjectDoesNotExist:  # what it belongs to (a meeting...) was deleted by an editor
        return Loaded("kept deleted")
    instance = incoming_obj.object
    label = instance._meta.label_lower
    record = records.get((label, key))
    incoming = record_state(instance, m2m=incoming_obj.m2m_data)
    existing = (
        instance._meta.default_manager.filter(pk=instance.pk).first() if instance.pk else None
    )
    if existing is None:
        if record is not None:
            return Loaded("kept deleted")  # loaded before, deleted since by an editor
        return Loaded("created", save(incoming_obj, incoming, record, origin, label, key))
    current = record_state(existing)
    if current == incoming:
        remember(record, incoming, origin, label, key)
        return Loaded("unchanged")
    if record is not None and record.fingerprint == fingerprint(current):
        return Loaded("updated", save(incoming_obj, incoming, record, origin, label, key))
    if record is not None and record.fingerprint == fingerprint(incoming):
        return Loaded("kept edit")  # the fixture is as last loaded; the edit stands
    list_conflict(origin, label, key, incoming, current)
    return Loaded("conflict")


def save(incoming_obj, incoming, record, origin, label, key):
    incoming_obj.save()
    remember(record, incoming, origin, label, key)
    return incoming_obj if incoming_obj.deferred_fields else None


def remember(record, state, origin, label, key):
    """Keep the fingerprint of what the database now holds as loaded."""
    value = fingerprint(state)
    if record is None:
        LoadedRecord.objects.create(origin=origin, model=label, key=key, fingerprint=value)
    elif record.fingerprint != value:
        record.fingerprint = value
        record.save(update_fields=["fingerprint"])


def list_conflict(origin, label, key, incoming, current):
    LoadConflict.objects.get_or_create(
        origin=origin,
        model=label,
        key=key,
        fingerprint=fingerprint(incoming),
        defaults={"incoming": incoming, "current": current},
    )
