#!/usr/bin/env python3
"""
The soak behind `make soak` (and the end of `make bench`): Bilateral at 100,000 meetings
under gunicorn for five minutes while an editor works.

    python bench/soak.py                          # SQLite, bench/results/bench-100000-seed1.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/soak.py
    python bench/soak.py --meetings 10000 --duration 60

1. The benchmark's database and server (bench/database.py, bench/server.py): built or reused,
   served by gunicorn as `make serve` does, the cache shared through Redis.
2. Readers: --connections clients (two per core plus one) each reading, one request at a
   time, URLs drawn from the data (bench/pools.py: --urls per class, thousands in all) of
   every page class but the exports, in a shuffled mix.
3. Meanwhile an editor (bench/editor.py) signs in through the admin with the password and
   the authenticator's code, and every --edit-every seconds retitles a meeting through its
   change page, then reads the meeting's public page: the first request must show the edit.
   Both start after --warmup seconds of reads (not counted), when the workers are loaded.
4. It reports errors (must be 0), p50 and p99 per page class (the editor's pages included),
   the server's memory (gunicorn master and workers' RSS) at the start, every 30 seconds and
   at the end, and writes it all to bench/results/*-soak-*.json. Exits 1 on any error.
"""

import argparse
import datetime
import json
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench import database, editor, pools, report, server
from bench.clients import Tally, python_result
from bench.server import HEADERS

READ_CLASSES = ["home", "list", "filtered", "search", "meeting", "official"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=float, default=300, help="seconds (300)")
    parser.add_argument("--connections", type=int, help="readers (two per core plus one)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default as make serve)")
    parser.add_argument("--urls", type=int, default=1000, help="URLs per class (1,000)")
    parser.add_argument("--edit-every", type=float, default=3, help="seconds between saves")
    parser.add_argument(
        "--warmup", type=float, default=15, help="seconds of reads before measuring (15)"
    )
    return parser.parse_args()


