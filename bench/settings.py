"""
Settings for `make bench`: the production settings (meetings.project.settings, read from the
environment as in production), plus the baseline view's URL. BILATERAL_CACHE=0 turns the
data-version cache off, for the second table.
"""

from meetings.project.settings import *  # noqa: F403
from meetings.project.settings import env_bool

ROOT_URLCONF = "bench.urls"

BILATERAL_CACHE = env_bool("BILATERAL_CACHE", True)

# One server for every mode: X-Bench-Cache: off computes a request with caching off, and
# each answer says whether the page cache gave it (bench/middleware.py).
MIDDLEWARE = ["bench.middleware.BenchCacheMiddleware", *MIDDLEWARE]  # noqa: F405
