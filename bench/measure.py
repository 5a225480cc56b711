"""
The measurements, on one server (caching on, the workers sharing their cache) in one run: the
baseline, then for each URL class three modes one after the other,

* cold: every request computed, caching off for it (the header X-Bench-Cache: off, which only
  the benchmark's settings honour, bench/middleware.py), cycling through the class's pool;
* fresh: caching on, each request a URL never asked for before (thousands per class);
* warm: caching on, a popular mix: the pool's URLs in a Zipf-like proportion;

then, class by class, the time from an edit (a write through the ORM, which gives the data a
new version) until the class's most popular page answers fast again, and last the full exports
streamed once while the server's memory is watched. Every answer says whether the page cache
gave it, and each figure counts those.
"""

import os
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from bench.pools import popular_mix
from bench.report import table
from bench.server import BASELINE, HEADERS, Server, cache_backend

FULL_EXPORTS = ("/meetings/export.csv", "/meetings/export.json")
MODES = ("cold", "fresh", "warm")
FAST_MS = 50  # "fast again": the warm target's p99
RECOVERY_LIMIT = 30  # seconds


def measure(args, database_url, pools, fresh, client, logdir, redis_url):
    """({mode: {class: figures}}, {class: recovery}, {export path: figures})."""
    server = Server(database_url, True, args.workers, logdir, redis_url, args.max_requests)
    try:
        server.wait_ready()
        if args.warmup:
            warm_up(args, server, pools, client)
        baseline = drive(args, server, "baseline", [BASELINE], client, True)
        results = {mode: {"baseline": baseline} for mode in MODES}
        for name in args.classes:
            mix = popular_mix(args.seed, pools[name], 20_000)
            results["cold"][name] = drive(args, server, name, pools[name], client, False)
            if fresh.get(name):
                results["fresh"][name] = drive(args, server, name, fresh[name], client, True)
            results["warm"][name] = drive(args, server, name, mix, client, True)
        recovery = {
            name: after_an_edit(server, pools[name][0]) for name in args.classes if name != "export"
        }
        exports = {}
        if not args.no_full_export:
            for path in FULL_EXPORTS:
                exports[path] = full_export(server, path)
                print(f"  {path}: {exports[path]}", flush=True)
        return results, recovery, exports
    finally:
        server.stop()


def warm_up(args, server, pools, client):
    # Start the workers (connections, templates, code) with the first few URLs of each
    # class, computed without the cache, so that every mode starts with an empty cache.
    warm = [
        BASELINE,
        *(url for name in args.classes if name != "export" for url in pools[name][:3]),
    ]
    client(server.base, warm, args.warmup, args.connections, 10, False)
    until_idle(server, args.workers)


def until_idle(server, workers, limit=60):
    """
    Until the slow requests sent before are done (a cold page may take seconds, queued behind
    others): `workers` constant-view requests at once all answer fast, three times in a row.
    Measured while workers were still busy, the baseline itself, or the next class, would be
    slow.
    """
    fast, started = 0, time.monotonic()
    with ThreadPoolExecutor(workers) as pool:
        while fast < 3 and time.monotonic() - started < limit:
            answers = list(pool.map(lambda _: baseline_seconds(server), range(workers)))
            fast = fast + 1 if max(answers) * 1000 < 20 else 0
            time.sleep(0.2)


def baseline_seconds(server):
    """The constant view's time, infinite when a busy worker held it past get()'s timeout."""
    try:
        return get(server, BASELINE)[0]
    except OSError:
        return float("inf")


def drive(args, server, name, urls, client, cache):
    """One URL class's figures in one mode, with the server's peak memory meanwhile."""
    timeout = 60 if name == "export" else 10
    server.label = name
    server.peak.pop(name, None)
    result = client(server.base, urls, args.duration, args.connections, timeout, cache)
    server.label = None
    # The client stops at the deadline; the workers finish what they were computing (a topic's
    # export at 1,000,000 meetings takes minutes), which the next class would otherwise wait for.
    until_idle(server, args.workers, limit=600 if name == "export" else 60)
    result["urls"] = len(set(urls))
    result["peak_mb"] = round(server.peak.get(name, 0))
    mode = "cold" if not cache else f"{len(set(urls))} URLs"
    print(
        f"  {name:<9} {mode:<10} {result['rps']:8.1f} req/s  p99 {result['p99_ms']:7.1f} ms  "
        f"{result.get('cache_hits', 0)}/{result['requests']} from the cache",
        flush=True,
    )
    return result


def edit():
    """A write through the ORM, as an editor's: one meeting saved (a new data version)."""
    from django.db import connection

    from meetings.models import Meeting

    meeting = Meeting.objects.published().order_by("pk").first()
    meeting.save(update_fields=["title", "updated"])
    connection.close()


def get(server, url):
    """(seconds, from the cache) of one request."""
    started = time.monotonic()
    request = urllib.request.Request(server.base + url, headers=HEADERS)
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        hit = response.headers.get("X-Bench-Cache") == "hit"
    return time.monotonic() - started, hit


def after_an_edit(server, url):
    """From an edit to the first answer of `url` under FAST_MS: seconds, and the answers."""
    get(server, url)  # cached before the edit
    edit()
    written = time.monotonic()
    answers = []
    while time.monotonic() - written < RECOVERY_LIMIT:
        seconds, hit = get(server, url)
        answers.append({"ms": round(seconds * 1000, 1), "hit": hit})
        if seconds * 1000 < FAST_MS:
            break
    figures = {
        "url": url,
        "seconds_until_fast": round(time.monotonic() - written, 3),
        "answers": answers,
    }
    print(f"  after an edit, {url}: fast again in {figures['seconds_until_fast']} s", flush=True)
    return figures


def full_export(server, path):
    """Stream one export of every meeting; its time, size and the server's peak memory."""
    server.label = None
    time.sleep(0.3)
    idle = server.rss_mb()
    server.label = path
    started = time.monotonic()
    size, status = 0, None
    try:
        request = urllib.request.Request(server.base + path, headers=HEADERS)
        with urllib.request.urlopen(request, timeout=600) as response:
            status = response.status
            while chunk := response.read(1 << 16):
                size += len(chunk)
    except (OSError, urllib.error.URLError) as error:
        status = f"failed: {error}"
    seconds = time.monotonic() - started
    server.label = None
    peak = server.peak.get(path, idle)
    return {
        "status": status,
        "seconds": round(seconds, 1),
        "megabytes": round(size / 1e6, 1),
        "server_idle_mb": round(idle),
        "server_peak_mb": round(peak),
        "growth_mb": round(peak - idle, 1),
    }


def measure_modes(args, record, database_url, pools, fresh, client, logdir):
    """The three modes on one server, into the record; returns their tables."""
    redis, redis_url, backend = cache_backend(args.cache_backend)
    record["server"]["cache"] = backend
    vendor, version = record["database"]["vendor"], record["database"]["version"]
    print(
        f"{vendor}, {args.meetings:,} meetings, {args.workers} workers, "
        f"{record['client']['name']}, cache in {backend}",
        flush=True,
    )
    try:
        if redis:
            redis.flush()
        results, recovery, exports = measure(
            args, database_url, pools, fresh, client, logdir, redis_url
        )
        record["modes"] = {mode: {"classes": results[mode]} for mode in MODES}
        record["after_edit"] = recovery
        record["full_exports"] = exports
        record["finished_load_average"] = os.getloadavg()
    finally:
        if redis:
            redis.stop()
    return [table(f"\n{vendor} {version}, {mode}", results[mode], mode) for mode in MODES]
