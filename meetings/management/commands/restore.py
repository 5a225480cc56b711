"""
Load a backup written by `backup` into this database, all or nothing.

    python manage.py restore backups/bilateral.json.gz              # into an empty knowledge base
    python manage.py restore backups/bilateral.json.gz --replace    # delete what is there first
    python manage.py restore backups/bilateral.json.gz --dry-run    # check the file, change nothing

The database must be migrated first (`manage.py migrate`). Without --replace, restore refuses
a database that already holds meetings, officials or any other record, rather than mixing two
knowledge bases. Everything happens in one transaction: the old records are deleted, the
backup is loaded, and the number of records of each kind is checked against the file. If any
step fails, nothing has changed.
"""

import bz2
import gzip
import json
import lzma
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, transaction

from meetings.models.history import history_paused

from .backup import APP_LABEL, check_backup_name, model_counts

OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}


def read_backup(path):
    """The backup's records, as the list of dicts the JSON holds."""
    opener = OPENERS.get(Path(path).suffix, open)
    try:
        with opener(path, "rt", encoding="utf-8") as stream:
            records = json.load(stream)
    except (OSError, EOFError, ValueError) as error:
        raise CommandError(f"{path} cannot be read as a backup: {error}") from error
    if not isinstance(records, list) or not all(
        isinstance(record, dict) and "model" in record for record in records
    ):
        raise CommandError(f"{path} is not a backup: expected a JSON list of records.")
    return records


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


class Command(BaseCommand):
    help = "Load a backup written by the backup command, in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="A file written by backup (.json, .json.gz, ...).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the records already in the database, then load the backup.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do everything, then roll back: checks the backup loads, changes nothing.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to load.")

    def handle(
        self, backup, *args, replace=False, dry_run=False, database=DEFAULT_DB_ALIAS, **options
    ):
        path = Path(backup).resolve()
        check_backup_name(path)
        if not path.is_file():
            raise CommandError(f"{backup}: no such file.")
        expected = Counter(record["model"].lower() for record in read_backup(path))
        unknown = sorted(label for label in expected if not label.startswith(f"{APP_LABEL}."))
        if unknown:
            raise CommandError(f"{backup} holds records restore does not load: {unknown}.")

        # Loaded as it was backed up, raw: no history, and the old records deleted fast.
        with transaction.atomic(using=database), history_paused():
            existing = sum(model_counts(database).values())
            if existing and not replace:
                raise CommandError(
                    f"The database already holds {existing} records. Restore into an empty "
                    "database, or add --replace to delete them and load the backup instead."
                )
            if existing:
                delete_knowledge_base(database)
            try:
                call_command("loaddata", str(path), database=database, verbosity=0)
            except Exception as error:
                raise CommandError(
                    f"{backup} could not be loaded, nothing changed: {error}"
                ) from error

            counts = model_counts(database)
            wrong = {
                label: (expected.get(label, 0), count)
                for label, count in counts.items()
                if count != expected.get(label, 0)
            }
            if wrong:
                details = ", ".join(
                    f"{label}: {want} in the backup, {got} loaded"
                    for label, (want, got) in wrong.items()
                )
                raise CommandError(f"{backup} did not load whole, nothing changed ({details}).")
            if dry_run:
                transaction.set_rollback(True)

        total = sum(expected.values())
        if options.get("verbosity", 1) > 0:
            verb = "Would restore" if dry_run else "Restored"
            replaced = f", replacing {existing}" if existing else ""
            self.stdout.write(f"{verb} {total} records from {backup}{replaced}.")
