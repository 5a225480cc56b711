#!/usr/bin/env python3
"""
Backup and restore at scale: `make bench-backup` (SQLite; PostgreSQL with DATABASE_URL).

    python bench/backup.py                                    # SQLite, 100,000 meetings
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/backup.py
    python bench/backup.py --meetings 10000 --no-verify

1. The source database (DATABASE_URL, else bench/results/bench-<N>-seed1.sqlite3, as
   `make bench` uses) is migrated and, when it holds no meetings, filled by generate_meetings.
2. `manage.py backup` writes it to a .json.gz file.
3. A fresh target database (a temporary SQLite file, or `<name>_restore` on the same
   PostgreSQL server, dropped and created) is migrated and `manage.py restore` loads the file.
4. With --verify (the default), the target is backed up in turn: the two files must be
   identical, record for record and byte for byte (the round trip is lossless).

Each command runs in its own process; the script prints and records (bench/results/) its
wall time, CPU time, peak memory (RSS) and, for restore, its phases, with the machine's load
average, since the machine may be shared.
"""

import argparse
import gzip
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def manage(database_url, *args):
    """Run manage.py; its output, wall and CPU seconds and peak RSS (MiB)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-" + "x" * 40,
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
    }
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{output}")
    return {
        "output": output.strip(),
        "wall_s": round(time.monotonic() - started, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mib": round(usage.ru_maxrss / 1024),
    }


def postgres_target(database_url):
    """`<name>_restore` on the same server, dropped and created empty."""
    import psycopg2

    base, _, name = database_url.rpartition("/")
    target = f"{name}_restore"
    connection = psycopg2.connect(f"{base}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
        cursor.execute(f'CREATE DATABASE "{target}"')
    connection.close()
    return f"{base}/{target}"


def prepare_source(database_url, meetings):
    manage(database_url, "migrate", "--no-input", "--verbosity", "0")
    counted = manage(database_url, "shell", "-c", COUNT)["output"].splitlines()[-1]
    if int(counted) == 0:
        print(f"Generating {meetings:,} meetings (once)...", flush=True)
        print(manage(database_url, "generate_meetings", "--meetings", str(meetings))["output"])
    elif int(counted) != meetings:
        sys.exit(f"The source database holds {counted} meetings, not {meetings}.")


COUNT = "from meetings.models import Meeting; print(Meeting.objects.count())"


def digest(path):
    """The SHA-256 of a backup's text (gzip headers hold a time)."""
    sha = hashlib.sha256()
    with gzip.open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            sha.update(chunk)
    return sha.hexdigest()


def run(args, folder):
    source = os.environ.get("DATABASE_URL") or (
        f"sqlite:///{RESULTS / f'bench-{args.meetings}-seed1.sqlite3'}"
    )
    vendor = "postgresql" if source.startswith("postgres") else "sqlite"
    prepare_source(source, args.meetings)
    file = folder / "bilateral.json.gz"
    result = {"database": vendor, "meetings": args.meetings, "load_before": os.getloadavg()}
    result["backup"] = manage(source, "backup", "--output", str(file))
    result["backup"]["file_mib"] = round(file.stat().st_size / 2**20, 1)
    print(f"backup   {summary(result['backup'])}, {result['backup']['file_mib']} MiB", flush=True)
    target = postgres_target(source) if vendor == "postgresql" else f"sqlite:///{folder}/t.sqlite3"
    manage(target, "migrate", "--no-input", "--verbosity", "0")
    result["restore"] = manage(target, "restore", str(file), "--verbosity", "2")
    phases = re.search(r"Seconds by phase: (.*)\.", result["restore"]["output"])
    result["restore"]["phases"] = phases.group(1) if phases else None
    print(f"restore  {summary(result['restore'])} ({result['restore']['phases']})", flush=True)
    if args.verify:
        again = folder / "again.json.gz"
        result["backup_of_restored"] = manage(target, "backup", "--output", str(again))
        result["identical"] = digest(file) == digest(again)
        print(f"round trip: the restored database's backup is identical: {result['identical']}")
    result["load_after"] = os.getloadavg()
    return result


def summary(measure):
    return (
        f"{measure['wall_s']:>6.1f} s wall, {measure['cpu_s']:>5.1f} s CPU (this process), "
        f"peak {measure['peak_rss_mib']} MiB"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--no-verify", dest="verify", action="store_false")
    args = parser.parse_args()
    started = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as folder:
        result = run(args, Path(folder))
    result["started"] = started.isoformat(timespec="seconds")
    result["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version()}
    RESULTS.mkdir(exist_ok=True)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"{stamp}-backup-{result['database']}-{args.meetings}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"Written to {out.relative_to(ROOT)}")
    if args.verify and not result["identical"]:
        sys.exit("The round trip changed the backup.")


if __name__ == "__main__":
    main()
