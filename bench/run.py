#!/usr/bin/env python3
"""
The benchmark behind `make bench`: Bilateral at 100,000 meetings against Django's own ceiling.

    python bench/run.py                      # SQLite, bench/results/bench-100000-seed1.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/run.py
    python bench/run.py --meetings 10000 --duration 5 --cache on

1. Builds the database, or reuses it: migrates it, and runs generate_meetings when it is
   empty (a database already holding another number of meetings is refused).
2. Serves it with gunicorn as `make serve` does (the production settings, the same worker
   count and flags, DEBUG off), on 127.0.0.1 and a free port, with one more URL: a
   baseline view that answers a constant string through the same middleware. The cache is
   shared by the workers through Redis, as in production with REDIS_URL: REDIS_URL if set,
   else a private redis-server started for the run if one is installed; without it, each
   worker caches in its own memory (--cache-backend).
3. From a second process (wrk, from Debian's packages; a bounded Python client when wrk is
   missing), after a few seconds of mixed requests to start the workers, drives load at
   each URL class for a fixed time, cycling through --urls URLs (100) drawn from the data,
   cold in the cache but for three seen in the warm-up: home, the meeting list, the list filtered by topic, official
   and dates, a search, a meeting, an official with thousands of meetings, the JSON export
   of a topic. The baseline is measured in the same run, on the same server.
4. Does it all with the data-version cache on, then off (BILATERAL_CACHE=0).
5. Streams the CSV and JSON exports of every meeting once, watching the server's memory.

It prints, per URL class, requests per second, p50 and p99 latency, the ratio of its
throughput to the baseline's and the server's peak memory (gunicorn master and workers'
RSS), and writes everything as JSON to bench/results/. Only 127.0.0.1 is ever contacted.
"""

import argparse
import datetime
import json
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
LUA = ROOT / "bench" / "load.lua"
BASELINE = "/bench/baseline/"
HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
POOL_SIZE = 100  # URLs per class by default (--urls): caches cannot answer everything

CLASSES = [
    ("home", "home page"),
    ("list", "meetings, unfiltered"),
    ("filtered", "topic + official + dates"),
    ("search", "search q="),
    ("meeting", "a meeting"),
    ("official", "official, 1,000+ meetings"),
    ("export", "JSON export of a topic"),
]


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
    parser.add_argument("--cache", default="on,off", help="on, off or on,off")
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
        "serve, meetings/gunicorn_conf.py: never)",
    )
    parser.add_argument("--classes", default=",".join(name for name, _ in CLASSES))
    parser.add_argument("--no-full-export", action="store_true", help="skip step 5")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    return parser.parse_args()


# ---------------------------------------------------------------- the database


def setup_django(database_url):
    os.environ.update(server_env(database_url, cache=True))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def server_env(database_url, cache):
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "BILATERAL_CACHE": "1" if cache else "0",
        "PYTHONPATH": str(ROOT),
    }


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
        print(f"Generating {args.meetings:,} meetings (seed {args.seed})...", flush=True)
        started = time.monotonic()
        call_command("generate_meetings", meetings=args.meetings, seed=args.seed)
        record = {"generated": True, "seconds": round(time.monotonic() - started, 1)}
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    elif existing != args.meetings:
        sys.exit(
            f"The database holds {existing:,} meetings, not {args.meetings:,}: point "
            "DATABASE_URL at a new database (or pass --meetings to match)."
        )
    call_command("collectstatic", interactive=False, verbosity=0)
    connection.close()
    return record


