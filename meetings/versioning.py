"""
The data version: a value that changes on every write to the tables the public pages show,
read in one small query, and the helpers built on it.

The database keeps it (migration 0002): one row of meetings_dataversion, a random token and
the time of the last write, replaced by a trigger on every insert, update, delete or
truncate of any table of this app, whoever writes (the admin, loaddata, bulk_create,
queryset.update(), plain SQL), in the same transaction as the write. So:

* a reader never sees a new version before the data it stands for;
* a rolled-back write leaves the version as it was, and a random token (unlike a counter)
  is never reused for other data, even after restoring a backup.

Helpers:

``conditional_page``
    A view decorator (django.views.decorators.http.condition underneath): ETag and
    Last-Modified from the data version and the deployed code, 304 Not Modified when the
    client's copy is current, and ``Cache-Control: no-cache`` so that browsers ask every time
    and an edit shows at once.

``cached(key, compute)``
    compute() once per data version: the value is cached under the key and the version, so a
    write makes every cached value obsolete at once, with no invalidation to get wrong.

``cached_page``
    A view decorator: the whole response, cached for its URL and the data version.

Caching is off when the BILATERAL_CACHE setting (or environment variable) is false.
"""

import contextlib
import contextvars
import datetime
import functools
import hashlib
import os
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse
from django.views.decorators.http import condition

TABLE = "meetings_dataversion"
CACHE_ALIAS = "default"
CACHE_TIMEOUT = 3600  # seconds; values of an old version are never read again anyway
LOCK_TIMEOUT = 60  # seconds a process may hold "I am computing this"
LOCK_WAIT = 15  # seconds another process waits for it before computing it too
FALSE = {"0", "false", "no", "off"}

_MISSING = object()
_current = contextvars.ContextVar("bilateral_data_version", default=None)
_uncached = contextvars.ContextVar("bilateral_uncached", default=False)


@dataclass(frozen=True)
class Version:
    token: str
    changed: datetime.datetime  # when the last write happened (UTC)


def data_version(using=DEFAULT_DB_ALIAS):
    """The current data version, in one query."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT token, changed FROM {TABLE} WHERE id = 1")
        row = cursor.fetchone()
    if row is None:  # the row was deleted by hand: never cache, never claim "not modified"
        return Version(uuid.uuid4().hex, datetime.datetime.now(datetime.UTC))
    token, changed = row
    if isinstance(changed, str):  # SQLite keeps it as text, in UTC
        changed = datetime.datetime.fromisoformat(changed)
    if changed.tzinfo is None:
        changed = changed.replace(tzinfo=datetime.UTC)
    return Version(token, changed)


def current_version():
    """The version the current request runs under (read once), or the database's."""
    return _current.get() or data_version()


@functools.cache
def code_version():
    """
    (digest, newest modification time) of the code, templates and static files: part of
    every ETag and Last-Modified, so that a deploy is never answered with a 304 from before.
    BILATERAL_RELEASE (a setting or environment variable) may name the release instead.
    """
    base = settings.BASE_DIR
    digest = hashlib.sha256()
    newest = 0.0
    release = getattr(settings, "BILATERAL_RELEASE", "") or os.environ.get("BILATERAL_RELEASE", "")
    if release:
        digest.update(release.encode())
    else:
        for folder in ("meetings", "templates", "static"):
            for path in sorted((base / folder).rglob("*")):
                if "__pycache__" in path.parts or not path.is_file():
                    continue
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
                newest = max(newest, path.stat().st_mtime)
    return digest.hexdigest()[:12], datetime.datetime.fromtimestamp(newest, datetime.UTC)


def _request_version(request):
    version = getattr(request, "_bilateral_data_version", None)
    if version is None:
        version = request._bilateral_data_version = data_version()
    return version


def _etag(request, *args, **kwargs):
    return f'W/"{_request_version(request).token}-{code_version()[0]}"'


def _last_modified(request, *args, **kwargs):
    return max(_request_version(request).changed, code_version()[1])


