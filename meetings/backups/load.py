"""
Records inserted with bulk_create, a batch at a time, as they are read.

Natural keys become primary keys through one map per model pointed at (natural key to
primary key), filled as that model's rows are inserted: the backup writes what a row
points at before the row, so every key is known when it is needed, but a model's own
earlier or later rows (a parent agency, the meeting a session is part of), which are
linked once the model's rows are all in. Rows of other apps (the editor who settled a
conflict) are looked up by natural key, once each. A record that names a row the backup
and the database do not hold stops the load (LoadError); the caller's transaction then
leaves the database as it was.
"""

from collections import Counter, defaultdict
from contextlib import contextmanager

from django.core.exceptions import ObjectDoesNotExist, ValidationError

from ..synthetic.store import batch_size
from .dump import APP_LABEL, knowledge_models
from .keys import flatten, key_fields


class LoadError(Exception):
    """The backup cannot be loaded as it is: a record names what does not exist."""


@contextmanager
def timestamps_as_given(models):
    """Within: auto_now and auto_now_add fields keep the values given (as loaddata's raw saves)."""
    fields = [f for m in models for f in m._meta.concrete_fields if hasattr(f, "auto_now")]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def pointed_at(models):
    """The models that rows of `models` point at, by foreign key or many-to-many."""
    return {
        field.related_model
        for model in models
        for field in model._meta.get_fields()
        if field.concrete and (field.many_to_one or field.many_to_many)
    }


class OutsideIds(dict):
    """Primary keys of another app's rows by natural key, looked up once each."""

    def __init__(self, model, using):
        super().__init__()
        self.model, self.manager = model, model._default_manager.db_manager(using)

    def __missing__(self, key):
        try:
            self[key] = pk = self.manager.get_by_natural_key(*key).pk
        except ObjectDoesNotExist:
            raise LoadError(f"no {self.model._meta.verbose_name} {list(key)}") from None
        return pk


class Plan:
    """How one model's records become rows: its fields, by name, and its links."""

    def __init__(self, model):
        meta = model._meta
        self.model, self.label = model, meta.label_lower
        self.concrete = meta.concrete_fields
        self.position = {field.name: i for i, field in enumerate(self.concrete)}
        self.pk_index = self.position[meta.pk.name]
        self.many = {
            field.name: Link(field)
            for field in meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        }
        self.batch = batch_size(model)

    def index(self, name):
        try:
            return self.position[name]
        except KeyError:
            raise LoadError(f"{self.label} has no field {name!r}") from None


class Link:
    """A many-to-many field's link table: the row's column and the column it points at."""

    def __init__(self, field):
        self.through = field.remote_field.through
        self.source = self.through._meta.get_field(field.m2m_field_name()).attname
        self.target = self.through._meta.get_field(field.m2m_reverse_field_name())
        self.batch = batch_size(self.through)


MISSING = object()


