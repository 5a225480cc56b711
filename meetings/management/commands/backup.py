"""
Write the whole knowledge base to a portable backup: Django's JSON fixture format with
natural keys (slugs, codes, names instead of database ids), so `restore` loads it into any
database Bilateral runs on, SQLite or PostgreSQL, old or new.

    python manage.py backup                                  # to standard output
    python manage.py backup -o backups/bilateral.json.gz     # .json, .json.gz, .json.bz2, .json.xz

Everything in the meetings app is written (meetings, participations, delegations, mentions,
agreements, quotes, sources, officials, positions, agencies, topics, places). User accounts,
sessions, the admin's change log and the records' history are not knowledge and are not
included: `pg_dump` (see
the README) keeps those too. The rows are read in one transaction, so the backup is a
consistent snapshot even while editors work. A file is written under a temporary name and
renamed when complete, so a failed backup never leaves a truncated file behind.
"""

import os
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from meetings.models.history import is_history

APP_LABEL = "meetings"
SUFFIXES = (".json", ".json.gz", ".json.bz2", ".json.xz")


def check_backup_name(path):
    """Backups are named by format: loaddata reads the format and compression from the name."""
    if not str(path).endswith(SUFFIXES):
        raise CommandError(
            f"{path}: a backup's name must end in one of {', '.join(SUFFIXES)} "
            "(the ending tells restore how to read it)."
        )


def knowledge_models():
    """
    The app's models but its history tables: versions name the editors who made them, and
    like the admin's log they are not part of the knowledge (pg_dump keeps them).
    """
    return [m for m in apps.get_app_config(APP_LABEL).get_models() if not left_out(m)]


def left_out(model):
    """History tables, and derived rows the database recounts (the summary rows)."""
    return is_history(model) or getattr(model, "derived", False)


def model_counts(using):
    """{"meetings.meeting": 5, ...} for every model of the knowledge base."""
    return {
        model._meta.label_lower: model._base_manager.using(using).count()
        for model in knowledge_models()
    }


class Command(BaseCommand):
    help = "Write the knowledge base to a natural-key JSON backup that restore can load."

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            help="File to write (.json, .json.gz, .json.bz2 or .json.xz); standard output if omitted.",
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="The database to read from."
        )
        parser.add_argument("--indent", type=int, default=1, help="JSON indentation (default 1).")

    def handle(self, *args, output=None, database=DEFAULT_DB_ALIAS, indent=1, **options):
        connection = connections[database]
        if output:
            check_backup_name(output)
            target = Path(output)
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".partial-{target.name}")
        else:
            target = partial = None

        # One snapshot for every table: REPEATABLE READ on PostgreSQL (when this command
        # starts the transaction); SQLite's transactions are serializable already.
        starts_transaction = not connection.in_atomic_block
        try:
            with transaction.atomic(using=database):
                if starts_transaction and connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                counts = model_counts(database)
                call_command(
                    "dumpdata",
                    APP_LABEL,
                    exclude=[
                        m._meta.label
                        for m in apps.get_app_config(APP_LABEL).get_models()
                        if left_out(m)
                    ],
                    database=database,
                    natural_foreign=True,
                    natural_primary=True,
                    use_base_manager=True,
                    indent=indent,
                    output=str(partial) if partial else None,
                    stdout=self.stdout,
                    verbosity=0,
                )
            if partial:
                os.chmod(partial, 0o600)  # drafts and notes are not for everyone
                os.replace(partial, target)
        except BaseException:
            if partial and partial.exists():
                partial.unlink()
            raise

        total = sum(counts.values())
        summary = ", ".join(
            f"{count} {label.split('.')[1]}" for label, count in counts.items() if count
        )
        message = f"Backed up {total} records ({summary or 'none'})"
        message += f" to {target}." if target else "."
        # On standard output the JSON is the result; the summary goes to standard error.
        if options.get("verbosity", 1) > 0:
            (self.stdout if target else self.stderr).write(message)
