#!/usr/bin/env python3
"""
The benchmark behind `make bench`: Bilateral at 100,000 meetings against Django's own ceiling.

    python bench/run.py                      # SQLite, bench/results/bench-100000-seed1.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/run.py
    python bench/run.py --meetings 10000 --duration 5 --fresh 2000

1. Builds the database, or reuses it: migrates it, and runs generate_meetings when it is
   empty (a database already holding another number of meetings is refused).
2. Serves it with gunicorn as `make serve` does (the production settings, the same worker
   count and flags, DEBUG off), on 127.0.0.1 and a free port, with one more URL: a
   baseline view that answers a constant string through the same middleware. The cache is
   shared by the workers through Redis, as in production with REDIS_URL: REDIS_URL if set,
   else a private redis-server started for the run if one is installed; without it, each
   worker caches in its own memory (--cache-backend).
3. From a second process (wrk, from Debian's packages; a bounded Python client when wrk is
   missing), after a few seconds of uncached requests to start the workers, measures the
   baseline, then each URL class for a fixed time in three modes on the same server: cold
   (caching off for these requests: every one computed, cycling through --urls URLs drawn
   from the data), fresh URLs (caching on, each request a URL never asked for before: up to
   --fresh per class) and warm (caching on, a popular mix: Zipf-like over the --urls URLs).
   The classes: home, the meeting list, the list filtered by topic, official and dates, a
   search, a meeting, an official with thousands of meetings, the JSON export of a topic.
4. After an edit (a meeting saved through the ORM: a new data version), times each class's
   most popular page until it answers in under 50 ms again (bench/measure.py).
5. Streams the CSV and JSON exports of every meeting once, watching the server's memory.

It prints, per mode and URL class, requests per second, p50 and p99 latency, the ratio of its
throughput to the baseline's, the share of answers the page cache gave, the server's peak memory (gunicorn master and workers'
RSS), and writes everything as JSON to bench/results/. Only 127.0.0.1 is ever contacted.

This file is the sequence; the steps are in bench/: database.py (1), server.py (2), pools.py
and clients.py (3), measure.py (4, 5) and report.py (the tables and the JSON).
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    # Run as a file (python bench/run.py): import from the project's root, not from bench/.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench import clients, database, pools, report, server
from bench.measure import measure_modes
from bench.report import CLASSES

POOL_SIZE = 100  # URLs per class by default (--urls): the cold and warm modes' pool
FRESH_SIZE = 4000  # URLs per class never asked for before (--fresh)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=float, default=10, help="seconds per URL class")
    parser.add_argument(
        "--warmup", type=float, default=3, help="seconds of mixed requests after starting"
    )
    parser.add_argument(
        "--connections",
        type=int,
        help="concurrent clients (default: two per core plus one, more than the workers)",
    )
    parser.add_argument("--workers", type=int, help="gunicorn workers (default as make serve)")
    parser.add_argument(
        "--fresh", type=int, default=FRESH_SIZE, help="fresh URLs per class, each asked once"
    )
    parser.add_argument(
        "--cache-backend",
        choices=["auto", "redis", "locmem"],
        default="auto",
        help="auto: REDIS_URL if set, else a private redis-server if installed, else "
        "each worker's own memory (production's default without REDIS_URL)",
    )
    parser.add_argument("--urls", type=int, default=POOL_SIZE, help="URLs per class")
    parser.add_argument(
        "--max-requests",
        type=int,
        help="gunicorn recycles a worker after about this many requests (default as make "
        "serve, meetings/project/gunicorn_conf.py: never)",
    )
    parser.add_argument("--classes", default=",".join(name for name, _ in CLASSES))
    parser.add_argument("--no-full-export", action="store_true", help="skip step 5")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    return parser.parse_args()


def main():
    args = parse_args()
    args.classes = [name for name in args.classes.split(",") if name]
    args.workers = args.workers or server.gunicorn_settings().workers
    args.connections = args.connections or 2 * (os.cpu_count() or 1) + 1
    report.RESULTS.mkdir(parents=True, exist_ok=True)
    database_url = database.database_url(args, report.RESULTS)
    if database_url.startswith("postgres"):
        database.ensure_postgres_database(database_url)
    database.setup_django(database_url)
    generation = database.prepare_database(args)
    info = database.database_info()
    url_pools = pools.url_pools(args.seed, args.urls)
    fresh = pools.fresh_pools(args.seed, args.fresh, url_pools)
    client, client_name = clients.choose(args.client)
    record = report.new_report(args, info, generation, client_name)
    logdir = Path(tempfile.mkdtemp(prefix="bilateral-bench-"))
    tables = measure_modes(args, record, database_url, url_pools, fresh, client, logdir)
    return report.finish(record, tables, logdir)


if __name__ == "__main__":
    sys.exit(main())