class Loader:
    """Loads records into the database `using`, in the order given; counts them by model."""

    def __init__(self, using):
        self.using = using
        self.models = {model._meta.label_lower: model for model in knowledge_models()}
        self.plans = {}
        self.ids = {}
        self.own = []  # (model, field, pk, key): links to the model's own rows, set at the end
        self.counts = Counter()
        self.pointed = pointed_at(self.models.values())

    def load(self, records):
        plan, batch = None, []
        for record in records:
            next_plan = self.plan_of(record)
            if batch and (next_plan is not plan or len(batch) >= plan.batch):
                self.insert(plan, batch)
                batch = []
            plan = next_plan
            batch.append(record)
        if batch:
            self.insert(plan, batch)
        self.link_own_rows()
        return self.counts

    def plan_of(self, record):
        if not (
            isinstance(record, dict)
            and isinstance(record.get("model"), str)
            and isinstance(record.get("fields"), dict)
        ):
            raise LoadError(
                f'expected a record {{"model": ..., "fields": {{...}}}}, not {record!r:.200}'
            )
        label = record["model"].lower()
        if label not in self.plans:
            if label not in self.models:
                raise LoadError(f"it holds records restore does not load: {label}")
            self.plans[label] = Plan(self.models[label])
        return self.plans[label]

    def ids_of(self, model):
        """Natural key to primary key, for the rows of `model` loaded (or of another app)."""
        if model not in self.ids:
            outside = model._meta.app_label != APP_LABEL
            self.ids[model] = OutsideIds(model, self.using) if outside else {}
        return self.ids[model]

    def insert(self, plan, batch):
        built = [self.build(plan, record) for record in batch]
        objects = [obj for obj, _, _ in built]
        plan.model._base_manager.using(self.using).bulk_create(objects, batch_size=plan.batch)
        self.counts[plan.label] += len(objects)
        if plan.model in self.pointed:
            ids = self.ids_of(plan.model)
            for record, obj in zip(batch, objects, strict=True):
                ids[key_of(plan, record)] = obj.pk
        for obj, _, own in built:
            self.own.extend((plan.model, field, obj.pk, key) for field, key in own)
        self.insert_links(plan, built)

    def build(self, plan, record):
        """The record as an unsaved instance, its many-to-many values, its own-model links."""
        args, many, own = [MISSING] * len(plan.concrete), {}, []
        try:
            for name, value in record["fields"].items():
                if name in plan.many:
                    many[name] = value
                    continue
                i = plan.index(name)
                field = plan.concrete[i]
                args[i] = (
                    self.pointer(plan, field, value, own)
                    if field.is_relation
                    else field.to_python(value)
                )
            if "pk" in record:
                args[plan.pk_index] = plan.concrete[plan.pk_index].to_python(record["pk"])
        except ValidationError as error:
            raise LoadError(f"{plan.label} {record['fields']!r:.200}: {error}") from error
        for i, value in enumerate(args):
            if value is MISSING:
                args[i] = None if i == plan.pk_index else plan.concrete[i].get_default()
        return plan.model(*args), many, own

    def pointer(self, plan, field, value, own):
        """The primary key a foreign key's value names (a natural key or a primary key)."""
        if value is None:
            return None
        if not isinstance(value, list):
            return field.target_field.to_python(value)
        ids = self.ids_of(field.related_model)
        if isinstance(ids, OutsideIds) or tuple(value) in ids:
            return ids[tuple(value)]
        if own is not None and field.related_model is plan.model and field.null:
            own.append((field, tuple(value)))
            return None
        raise LoadError(f"{plan.label}: its {field.name} names {value}, which is not in the backup")

    def insert_links(self, plan, built):
        rows = defaultdict(list)
        for obj, many, _ in built:
            for name, values in many.items():
                link = plan.many[name]
                if not isinstance(values, list):
                    raise LoadError(f"{plan.label}: {name} must be a list, not {values!r:.100}")
                for value in values:
                    target = self.pointer(plan, link.target, value, own=None)
                    rows[link].append(
                        link.through(**{link.source: obj.pk, link.target.attname: target})
                    )
        for link, objects in rows.items():
            link.through._base_manager.using(self.using).bulk_create(objects, batch_size=link.batch)

    def link_own_rows(self):
        """Rows that point at rows of their own model: set once all those are in."""
        groups = defaultdict(list)
        for model, field, pk, key in self.own:
            target = self.ids_of(model).get(key)
            if target is None:
                label = model._meta.label_lower
                raise LoadError(f"{label}: its {field.name} names {list(key)}, not in the backup")
            groups[model, field.attname, target].append(pk)
        for (model, attname, target), pks in groups.items():
            model._base_manager.using(self.using).filter(pk__in=pks).update(**{attname: target})


def key_of(plan, record):
    """The natural key of a record, from its fields (as they are written in backups)."""
    try:
        names = key_fields(plan.model)
        return flatten(record["fields"][name] for name in names)
    except KeyError as error:
        raise LoadError(f"{plan.label} {record['fields']!r:.200}: no natural key") from error
