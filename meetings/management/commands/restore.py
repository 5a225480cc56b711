"""
Load a backup written by `backup` into this database, all or nothing.

    python manage.py restore backups/bilateral.json.gz              # into an empty knowledge base
    python manage.py restore backups/bilateral.json.gz --replace    # delete what is there first
    python manage.py restore backups/bilateral.json.gz --dry-run    # check the file, change nothing

The database must be migrated first (`manage.py migrate`). Without --replace, restore refuses
a database that already holds meetings, officials or any other record, rather than mixing two
knowledge bases. Everything happens in one transaction: the old records are deleted, the
backup is streamed in with bulk inserts (meetings/backups/), and the number of records of
each kind is checked against the file. If any step fails, nothing has changed. Backups
written by older versions (indented, by dumpdata) load as well.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from meetings.backups.files import check_backup_name
from meetings.backups.restoring import NotEmpty, RestoreError, restore


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
        try:
            done = restore(path, database, replace=replace, dry_run=dry_run)
        except NotEmpty as error:
            raise CommandError(
                f"{error} Restore into an empty database, or add --replace to delete them "
                "and load the backup instead."
            ) from error
        except RestoreError as error:
            raise CommandError(str(error)) from error
        if options.get("verbosity", 1) > 0:
            verb = "Would restore" if dry_run else "Restored"
            replaced = f", replacing {done.existing}" if done.existing else ""
            self.stdout.write(f"{verb} {done.counts.total()} records from {backup}{replaced}.")
        if options.get("verbosity", 1) > 1:
            phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in done.seconds.items())
            self.stdout.write(f"Seconds by phase: {phases}.")
