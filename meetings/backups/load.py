"""
Records inserted a batch at a time, as they are read, many rows a statement.

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

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import connections

from ..synthetic.store import batch_size
from .dump import APP_LABEL, knowledge_models
from .keys import flatten, key_fields
from .rows import column_value, first_free_id, reset_sequences
from .writer import RowWriter


class LoadError(Exception):
    """The backup cannot be loaded as it is: a record names what does not exist."""


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

    def __init__(self, model, using, before_query):
        super().__init__()
        self.model, self.manager = model, model._default_manager.db_manager(using)
        self.before_query = before_query

    def __missing__(self, key):
        self.before_query()
        try:
            self[key] = pk = self.manager.get_by_natural_key(*key).pk
        except ObjectDoesNotExist:
            raise LoadError(f"no {self.model._meta.verbose_name} {list(key)}") from None
        return pk


class Plan:
    """How one model's records become rows: its columns, its fields by name, its links."""

    def __init__(self, model, connection):
        meta = model._meta
        self.model, self.label, self.table = model, meta.label_lower, meta.db_table
        self.concrete = meta.concrete_fields
        self.columns = [field.column for field in self.concrete]
        self.prepare = [column_value(field, connection) for field in self.concrete]
        self.pk_index = self.concrete.index(meta.pk)
        self.many = {
            field.name: Link(field)
            for field in meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        }
        self.batch = batch_size(model)
        self.next_id = first_free_id(connection, model)

        # name: (column, field, how its value is prepared: None for a foreign key)
        self.handlers = {
            field.name: (i, field, None if field.is_relation else self.prepare[i])
            for i, field in enumerate(self.concrete)
        }
        self.handlers.update((name, (None, None, None)) for name in self.many)

    def handler(self, name):
        try:
            return self.handlers[name]
        except KeyError:
            raise LoadError(f"{self.label} has no field {name!r}") from None

    def take_id(self, record):
        """The record's primary key: the one it gives, or the next free one."""
        pk = self.next_id
        if "pk" in record:
            pk = self.concrete[self.pk_index].to_python(record["pk"])
        self.next_id = max(self.next_id, pk + 1)
        return pk


class Link:
    """A many-to-many field's link table: the row's column and the column it points at."""

    def __init__(self, field):
        self.through = field.remote_field.through
        self.table = self.through._meta.db_table
        source = self.through._meta.get_field(field.m2m_field_name())
        self.target = self.through._meta.get_field(field.m2m_reverse_field_name())
        self.columns = [source.column, self.target.column]


MISSING = object()


class Loader:
    """Loads records into the database `using`, in the order given; counts them by model."""

    def __init__(self, using):
        self.connection = connections[using]
        self.models = {model._meta.label_lower: model for model in knowledge_models()}
        self.pointed = pointed_at(self.models.values())
        self.plans, self.ids, self.counts = {}, {}, Counter()
        self.own = []  # (model, field, pk, key): links to the model's own rows, set at the end

    def load(self, records):
        self.writer = RowWriter(self.connection)
        try:
            self.load_rows(records)
            self.writer.wait()
        finally:
            self.writer.close()
        self.link_own_rows()
        reset_sequences(self.connection, [plan.model for plan in self.plans.values()])
        return self.counts

    def load_rows(self, records):
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
            self.writer.wait()  # a plan reads its table: what was given to it is written
            self.plans[label] = Plan(self.models[label], self.connection)
        return self.plans[label]

    def ids_of(self, model):
        """Natural key to primary key, for the rows of `model` loaded (or of another app)."""
        if model not in self.ids:
            outside = model._meta.app_label != APP_LABEL
            self.ids[model] = (
                OutsideIds(model, self.connection.alias, self.writer.wait) if outside else {}
            )
        return self.ids[model]

    def insert(self, plan, batch):
        built = [self.build(plan, record) for record in batch]
        rows = [values for values, _, _ in built]
        self.writer.insert(plan.table, plan.columns, rows)
        self.counts[plan.label] += len(rows)
        if plan.model in self.pointed:
            ids = self.ids_of(plan.model)
            for record, values in zip(batch, rows, strict=True):
                ids[key_of(plan, record)] = values[plan.pk_index]
        for values, _, own in built:
            pk = values[plan.pk_index]
            self.own.extend((plan.model, field, pk, key) for field, key in own)
        self.insert_links(plan, built)

    def build(self, plan, record):
        """The record's row (its values, column by column), many-to-many values, own links."""
        values, many, own = [MISSING] * len(plan.concrete), {}, []
        try:
            for name, value in record["fields"].items():
                i, field, prepare = plan.handler(name)
                if field is None:
                    many[name] = value
                elif prepare is None:
                    values[i] = self.pointer(plan, field, value, own)
                else:
                    values[i] = prepare(value)
            values[plan.pk_index] = plan.take_id(record)
        except (ValidationError, TypeError, ValueError) as error:
            raise LoadError(f"{plan.label} {record['fields']!r:.200}: {error}") from error
        if MISSING in values:
            for i, value in enumerate(values):
                if value is MISSING:
                    default = plan.concrete[i].get_default()
                    values[i] = plan.concrete[i].get_db_prep_save(default, self.connection)
        return values, many, own

    def pointer(self, plan, field, value, own):
        """The primary key a foreign key's value names (a natural key or a primary key)."""
        if value.__class__ is list:
            pk = self.ids_of(field.related_model).get(key := tuple(value))
            if pk is not None:
                return pk
        elif value is None:
            return None
        else:
            return field.target_field.to_python(value)
        if field.related_model._meta.app_label != APP_LABEL:
            return self.ids_of(field.related_model)[key]  # looked up, or a LoadError
        if own is not None and field.related_model is plan.model and field.null:
            own.append((field, key))
            return None
        raise LoadError(f"{plan.label}: its {field.name} names {value}, which is not in the backup")

    def insert_links(self, plan, built):
        rows = defaultdict(list)
        for values, many, _ in built:
            for name, targets in many.items():
                link = plan.many[name]
                if not isinstance(targets, list):
                    raise LoadError(f"{plan.label}: {name} must be a list, not {targets!r:.100}")
                pk = values[plan.pk_index]
                for target in targets:
                    rows[link].append((pk, self.pointer(plan, link.target, target, own=None)))
        for link, pairs in rows.items():
            self.writer.insert(link.table, link.columns, pairs)

    def link_own_rows(self):
        """Rows that point at rows of their own model: set once all those are in."""
        groups = defaultdict(list)
        for model, field, pk, key in self.own:
            target = self.ids_of(model).get(key)
            if target is None:
                label = model._meta.label_lower
                raise LoadError(f"{label}: its {field.name} names {list(key)}, not in the backup")
            groups[model, field.attname, target].append(pk)
        manager = lambda model: model._base_manager.using(self.connection.alias)  # noqa: E731
        for (model, attname, target), pks in groups.items():
            manager(model).filter(pk__in=pks).update(**{attname: target})


def key_of(plan, record):
    """The natural key of a record, from its fields (as they are written in backups)."""
    try:
        names = key_fields(plan.model)
        return flatten(record["fields"][name] for name in names)
    except KeyError as error:
        raise LoadError(f"{plan.label} {record['fields']!r:.200}: no natural key") from error