def conditional_page(view):
    """
    Conditional GET for a page or export: ETag and Last-Modified from the data version, and
    304 Not Modified when nothing changed since the client's copy. The view runs under that
    version, so `cached()` inside it reads no version of its own.
    """

    @functools.wraps(view)
    def under_version(request, *args, **kwargs):
        token = _current.set(_request_version(request))
        try:
            return view(request, *args, **kwargs)
        finally:
            _current.reset(token)

    conditional = condition(etag_func=_etag, last_modified_func=_last_modified)(under_version)

    @functools.wraps(view)
    def page(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        if response.status_code in (200, 304) and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-cache"  # keep a copy, but ask before using it
        return response

    return page


def caching_enabled():
    if _uncached.get():
        return False
    value = getattr(settings, "BILATERAL_CACHE", None)
    if value is None:
        value = os.environ.get("BILATERAL_CACHE", "1").strip().lower() not in FALSE
    return bool(value)


def _cache_key(key):
    # The code too: a deploy may change what a key holds (a shared cache outlives it).
    version = current_version()
    name = hashlib.sha256(f"{version.token}\x00{code_version()[0]}\x00{key!r}".encode())
    return f"bilateral:{name.hexdigest()}"


def _compute_once(name, compute, store=lambda value: value, timeout=CACHE_TIMEOUT):
    """
    (value, True) from the cache under `name`, or (compute(), False) after caching
    store(value) there (unless that is None). When several processes miss the same value at
    once (right after a write, or on a busy page), one computes it and, with a shared cache,
    the others wait for it, rather than all doing the same expensive work on the same cores.
    """
    cache = caches[CACHE_ALIAS]
    value = cache.get(name, _MISSING)
    if value is not _MISSING:
        return value, True
    lock = name + ":computing"
    if not cache.add(lock, os.getpid(), LOCK_TIMEOUT):
        deadline = time.monotonic() + LOCK_WAIT
        while time.monotonic() < deadline:
            time.sleep(0.02)
            value = cache.get(name, _MISSING)
            if value is not _MISSING:
                return value, True
            if cache.get(lock) is None:  # the other process gave up: compute it here
                break
    try:
        value = compute()
        stored = store(value)
        if stored is not None:
            cache.set(name, stored, timeout)
    finally:
        cache.delete(lock)
    return value, False


def cached(key, compute, timeout=CACHE_TIMEOUT):
    """
    compute(), cached under `key` (any value with a stable repr: a string, a tuple) and the
    current data version. Returns what compute() returned, so it must be picklable data:
    lists, dicts, tuples, numbers, strings, not querysets.
    """
    if not caching_enabled():
        return compute()
    return _compute_once(_cache_key(key), compute, timeout=timeout)[0]


def cached_page(view):
    """
    The whole response of a page for one data version: the same URL again (path, query,
    host and scheme) until the next write costs one cache read instead of its queries and
    its rendering. Only successful, non-streaming answers to GET are kept. The pages depend
    on nothing but the URL and the data (no user, no session, no CSRF token, no nonce). Put
    it under conditional_page, which reads the version once for both.
    """

    def storable(response):
        if response.status_code == 200 and not response.streaming:
            return response.content, response["Content-Type"]
        return None

    @functools.wraps(view)
    def page(request, *args, **kwargs):
        if request.method != "GET" or not caching_enabled():
            return view(request, *args, **kwargs)
        name = _cache_key(("page", request.build_absolute_uri()))
        value, from_cache = _compute_once(
            name, lambda: view(request, *args, **kwargs), store=storable
        )
        if not from_cache:
            return value
        content, content_type = value
        return from_the_cache(HttpResponse(content, content_type=content_type))

    return page


# ---------------------------------------------------------------- measuring (bench/)


@contextlib.contextmanager
def uncached():
    """Within it, caching is off for this context only (the benchmark's cold requests)."""
    token = _uncached.set(True)
    try:
        yield
    finally:
        _uncached.reset(token)


def from_the_cache(response):
    """Mark a response cached_page answered from the cache (the benchmark counts them)."""
    response.bilateral_from_cache = True
    return response
