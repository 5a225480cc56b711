"""
The benchmark's database: SQLite in bench/results/ unless DATABASE_URL names one, created on
PostgreSQL if missing, migrated, and filled by generate_meetings when it holds no meetings (a
database holding another number of meetings is refused).

Django is set up at run time, for the database chosen: its modules are imported in the
functions that use them.
"""

import os
import sys
import time

from bench.server import ROOT, server_env


def database_url(args, results):
    default = results / f"bench-{args.meetings}-seed{args.seed}.sqlite3"
    return os.environ.get("DATABASE_URL") or f"sqlite:///{default}"


def setup_django(database_url):
    os.environ.update(server_env(database_url, cache=True))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ensure_postgres_database(database_url):
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(database_url)
    connection = psycopg2.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            print(f"Creating database {config['NAME']}")
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
    connection.close()


def prepare_database(args):
    """Migrate, and generate the meetings if the database has none. Returns what was done."""
    from django.core.management import call_command
    from django.db import connection

    from meetings.models import Meeting

    call_command("migrate", interactive=False, verbosity=0)
    existing = Meeting.objects.count()
    record = {"generated": False, "seconds": None}
    if existing == 0:
        record = generate(args)
    elif existing != args.meetings:
        sys.exit(
            f"The database holds {existing:,} meetings, not {args.meetings:,}: point "
            "DATABASE_URL at a new database (or pass --meetings to match)."
        )
    call_command("collectstatic", interactive=False, verbosity=0)
    connection.close()
    return record


def generate(args):
    from django.core.management import call_command
    from django.db import connection

    print(f"Generating {args.meetings:,} meetings (seed {args.seed})...", flush=True)
    started = time.monotonic()
    call_command("generate_meetings", meetings=args.meetings, seed=args.seed)
    record = {"generated": True, "seconds": round(time.monotonic() - started, 1)}
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return record


def database_info():
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        version = cursor.fetchone()[0]
    connection.close()
    return {"vendor": connection.vendor, "version": version, "django": django.get_version()}
