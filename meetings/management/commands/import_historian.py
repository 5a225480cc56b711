"""
manage.py import_historian [PATH] [--dry-run]

Import the Office of the Historian's records of Presidents' and Secretaries of State's trips
and foreign leaders' visits (default: fixtures/history-state-gov) as meetings, keyed by record
id: a second run changes nothing, a changed record updates its meeting unless an editor changed
that meeting (then it is listed for review), and a meeting an editor deleted stays deleted.
People are matched to those already known (one person, one record); doubtful matches are listed
for review. One transaction; --dry-run says what would change and changes nothing.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from meetings.importers.historian import records
from meetings.importers.historian.db.run import import_plans
from meetings.importers.historian.units import all_plans
from meetings.project.dbguard import command_bound


class Command(BaseCommand):
    help = "Import the Office of the Historian's trips and visits as meetings."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(records.DATA_ROOT))
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would change, and change nothing."
        )

    def handle(self, *args, path, dry_run, **options):
        started = time.monotonic()
        if not (Path(path) / "travels").is_dir():
            raise CommandError(f"No travels/ folder in {path}: give the dataset's folder.")
        trips, visits = records.read_trips(path), records.read_visits(path)
        self.progress(f"Read {len(trips):,} trips and {len(visits):,} visits from {path}.")
        plans = all_plans(trips, visits)
        self.progress(f"Planned {len(plans):,} meetings ({len(trips) + len(visits):,} records).")
        with transaction.atomic(), command_bound():
            counts = import_plans(plans, self.progress)
            if dry_run:
                transaction.set_rollback(True)
        self.summary(counts, len(trips) + len(visits), dry_run, time.monotonic() - started)

    def progress(self, message):
        self.stdout.write(message)
        self.stdout.flush()

    def summary(self, counts, records_read, dry_run, seconds):
        order = [
            "meetings created",
            "meetings updated",
            "meetings unchanged",
            "conflicts",
            "kept deleted",
            "officials created",
            "aliases added",
            "matches left for review",
            "participations",
            "releases linked to a travel",
        ]
        parts = [f"{counts.get(name, 0):,} {name}" for name in order]
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb} {records_read:,} records in {seconds:.1f} s: {', '.join(parts)}."
        )