def url_pools(seed, size):
    """Many URLs per class, drawn from the data with a fixed seed."""
    from urllib.parse import urlencode

    from django.db.models import Count

    from meetings.models import Meeting, Official, Topic
    from meetings.synthetic.vocabulary import SUBJECTS

    rng = random.Random(seed)
    published = Meeting.objects.published()
    total = published.count()
    last_page = max(1, (total + 19) // 20)
    pools = {"home": ["/"]}

    pages = [rng.randint(1, min(50, last_page)) for _ in range(size * 4 // 5)]
    pages += [rng.randint(1, last_page) for _ in range(size // 5)]
    sorts = ["", "", "", "date", "title"]
    pools["list"] = []
    for page in pages:
        sort = rng.choice(sorts)
        query = {"page": page, **({"sort": sort} if sort else {})}
        pools["list"].append("/meetings/?" + urlencode(query))

    ids = list(published.exclude(date=None).values_list("pk", flat=True))
    sample = Meeting.objects.filter(pk__in=rng.sample(ids, min(len(ids), size)))
    pools["filtered"] = []
    for meeting in sample.prefetch_related("topics", "participations__official"):
        topics = list(meeting.topics.all())
        people = list(meeting.participations.all())
        if not topics or not people:
            continue
        span = rng.randint(0, 6)
        query = [
            ("topic", rng.choice(topics).slug),
            ("official", rng.choice(people).official.slug),
            ("date_after", str(meeting.date.year - span)),
            ("date_before", str(meeting.date.year + rng.randint(0, 6))),
        ]
        pools["filtered"].append("/meetings/?" + urlencode(query))

    # Drawn with the seed, not ORDER BY RANDOM(): every run searches for the same names.
    officials = list(Official.objects.order_by("pk").values_list("sort_name", flat=True))
    surnames = rng.sample(officials, min(len(officials), size // 3))
    topic_names = list(Topic.objects.values_list("name", flat=True))
    terms = []
    for _ in range(size):
        kind = rng.random()
        if kind < 0.4:
            terms.append(rng.choice(SUBJECTS))
        elif kind < 0.6:
            terms.append(rng.choice(surnames).split(",")[0])
        elif kind < 0.75:
            terms.append(f"{rng.choice(SUBJECTS)} {rng.choice(SUBJECTS)}")
        elif kind < 0.85:
            terms.append(f'"{rng.choice(topic_names).lower()}"')
        elif kind < 0.95:
            terms.append(f"{rng.choice(SUBJECTS)} or {rng.choice(SUBJECTS)}")
        else:
            terms.append(f"{rng.choice(SUBJECTS)} -{rng.choice(SUBJECTS)}")
    pools["search"] = ["/meetings/?" + urlencode({"q": term}) for term in terms]

    slugs = list(published.values_list("slug", flat=True))
    pools["meeting"] = [f"/meetings/{slug}/" for slug in rng.sample(slugs, min(size, len(slugs)))]

    busy = list(
        Official.objects.annotate(n=Count("participations"))
        .filter(n__gte=1000)
        .values_list("slug", flat=True)
    ) or list(
        Official.objects.annotate(n=Count("participations"))
        .order_by("-n")
        .values_list("slug", flat=True)[:20]
    )
    pools["official"] = [
        f"/officials/{slug}/" + (f"?page={page}" if page > 1 else "")
        for slug in busy
        for page in (1, 2, 3)
    ]
    rng.shuffle(pools["official"])
    pools["official"] = pools["official"][:size]

    pools["export"] = [
        "/meetings/export.json?" + urlencode({"topic": slug})
        for slug in Topic.objects.values_list("slug", flat=True)
    ]
    rng.shuffle(pools["export"])
    return pools


# ---------------------------------------------------------------- the server


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_settings():
    """make serve's gunicorn settings (meetings/gunicorn_conf.py), as this environment gives them."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from meetings import gunicorn_conf

    return gunicorn_conf


class Redis:
    """A private redis-server on a free port, for the workers' shared cache."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port)]
        command += ["--save", "", "--appendonly", "no"]
        command += ["--maxmemory", "512mb", "--maxmemory-policy", "allkeys-lru"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.command(b"PING").startswith(b"+PONG"):
                    return
            except OSError:
                time.sleep(0.1)
        sys.exit("redis-server did not start")

    def command(self, text):
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(text + b"\r\n")
            return sock.recv(64)

    def flush(self):
        self.command(b"FLUSHALL")

    def stop(self):
        self.process.terminate()  # our own redis-server, by its pid
        self.process.wait(timeout=10)


class Server:
    """gunicorn with make serve's flags, its memory sampled in the background."""

    def __init__(self, database_url, cache, workers, logdir, redis_url=None, max_requests=None):
        self.port = free_port()
        self.workers = workers
        self.command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "meetings.wsgi",
            "--config",
            "python:meetings.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
        ]
        if max_requests:
            self.command += ["--max-requests", str(max_requests)]
            self.command += ["--max-requests-jitter", str(max_requests // 10)]
        self.command += [
            "--access-logfile",
            str(logdir / f"access-{'on' if cache else 'off'}.log"),
            "--error-logfile",
            str(logdir / f"error-{'on' if cache else 'off'}.log"),
        ]
        env = {**os.environ, **server_env(database_url, cache)}
        if redis_url:
            env["REDIS_URL"] = redis_url
        else:
            env.pop("REDIS_URL", None)
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=env)
        self.peak = {}
        self.label = None
        self.running = True
        self.sampler = threading.Thread(target=self.sample, daemon=True)
        self.sampler.start()

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit("gunicorn exited; see its error log in " + self.command[-1])
            try:
                request = urllib.request.Request(self.base + BASELINE, headers=HEADERS)
                with urllib.request.urlopen(request, timeout=2) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.3)
        sys.exit("gunicorn did not answer in time")

    def rss_mb(self):
        """Resident memory of the master and all its workers, in MB."""
        pids = [self.process.pid, *children(self.process.pid)]
        total = 0
        for pid in pids:
            try:
                with open(f"/proc/{pid}/status") as status:
                    for line in status:
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1])
            except OSError:
                continue
        return total / 1024

    def sample(self):
        while self.running:
            label = self.label
            if label:
                self.peak[label] = max(self.peak.get(label, 0), self.rss_mb())
            time.sleep(0.05)

    def stop(self):
        self.running = False
        self.process.terminate()  # our own gunicorn master, by its pid; it stops its workers
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(child) for child in handle.read().split()]
    except OSError:
        return []


# ---------------------------------------------------------------- the load


def run_wrk(base, urls, duration, connections, timeout):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(urls) + "\n")
        path = handle.name
    try:
        command = [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{max(1, round(duration))}s",
            f"--timeout={timeout}s",
            "-s",
            str(LUA),
            base,
            "--",
            path,
            "0",
        ]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(path)
    summary = json.loads(output.strip().splitlines()[-1])
    seconds = summary["duration_us"] / 1e6
    errors = sum(
        summary[key]
        for key in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    )
    return {
        "requests": summary["requests"],
        "rps": summary["requests"] / seconds if seconds else 0.0,
        "p50_ms": summary["p50_us"] / 1000,
        "p99_ms": summary["p99_us"] / 1000,
        "max_ms": summary["max_us"] / 1000,
        "mb_per_s": summary["bytes"] / seconds / 1e6 if seconds else 0.0,
        "errors": errors,
        "status_errors": summary["status_errors"],
    }


def run_python(base, urls, duration, connections, timeout):
    """A bounded client: `connections` threads, each one request at a time, until the time is up."""
    deadline = time.monotonic() + duration
    latencies, errors, sizes = [], [0], [0]
    lock = threading.Lock()

    def client(offset):
        index = offset
        while time.monotonic() < deadline:
            url = urls[index % len(urls)]
            index += 1
            started = time.monotonic()
            try:
                request = urllib.request.Request(base + url, headers=HEADERS)
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    size = len(response.read())
                elapsed = time.monotonic() - started
                with lock:
                    latencies.append(elapsed)
                    sizes[0] += size
            except (OSError, urllib.error.URLError):
                with lock:
                    errors[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i * 7,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    latencies.sort()

    def percentile(p):
        return (
            latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000 if latencies else 0
        )

    return {
        "requests": len(latencies),
        "rps": len(latencies) / seconds,
        "p50_ms": percentile(0.50),
        "p99_ms": percentile(0.99),
        "max_ms": latencies[-1] * 1000 if latencies else 0,
        "mb_per_s": sizes[0] / seconds / 1e6,
        "errors": errors[0],
        "status_errors": errors[0],
    }


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


def measure(args, database_url, pools, cache, client, logdir, redis_url):
    server = Server(database_url, cache, args.workers, logdir, redis_url, args.max_requests)
    connections = args.connections
    try:
        server.wait_ready()
        if args.warmup:
            # Start the workers (connections, templates, code): the first few URLs of each
            # class. Each class is then measured from cold for the rest of its URLs.
            warm = [
                BASELINE,
                *(url for name in args.classes if name != "export" for url in pools[name][:3]),
            ]
            client(server.base, warm, args.warmup, connections, 10)
            time.sleep(3)  # let the warm-up's slow requests finish before measuring
        results = {}
        for name in ["baseline", *args.classes]:
            urls = [BASELINE] if name == "baseline" else pools[name]
            timeout = 60 if name == "export" else 10
            server.label = name
            result = client(server.base, urls, args.duration, connections, timeout)
            server.label = None
            result["urls"] = len(urls)
            result["peak_mb"] = round(server.peak.get(name, 0))
            results[name] = result
            print(
                f"  {name:<9} {result['rps']:8.1f} req/s  p99 {result['p99_ms']:7.1f} ms",
                flush=True,
            )
        exports = {}
        if cache and not args.no_full_export:
            for path in ("/meetings/export.csv", "/meetings/export.json"):
                exports[path] = full_export(server, path)
                print(f"  {path}: {exports[path]}", flush=True)
        return results, exports
    finally:
        server.stop()


# ---------------------------------------------------------------- reporting


def machine():
    info = {"platform": platform.platform(), "python": platform.python_version()}
    try:
        with open("/proc/cpuinfo") as handle:
            models = [
                line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")
            ]
        info["cpu"] = f"{models[0]} x {len(models)}" if models else platform.processor()
    except OSError:
        info["cpu"] = platform.processor()
    info["cores"] = os.cpu_count()
    try:
        with open("/proc/meminfo") as handle:
            info["memory_gb"] = round(int(handle.readline().split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    info["load_average"] = os.getloadavg()
    return info


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


TARGETS = {"search": 0.2, "export": None}  # the rest: 0.25 of the baseline; p99 < 200 ms


def verdict(name, result, ratio):
    if name == "baseline":
        return ""
    minimum = TARGETS.get(name, 0.25)
    if minimum is None:
        return "n/a"
    return "met" if ratio >= minimum and result["p99_ms"] < 200 else "missed"


def table(title, results, judged=True):
    baseline = results["baseline"]["rps"]
    lines = [
        title,
        f"{'URL class':<28} {'URLs':>5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'x base':>7} {'peak MB':>8} {'errors':>6}  target",
    ]
    labels = dict(CLASSES, baseline="baseline (constant view)")
    for name, result in results.items():
        ratio = result["rps"] / baseline if baseline else 0
        lines.append(
            f"{labels[name]:<28} {result['urls']:>5} {result['rps']:>8.1f} "
            f"{result['p50_ms']:>8.1f} {result['p99_ms']:>8.1f} {ratio:>7.3f} "
            f"{result['peak_mb']:>8} {result['errors']:>6}  {verdict(name, result, ratio) if judged else ''}"
        )
    return "\n".join(lines)


def recycling(args):
    limit = gunicorn_settings().max_requests if args.max_requests is None else args.max_requests
    return f"after about {limit} requests" if limit else "never"


def main():
    args = parse_args()
    args.classes = [name for name in args.classes.split(",") if name]
    args.workers = args.workers or gunicorn_settings().workers
    args.connections = args.connections or 2 * (os.cpu_count() or 1) + 1
    RESULTS.mkdir(parents=True, exist_ok=True)
    database_url = os.environ.get("DATABASE_URL") or (
        f"sqlite:///{RESULTS / f'bench-{args.meetings}-seed{args.seed}.sqlite3'}"
    )
    if database_url.startswith("postgres"):
        ensure_postgres_database(database_url)
    setup_django(database_url)
    generation = prepare_database(args)
    database = database_info()
    pools = url_pools(args.seed, args.urls)

    if args.client == "python" or (args.client == "auto" and not shutil.which("wrk")):
        client, client_name = run_python, "python threads"
        if args.client == "auto":
            print("wrk not found (apt-get install wrk): using the Python client.")
    else:
        client, client_name = run_wrk, "wrk"

    report = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "database": database,
        "meetings": args.meetings,
        "seed": args.seed,
        "generation": generation,
        "server": {
            "gunicorn_workers": args.workers,
            "flags": "as make serve (meetings/gunicorn_conf.py): sync workers, "
            f"recycled {recycling(args)}, timeout {gunicorn_settings().timeout} s",
        },
        "client": {
            "name": client_name,
            "connections": args.connections,
            "seconds_per_class": args.duration,
            "warmup_seconds": args.warmup,
        },
        "modes": {},
    }
    logdir = Path(tempfile.mkdtemp(prefix="bilateral-bench-"))
    redis, redis_url, backend = None, os.environ.get("REDIS_URL"), "REDIS_URL"
    if args.cache_backend == "locmem" or (
        args.cache_backend == "auto" and not redis_url and not shutil.which("redis-server")
    ):
        redis_url, backend = None, "each worker's memory (locmem)"
    elif not redis_url:
        redis = Redis()
        redis_url, backend = redis.url, "a private redis-server"
    report["server"]["cache"] = backend
    tables = []
    for mode in [m.strip() for m in args.cache.split(",") if m.strip()]:
        cache = mode == "on"
        print(
            f"Caching {mode}: {database['vendor']}, {args.meetings:,} meetings, "
            f"{args.workers} workers, {client_name}, cache in {backend}",
            flush=True,
        )
        if redis:
            redis.flush()
        results, exports = measure(args, database_url, pools, cache, client, logdir, redis_url)
        report["modes"][mode] = {"classes": results, "full_exports": exports}
        tables.append(
            table(f"\n{database['vendor']} {database['version']}, caching {mode}", results, cache)
        )
    report["finished_load_average"] = os.getloadavg()
    if redis:
        redis.stop()

    for text in tables:
        print(text)
    for data in report["modes"].values():
        for path, export in data["full_exports"].items():
            print(f"full export {path}: {export}")
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"{stamp}-{database['vendor']}-{args.meetings}.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nWritten to {out.relative_to(ROOT)}; server logs in {logdir}")
    if any(
        result["status_errors"]
        for data in report["modes"].values()
        for result in data["classes"].values()
    ):
        print("Some responses were errors: see the server logs.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
