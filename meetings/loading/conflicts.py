"""
A load's conflict settled by an editor: keep the current record, or take the incoming one.
Either way the record's load fingerprint becomes the incoming version's, so the next load
of the same version leaves the record alone and lists nothing.
"""

import json

from django.apps import apps
from django.core import serializers
from django.db import transaction
from django.utils import timezone

# history.state.gov's records keep their own kind of conflict: a record is a meeting and its people.
from ..importers.historian.db import conflicts as historian
from ..models.curation import LoadedRecord
from ..models.history import has_history, record_baseline, record_version
from .state import fingerprint, record_state

KEPT = "kept current"
TAKEN = "took incoming"


def target(conflict):
    """The record the conflict is about, as the database holds it now, or None."""
    model = apps.get_model(conflict.model)
    try:
        return model._default_manager.get_by_natural_key(*json.loads(conflict.key))
    except model.DoesNotExist:
        return None


def current_state(conflict):
    """The record's state now (as loads compare it), or what it was when listed if gone."""
    if conflict.origin == historian.ORIGIN:
        return historian.current_of(conflict.current.get("meeting_id"))
    record = target(conflict)
    return record_state(record) if record is not None else conflict.current


@transaction.atomic
def keep_current(conflict, user):
    if conflict.origin == historian.ORIGIN:
        historian.keep_current(conflict)
    else:
        remember(conflict, conflict.fingerprint)
    resolve(conflict, user, KEPT)


@transaction.atomic
def take_incoming(conflict, user):
    """Apply the incoming version through the serializer, as the load would have."""
    if conflict.origin == historian.ORIGIN:
        record = historian.take_incoming(conflict)
        resolve(conflict, user, TAKEN)
        return record
    existing = target(conflict)
    model = apps.get_model(conflict.model)
    if existing is not None and has_history(model):
        record_baseline(model, existing.pk)
    (incoming,) = serializers.deserialize("python", [merged_with_current(conflict, existing)])
    incoming.save()
    record = incoming.object
    if has_history(model):
        del record.skip_history_when_saving  # a raw save writes no history: this one does
        reason = f"Took the incoming version from {conflict.origin}"
        record_version(record, "~" if existing else "+", reason=reason, user=user)
    remember(conflict, fingerprint(record_state(record)))
    resolve(conflict, user, TAKEN)
    return record


def merged_with_current(conflict, existing):
    """
    The incoming fields over the record's own serialization: what the incoming version
    leaves out (when it was created, updated) stays as it is.
    """
    if existing is None:
        return {"model": conflict.model, "fields": dict(conflict.incoming["fields"])}
    (data,) = serializers.serialize(
        "python", [existing], use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
    data["fields"].update(conflict.incoming["fields"])
    return data


def remember(conflict, value):
    LoadedRecord.objects.update_or_create(
        origin=conflict.origin,
        model=conflict.model,
        key=conflict.key,
        defaults={"fingerprint": value},
    )


def resolve(conflict, user, resolution):
    conflict.resolved = timezone.now()
    conflict.resolved_by = user
    conflict.resolution = resolution
    conflict.save(update_fields=["resolved", "resolved_by", "resolution"])
