"""A record's state as loads compare it: its fields by natural key, and a fingerprint of them."""

import hashlib
import json

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder

# Set by the database on every save, not by anyone's edit: not part of a record's state.
VOLATILE = {"created", "updated"}


def record_state(instance, m2m=None):
    """
    {"model", "fields"}: the instance as the python serializer gives it with natural keys,
    without volatile fields; many-to-many values as sorted natural keys, from `m2m` (field name
    → primary keys, as a deserialized fixture holds them) or else from the database.
    """
    opts = instance._meta
    plain = [f.name for f in opts.concrete_fields if not f.primary_key and f.name not in VOLATILE]
    (data,) = serializers.serialize(
        "python",
        [instance],
        fields=plain,
        use_natural_foreign_keys=True,
        use_natural_primary_keys=True,
    )
    fields = data["fields"]
    for field in opts.many_to_many:
        related = field.remote_field.model._default_manager
        pks = (m2m or {}).get(field.name)
        rows = (
            related.filter(pk__in=pks) if pks is not None else getattr(instance, field.name).all()
        )
        fields[field.name] = sorted(list(row.natural_key()) for row in rows)
    return {"model": opts.label_lower, "fields": canonical(fields)}


def canonical(value):
    """The value as JSON gives it back: dates as ISO strings, tuples as lists."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def fingerprint(state):
    text = json.dumps(state, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def natural_key_of(instance):
    """The instance's natural key as the JSON text LoadedRecord keeps."""
    return json.dumps(list(instance.natural_key()), cls=DjangoJSONEncoder, ensure_ascii=False)
