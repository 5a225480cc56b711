"""
Write the whole knowledge base to a portable backup: Django's JSON fixture format with
natural keys (slugs, codes, names instead of database ids), one record a line, so `restore`
(or `loaddata`) loads it into any database Bilateral runs on, SQLite or PostgreSQL, old or new.

    python manage.py backup                                  # to standard output
    python manage.py backup -o backups/bilateral.json.gz     # .json, .json.gz, .json.bz2, .json.xz

Everything in the meetings app is written (meetings, participations, delegations, mentions,
agreements, quotes, sources, officials, positions, agencies, topics, places). User accounts,
sessions, the admin's change log and the records' history are not knowledge and are not
included: `pg_dump` (see the README) keeps those too. The rows are read in one transaction,
so the backup is a consistent snapshot even while editors work, and streamed, in constant
memory (meetings/backups/dump.py). A file is written under a temporary name and renamed
when complete, so a failed backup never leaves a truncated file behind.
"""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from meetings.backups.dump import dump, snapshot
from meetings.backups.files import check_backup_name, written_whole


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

    def handle(self, *args, output=None, database=DEFAULT_DB_ALIAS, **options):
        if output:
            check_backup_name(output)
            with written_whole(output) as stream, snapshot(database):
                counts = dump(stream, database)
        else:
            self.stdout.ending = None  # the JSON's own line ends, as dumpdata does
            with snapshot(database):
                counts = dump(self.stdout, database)
        if options.get("verbosity", 1) > 0:
            self.summarise(counts, output)

    def summarise(self, counts, output):
        summary = ", ".join(
            f"{count} {label.split('.')[1]}" for label, count in counts.items() if count
        )
        message = f"Backed up {counts.total()} records ({summary or 'none'})"
        message += f" to {output}." if output else "."
        # On standard output the JSON is the result; the summary goes to standard error.
        (self.stdout if output else self.stderr).write(message)
