"""
The measurements: for each mode (caching on, then off), a fresh server, a warm-up, each URL
class driven for the same time after the baseline, and (caching on) the full exports streamed
once while the server's memory is watched.
"""

import os
import time
import urllib.error
import urllib.request

from bench.report import table
from bench.server import BASELINE, HEADERS, Server, cache_backend

FULL_EXPORTS = ("/meetings/export.csv", "/meetings/export.json")


def measure(args, database_url, pools, cache, client, logdir, redis_url):
    """({class: figures}, {export path: figures}) for one mode."""
    server = Server(database_url, cache, args.workers, logdir, redis_url, args.max_requests)
    try:
        server.wait_ready()
        if args.warmup:
            warm_up(args, server, pools, client)
        results = {}
        for name in ["baseline", *args.classes]:
            results[name] = drive(args, server, name, pools, client)
        exports = {}
        if cache and not args.no_full_export:
            for path in FULL_EXPORTS:
                exports[path] = full_export(server, path)
                print(f"  {path}: {exports[path]}", flush=True)
        return results, exports
    finally:
        server.stop()


def warm_up(args, server, pools, client):
    # Start the workers (connections, templates, code): the first few URLs of each
    # class. Each class is then measured from cold for the rest of its URLs.
    warm = [
        BASELINE,
        *(url for name in args.classes if name != "export" for url in pools[name][:3]),
    ]
    client(server.base, warm, args.warmup, args.connections, 10)
    time.sleep(3)  # let the warm-up's slow requests finish before measuring


def drive(args, server, name, pools, client):
    """One URL class's figures, with the server's peak memory meanwhile."""
    urls = [BASELINE] if name == "baseline" else pools[name]
    timeout = 60 if name == "export" else 10
    server.label = name
    result = client(server.base, urls, args.duration, args.connections, timeout)
    server.label = None
    result["urls"] = len(urls)
    result["peak_mb"] = round(server.peak.get(name, 0))
    print(f"  {name:<9} {result['rps']:8.1f} req/s  p99 {result['p99_ms']:7.1f} ms", flush=True)
    return result


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


def measure_modes(args, record, database_url, pools, client, logdir):
    """Each mode of --cache in turn, into the record; returns their tables."""
    redis, redis_url, backend = cache_backend(args.cache_backend)
    record["server"]["cache"] = backend
    vendor, version = record["database"]["vendor"], record["database"]["version"]
    tables = []
    try:
        for mode in [m.strip() for m in args.cache.split(",") if m.strip()]:
            cache = mode == "on"
            print(
                f"Caching {mode}: {vendor}, {args.meetings:,} meetings, {args.workers} workers, "
                f"{record['client']['name']}, cache in {backend}",
                flush=True,
            )
            if redis:
                redis.flush()
            results, exports = measure(args, database_url, pools, cache, client, logdir, redis_url)
            record["modes"][mode] = {"classes": results, "full_exports": exports}
            tables.append(table(f"\n{vendor} {version}, caching {mode}", results, cache))
        record["finished_load_average"] = os.getloadavg()
    finally:
        if redis:
            redis.stop()
    return tables
