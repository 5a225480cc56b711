"""
Fill an empty database with realistic synthetic meetings, for load tests and benchmarks.

    python manage.py generate_meetings --meetings 100000 --seed 1
    python manage.py generate_meetings --meetings 1000 --dry-run   # what it would make

At 100,000 meetings it makes about 5,000 officials (with aliases and dated positions),
500 agencies (ministries, the units inside them, embassies and consulates, legislatures and
their chambers), 40 topics in a two-level tree, and 2 to 12 participants a meeting. The data
is shaped the way real data is:

* dates spread over 70 years, more of them recent; mostly known to the day, some only to the
  month or year (stored as the 1st, or 1 January, as the model requires), a few unknown;
* officials' popularity follows a Zipf-like law, so a few take part in thousands of
  meetings while most appear in a handful; everyone takes part only during their career, in
  the post they held on the day;
* every fact is sourced: each meeting has a generated press release, and each participant's
  passage, each quote, agreement and mention is a sentence taken word for word from it;
* most meetings are published, some are drafts.

The same --seed gives the same data (only the created/updated timestamps differ). Rows are
written with bulk_create in batches, in one transaction, on SQLite and PostgreSQL alike.
It ends with ANALYZE, so that the query planner knows the new sizes at once. A batch's
participants, topics and other children are written before the batch's meetings
(foreign keys are checked at commit). As in a restore, the search documents and the summary
rows are not kept row by row during the load but built once at its end, from every record
(the database is empty to begin with): the per-country summary rows' triggers made a
PostgreSQL load of 10,000 meetings take 99 s instead of 23.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from meetings.backups.triggers import search_built_at_the_end
from meetings.models import Agency, Meeting, Official
from meetings.project.dbguard import command_bound
from meetings.synthetic.generator import Generator


class Command(BaseCommand):
    help = "Fill an empty database with realistic synthetic meetings (see the module docstring)."

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=int, default=100_000, help="How many (100,000).")
        parser.add_argument(
            "--seed", type=int, default=1, help="The same seed gives the same data."
        )
        parser.add_argument(
            "--officials",
            type=int,
            help="How many officials (default: one per 20 meetings, at most 5,000).",
        )
        parser.add_argument(
            "--agencies",
            type=int,
            help="How many agencies (default: one per 200 meetings, 60 to 500).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Generate and count, write nothing."
        )

    def handle(self, *args, meetings, seed, officials, agencies, dry_run, **options):
        if meetings < 1:
            raise CommandError("--meetings must be at least 1.")
        officials = officials or min(5000, max(40, meetings // 20))
        agencies = agencies or min(500, max(60, meetings // 200))
        if officials < 4:
            raise CommandError("--officials must be at least 4.")
        if not dry_run:
            self.refuse_a_database_with_data()
        started = time.monotonic()
        generator = Generator(
            seed, meetings, officials, agencies, write=not dry_run, out=self.stdout.write
        )
        if dry_run:
            generator.run()
        else:
            with transaction.atomic(), command_bound(), search_built_at_the_end(connection):
                generator.run()
            with connection.cursor() as cursor:
                # The planner needs statistics after a bulk load; PostgreSQL's index-only
                # scans need the visibility map too (until a vacuum, they read the tables).
                # VACUUM cannot run inside a caller's transaction (a test's).
                vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
                cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        elapsed = time.monotonic() - started
        verb = "Would create" if dry_run else "Created"
        self.stdout.write(f"{verb} (seed {seed}, {elapsed:.1f} s):")
        self.report(generator)

    @staticmethod
    def refuse_a_database_with_data():
        if Meeting.objects.exists() or Official.objects.exists() or Agency.objects.exists():
            raise CommandError(
                "The database already holds meetings, officials or agencies. generate_meetings "
                "fills an empty one: migrate a new database (e.g. DATABASE_URL=sqlite:///big.sqlite3) "
                "and run it there."
            )

    def report(self, generator):
        """The rows made by model, and how the meetings spread over the officials."""
        for name, count in sorted(generator.counts.items()):
            self.stdout.write(f"  {count:>9,} {name}")
        per_official = generator.meetings_per_official
        counts = sorted(per_official.values())
        if not counts:
            return
        names = generator.officials.by_pk
        busiest = ", ".join(f"{names[pk].name} {n:,}" for pk, n in per_official.most_common(3))
        self.stdout.write(
            f"  meetings per official: median {counts[len(counts) // 2]:,}, busiest {busiest}"
        )
        over = sum(1 for n in counts if n >= 1000)
        self.stdout.write(f"  officials in 1,000 meetings or more: {over:,}")
