"""
manage.py load_fixtures [NAME ...] [--dry-run]

Load fixtures additively (meetings/loading/fixtures.py): create what is missing, update what
nobody edited since the last load, keep every editor's change and deletion, and list records
changed on both sides for review (admin: Load conflicts). Unlike loaddata, it never
overwrites an editor's work, so `make db` may run it as often as it likes. One transaction.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from meetings.loading.fixtures import load_fixtures
from meetings.project.dbguard import command_bound

DEFAULT_FIXTURES = ["reference", "officials", "sources", "meetings"]


class Command(BaseCommand):
    help = "Load fixtures without overwriting editors' work; conflicts are listed for review."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", default=DEFAULT_FIXTURES)
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would change, and change nothing."
        )

    def handle(self, *args, names, dry_run, **options):
        with transaction.atomic(), command_bound():
            outcome = load_fixtures(names)
            if dry_run:
                transaction.set_rollback(True)
        totals = outcome.totals()
        summary = ", ".join(f"{n} {result}" for result, n in sorted(totals.items()))
        prefix = "Would load" if dry_run else "Loaded"
        self.stdout.write(f"{prefix} {', '.join(names)}: {summary or 'nothing'}.")
        if totals.get("conflict"):
            self.stdout.write(
                self.style.WARNING(
                    f"{totals['conflict']} records changed both here and in the fixtures: "
                    "not applied, listed for review in the admin (Load conflicts)."
                )
            )
