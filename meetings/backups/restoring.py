"""
A backup loaded into this database in one transaction: all of it, or nothing.

The old records are deleted (with --replace), the backup streamed in (load.Loader), the
count of every kind of record checked against what was read, and the search built once;
no history is written, and the data version changes. Any failure rolls it all back.
"""

import json
import lzma
import time
from collections import Counter
from contextlib import contextmanager

from django.apps import apps
from django.core import serializers
from django.db import DatabaseError, connections, transaction

from ..models.history import history_paused
from ..project.dbguard import command_bound
from .constraints import foreign_keys_checked_at_the_end
from .dump import APP_LABEL, knowledge_models, model_counts
from .files import open_backup
from .jsonstream import ArrayReader, NotAList
from .load import Loader, LoadError
from .rows import room_for_indexes
from .triggers import search_built_at_the_end

UNREADABLE = (OSError, EOFError, UnicodeDecodeError, lzma.LZMAError, json.JSONDecodeError)


class RestoreError(Exception):
    """Why the backup was not restored; the database is as it was."""


class NotEmpty(RestoreError):
    def __init__(self, existing):
        self.existing = existing
        super().__init__(f"The database already holds {existing} records.")


def delete_knowledge_base(using):
    """
    Delete every record of the meetings app, dependents before what they point at, their
    history included: the new records get ids of their own.
    """
    app_config = apps.get_app_config(APP_LABEL)
    ordered = serializers.sort_dependencies([(app_config, None)], allow_cycles=True)
    for model in reversed(ordered):
        manager = model._base_manager.using(using)
        # A parent agency or topic is protected while its children exist: detach them first.
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is model and field.null:
                manager.exclude(**{f"{field.name}__isnull": True}).update(**{field.name: None})
        manager.all().delete()


def check_counts(loaded, using):
    """Every record read is in the database, once."""
    wrong = {
        label: (loaded.get(label, 0), count)
        for label, count in model_counts(using).items()
        if count != loaded.get(label, 0)
    }
    if wrong:
        details = ", ".join(
            f"{label}: {want} in the backup, {got} loaded" for label, (want, got) in wrong.items()
        )
        raise LoadError(f"it did not load whole ({details})")


@contextmanager
def read_errors(path):
    """Within: an error of reading the file becomes a RestoreError that says so."""
    try:
        yield
    except NotAList as error:
        raise RestoreError(f"{path} cannot be read as a backup: {error}.") from error
    except UNREADABLE as error:
        raise RestoreError(f"{path} cannot be read as a backup: {error}") from error


def check_start(path):
    """The file begins as a backup does: checked before any record is deleted."""
    with read_errors(path), open_backup(path) as stream:
        next(iter(ArrayReader(stream)), None)


def load_file(path, using):
    """The backup's records loaded; their counts by model."""
    try:
        with read_errors(path), open_backup(path) as stream:
            return Loader(using).load(ArrayReader(stream))
    except (LoadError, DatabaseError) as error:
        raise RestoreError(f"{path} could not be loaded, nothing changed: {error}") from error


class Restored:
    """What a restore did: records by model, how many it replaced, seconds by phase."""

    def __init__(self):
        self.counts, self.existing, self.seconds = Counter(), 0, {}
        self.started = self.lap = time.monotonic()

    def phase(self, name):
        now = time.monotonic()
        self.seconds[name], self.lap = now - self.lap, now


def restore(path, using, replace=False, dry_run=False):
    """
    Load the backup at `path` (a Restored). Refuses (NotEmpty) a database that holds
    records unless `replace`; `dry_run` rolls back.
    """
    check_start(path)
    connection, done = connections[using], Restored()
    try:
        with transaction.atomic(using=using), command_bound(using):
            replace_records(path, using, replace, done)
            if dry_run:
                transaction.set_rollback(True)
        done.phase("commit")
    except DatabaseError as error:
        raise RestoreError(f"{path} could not be loaded, nothing changed: {error}") from error
    if not dry_run:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # the planner needs statistics after a bulk load
        done.phase("analyze")
    return done


def replace_records(path, using, replace, done):
    """The records in the database replaced by the backup's, in the caller's transaction."""
    connection = connections[using]
    with (
        history_paused(),
        room_for_indexes(connection),
        foreign_keys_checked_at_the_end(connection, knowledge_models()),
        search_built_at_the_end(connection),
    ):
        done.existing = sum(model_counts(using).values())
        if done.existing and not replace:
            raise NotEmpty(done.existing)
        if done.existing:
            delete_knowledge_base(using)
        done.phase("delete")
        done.counts = load_file(path, using)
        done.phase("load")
        try:
            check_counts(done.counts, using)
        except LoadError as error:
            raise RestoreError(f"{path} {error}, nothing changed.") from error
    done.phase("checks and search")