def mixed_urls(seed, per_class, draw=200):
    """
    (class, URL) of every read class, shuffled with the seed: bench/pools.py's draws, `draw`
    at a time (SQLite refuses a prefetch over thousands of ids at once), without repeats.
    """
    mix = {}
    for round_ in range(-(-per_class // draw)):
        drawn = pools.url_pools(seed * 1000 + round_, min(draw, per_class - round_ * draw))
        mix.update({(name, url): None for name in READ_CLASSES for url in drawn[name]})
    mix = list(mix)
    random.Random(seed).shuffle(mix)
    return mix


def read(base, mix, offset, deadline, tallies, errors):
    """One reader: a request at a time through the mix until the deadline."""
    import urllib.error
    import urllib.request

    index = offset
    while time.monotonic() < deadline:
        name, url = mix[index % len(mix)]
        index += 1
        started = time.monotonic()
        try:
            request = urllib.request.Request(base + url, headers=HEADERS)
            with urllib.request.urlopen(request, timeout=30) as response:
                size = len(response.read())
            tallies[name].answered(time.monotonic() - started, size)
        except (OSError, urllib.error.URLError) as error:
            tallies[name].failed()
            errors.append(f"{url}: {error}")


def sample_memory(srv, deadline, timeline, every=30):
    start = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(min(every, max(0.0, deadline - time.monotonic())))
        timeline.append((round(time.monotonic() - start), round(srv.rss_mb(), 1)))


def warm_up(args, srv, mix):
    """Reads for --warmup seconds, not counted: the workers load their code and templates."""
    deadline = time.monotonic() + args.warmup
    tallies, errors = {name: Tally() for name in READ_CLASSES}, []
    threads = [
        threading.Thread(
            target=read, args=(srv.base, mix[-500:], n * 97, deadline, tallies, errors)
        )
        for n in range(args.connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def soak(args, srv, mix, key, to_edit):
    """Readers, the editor and the memory sampler for --duration seconds; their figures."""
    tallies = {name: Tally() for name in READ_CLASSES}
    errors, timeline = [], [(0, round(srv.rss_mb(), 1))]
    deadline = time.monotonic() + args.duration
    person, editing, stop = editor.start(srv.base, key, to_edit, args.edit_every, deadline)
    readers = [
        threading.Thread(
            target=read,
            args=(srv.base, mix, n * len(mix) // args.connections, deadline, tallies, errors),
        )
        for n in range(args.connections)
    ]
    readers.append(threading.Thread(target=sample_memory, args=(srv, deadline, timeline)))
    started = time.monotonic()
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join()
    stop.set()
    editing.join(timeout=60)
    seconds = time.monotonic() - started
    timeline.append((round(seconds), round(srv.rss_mb(), 1)))
    classes = {name: python_result(tally, seconds) for name, tally in tallies.items()}
    classes |= {name: python_result(t, seconds) for name, t in person.tallies.items()}
    return classes, errors, timeline, person


def summary(args, info, classes, errors, timeline, person):
    return {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": report.machine(),
        "database": info,
        "meetings": args.meetings,
        "seconds": args.duration,
        "readers": args.connections,
        "workers": args.workers,
        "urls": {"per_class": args.urls, "total": args.total_urls},
        "classes": classes,
        "reader_errors": errors[:20],
        "errors": len(errors) + len(person.problems),
        "editor": {
            "edits": person.edits,
            "visible_at_once": person.visible,
            "every_seconds": args.edit_every,
            "problems": person.problems[:20],
        },
        "memory_mb": {"start": timeline[0][1], "end": timeline[-1][1], "timeline": timeline},
        "finished_load_average": os.getloadavg(),
    }


def print_summary(record):
    print(
        f"\n{'page class':<20} {'requests':>9} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}"
    )
    for name, result in record["classes"].items():
        print(
            f"{name:<20} {result['requests']:>9} {result['rps']:>7.1f} {result['p50_ms']:>8.1f} "
            f"{result['p99_ms']:>8.1f} {result['errors']:>6}"
        )
    edits = record["editor"]
    print(f"\nerrors: {record['errors']}")
    print(
        f"edits saved: {edits['edits']}, visible on the first request after: {edits['visible_at_once']}"
    )
    memory = record["memory_mb"]
    print(
        f"server memory: {memory['booted']} MB booted, {memory['start']} MB after the warm-up "
        f"(the start), {memory['end']} MB at the end"
    )
    print(f"  every 30 s: {', '.join(str(mb) for _, mb in memory['timeline'])}")
    for problem in [*edits["problems"], *record["reader_errors"]][:10]:
        print(f"  {problem}")


def main():
    args = parse_args()
    args.workers = args.workers or server.gunicorn_settings().workers
    args.connections = args.connections or 2 * (os.cpu_count() or 1) + 1
    report.RESULTS.mkdir(parents=True, exist_ok=True)
    database_url = database.database_url(args, report.RESULTS)
    if database_url.startswith("postgres"):
        database.ensure_postgres_database(database_url)
    database.setup_django(database_url)
    database.prepare_database(args)
    info = database.database_info()
    mix = mixed_urls(args.seed, args.urls)
    args.total_urls = len(mix)
    key, to_edit = editor.create_account(), editor.meetings_to_edit(1000, args.seed)
    redis, redis_url, backend = server.cache_backend("auto")
    logdir = Path(tempfile.mkdtemp(prefix="bilateral-soak-"))
    srv = server.Server(database_url, True, args.workers, logdir, redis_url)
    try:
        srv.wait_ready()
        booted = round(srv.rss_mb(), 1)
        warm_up(args, srv, mix)
        print(
            f"Soak: {info['vendor']}, {args.meetings:,} meetings, {len(mix):,} URLs, "
            f"{args.connections} readers, an editor every {args.edit_every:g} s, "
            f"{args.duration:g} s, cache in {backend}",
            flush=True,
        )
        record = summary(args, info, *soak(args, srv, mix, key, to_edit))
        record["memory_mb"]["booted"] = booted
    finally:
        srv.stop()
        if redis:
            redis.stop()
    print_summary(record)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = report.RESULTS / f"{stamp}-soak-{info['vendor']}-{args.meetings}.json"
    out.write_text(json.dumps(record, indent=2) + "\n")
    print(f"\nWritten to {out.relative_to(server.ROOT)}; server logs in {logdir}")
    return (
        1
        if record["errors"] or record["editor"]["visible_at_once"] != record["editor"]["edits"]
        else 0
    )


if __name__ == "__main__":
    sys.exit(main())
