"""
The knowledge base as natural-key records, read table by table, in constant memory.

Each table is read once, in primary-key order, with a server-side cursor (PostgreSQL) or in
chunks (SQLite); its many-to-many links are read side by side in the same order. A row
that points at another is written with that row's natural key, found in a map of the model
pointed at (primary key to natural key), built once, the first time it is needed. The
records are those `dumpdata --natural-foreign --natural-primary` writes, field for field.
"""

from collections import Counter
from contextlib import contextmanager
from types import SimpleNamespace

from django.apps import apps
from django.core import serializers
from django.db import connections, transaction
from django.utils.encoding import is_protected_type

from ..models.history import is_history
from .jsonstream import datetime_text, write_array
from .keys import flatten, key_fields
from .rows import AS_GIVEN

APP_LABEL = "meetings"
CHUNK = 2000


# A draft's proposals are the reader's working state over its source, whose text the backup
# keeps: what an editor accepted is in the records themselves, and pg_dump keeps the rest.
WORKING_STATE = {"proposal"}


def knowledge_models():
    """
    The app's models but its history tables: versions name the editors who made them, and
    like the admin's log they are not part of the knowledge (pg_dump keeps them); nor are
    drafts' pending proposals (WORKING_STATE) or the summary rows (derived).
    """
    return [
        model
        for model in apps.get_app_config(APP_LABEL).get_models()
        if not is_history(model)
        and model._meta.model_name not in WORKING_STATE
        and not getattr(model, "derived", False)  # the summary rows, recounted by the database
    ]


def dump_order():
    """The models with what they point at first, as dumpdata orders them."""
    config = apps.get_app_config(APP_LABEL)
    return serializers.sort_dependencies([(config, knowledge_models())], allow_cycles=True)


def model_counts(using):
    """{"meetings.meeting": 5, ...} for every model of the knowledge base."""
    return {
        model._meta.label_lower: model._base_manager.using(using).count()
        for model in knowledge_models()
    }


@contextmanager
def snapshot(using):
    """
    Within: one consistent view of every table, while editors go on working (REPEATABLE
    READ on PostgreSQL when this starts the transaction; SQLite's are serializable).
    """
    connection = connections[using]
    starts = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if starts and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


class OutsideKeys(dict):
    """Natural keys of another app's rows (the editor who settled a conflict), one at a time."""

    def __init__(self, model, using):
        super().__init__()
        self.manager = model._base_manager.using(using)

    def __missing__(self, pk):
        self[pk] = key = tuple(self.manager.get(pk=pk).natural_key())
        return key


class KeyMaps:
    """Primary key to natural key, one map per model pointed at, each built once."""

    def __init__(self, using):
        self.using = using
        self.maps = {}

    def map(self, model):
        """{primary key: natural key} of the model's rows."""
        if model not in self.maps:
            self.maps[model] = self.build(model)
        return self.maps[model]

    def key(self, model, pk):
        return self.map(model)[pk]

    def build(self, model):
        if model._meta.app_label != APP_LABEL:
            return OutsideKeys(model, self.using)
        fields = [model._meta.get_field(name) for name in key_fields(model)]
        related = [field.related_model if field.is_relation else None for field in fields]
        rows = model._base_manager.using(self.using).values_list(
            "pk", *(field.attname for field in fields)
        )
        return {
            pk: flatten(
                self.key(target, value) if target and value is not None else value
                for target, value in zip(related, values, strict=True)
            )
            for pk, *values in rows.iterator(chunk_size=CHUNK)
        }


def plain(field):
    """A column's value as Django's serializers write it (None: as it is read)."""
    kind = field.get_internal_type()
    if kind in AS_GIVEN:
        return None
    if kind == "DateField":
        return lambda value: value if value is None else value.isoformat()
    if kind == "DateTimeField":
        return lambda value: value if value is None else datetime_text(value)

    def convert(value):
        if is_protected_type(value) or isinstance(value, str | dict | list):
            return value
        return field.value_to_string(SimpleNamespace(**{field.attname: value}))

    return convert


def pointer(field, keys):
    """A foreign key's value: the natural key of the row it points at."""
    target = field.related_model
    if not hasattr(target, "natural_key"):
        return plain(field)
    mapping = keys.map(target)
    if isinstance(mapping, OutsideKeys):
        return lambda value: None if value is None else mapping[value]
    return mapping.get  # None for None


class Links:
    """A many-to-many field's links, read in the order of the rows that hold them."""

    def __init__(self, field, using, keys):
        through = field.remote_field.through
        source = through._meta.get_field(field.m2m_field_name()).attname
        target = through._meta.get_field(field.m2m_reverse_field_name())
        self.name = field.name
        self.convert = pointer(target, keys)
        rows = through._base_manager.using(using).order_by(source, "pk")
        self.rows = rows.values_list(source, target.attname).iterator(chunk_size=CHUNK)
        self.head = next(self.rows, None)

    def take(self, pk):
        """The natural keys this row links to (rows are asked for in increasing order)."""
        values = []
        while self.head is not None and self.head[0] <= pk:
            if self.head[0] == pk:
                values.append(self.convert(self.head[1]))
            self.head = next(self.rows, None)
        return values


def model_records(model, using, keys):
    """The model's rows as records, in primary-key order, as dumpdata writes them."""
    meta = model._meta
    label, with_pk = meta.label_lower, not hasattr(model, "natural_key")
    fields = [field for field in meta.local_fields if field.serialize]
    converters = [
        (field.name, pointer(field, keys) if field.is_relation else plain(field))
        for field in fields
    ]
    many = [
        Links(field, using, keys)
        for field in meta.local_many_to_many
        if field.serialize and field.remote_field.through._meta.auto_created
    ]
    rows = model._base_manager.using(using).order_by("pk")
    rows = rows.values_list("pk", *(field.attname for field in fields))
    for pk, *values in rows.iterator(chunk_size=CHUNK):
        record = {"model": label, "pk": pk} if with_pk else {"model": label}
        record["fields"] = {
            name: value if convert is None else convert(value)
            for (name, convert), value in zip(converters, values, strict=True)
        }
        for links in many:
            record["fields"][links.name] = links.take(pk)
        yield record


def dump(stream, using):
    """Write every record of the knowledge base to `stream`; the number of each kind."""
    keys, counts = KeyMaps(using), Counter()

    def records():
        for model in dump_order():
            for record in model_records(model, using, keys):
                counts[record["model"]] += 1
                yield record

    write_array(stream, records())
    return counts
