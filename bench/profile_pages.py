#!/usr/bin/env python3
"""
Where a cold page's time goes, in process: SQL against Python (templates above all).

    DATABASE_URL=sqlite:////tmp/cold100k.sqlite3 python bench/profile_pages.py --class filtered
    ... --profile 25      # and cProfile's 25 costliest functions (cumulative)
    ... --templates       # and the time each template took to render (with what it includes)

Caching is off (BILATERAL_CACHE=0), so every request computes. It asks for --urls URLs of the
class from the benchmark's pools (bench/pools.py, the same seed), each once after one warm-up
request, through Django's test client, and prints the mean time per request, the part spent
in SQL (timed around every query) and the rest, Python.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--class", dest="url_class", default="filtered")
    parser.add_argument("--urls", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", type=int, default=0, help="print this many functions")
    parser.add_argument("--templates", action="store_true", help="time each template")
    return parser.parse_args()


class SQLTimer:
    def __init__(self):
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def time_templates():
    """A Counter of seconds spent rendering each template, its includes' time included."""
    from collections import Counter

    from django.template import base

    seconds = Counter()
    render = base.Template._render

    def timed(self, context):
        started = time.perf_counter()
        try:
            return render(self, context)
        finally:
            seconds[self.origin.template_name] += time.perf_counter() - started

    base.Template._render = timed
    return seconds


def main():
    args = parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meetings.project.settings")
    os.environ.setdefault("SECRET_KEY", "profile-only")
    os.environ["BILATERAL_CACHE"] = "0"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from bench.pools import url_pools

    templates = time_templates() if args.templates else None
    urls = url_pools(args.seed, max(args.urls, 3))[args.url_class][: args.urls]
    client = Client()
    client.get(urls[0], secure=True)  # templates compiled, connections opened
    if templates is not None:
        templates.clear()
    timer = SQLTimer()
    profiler = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    with connection.execute_wrapper(timer):
        for url in urls:
            if profiler:
                profiler.enable()
            response = client.get(url, secure=True)
            if profiler:
                profiler.disable()
            if response.status_code != 200:
                print(f"{url}: {response.status_code}", file=sys.stderr)
    total = time.perf_counter() - started
    n = len(urls)
    print(
        f"{args.url_class}: {n} URLs, {1000 * total / n:.1f} ms a request: "
        f"SQL {1000 * timer.seconds / n:.1f} ms ({timer.queries / n:.1f} queries), "
        f"Python {1000 * (total - timer.seconds) / n:.1f} ms"
    )
    for name, seconds in (templates or {}).items():
        print(f"  {1000 * seconds / n:7.2f} ms  {name}")
    if profiler:
        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(
            args.profile
        )


if __name__ == "__main__":
    main()
