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
    A view decorator: the whole response, cached for its path, the parameters the page
    understands and the data version.

Caching is off when the BILATERAL_CACHE setting (or environment variable) is false. The cache
is an optimisation, never a dependency: an error from it (Redis down, or hung past its
timeout) is a miss, logged once, and the cache is left alone for CACHE_RETRY seconds.
"""

import contextlib
import contextvars
import datetime
import functools
import hashlib
import logging
import os
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse, QueryDict
from django.utils import translation
from django.views.decorators.http import condition

logger = logging.getLogger(__name__)

TABLE = "meetings_dataversion"
CACHE_ALIAS = "default"
CACHE_TIMEOUT = 3600  # seconds; values of an old version are never read again anyway
LOCK_TIMEOUT = 60  # seconds a process may hold "I am computing this"
LOCK_WAIT = 15  # seconds another process waits for it before computing it too
FALSE = {"0", "false", "no", "off"}
CACHE_RETRY = 30  # seconds the cache is left alone after an error

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
    (digest, newest modification time) of the code, templates, static files and
    translations: part of every ETag and Last-Modified, so that a deploy is never answered
    with a 304 from before.
    BILATERAL_RELEASE (a setting or environment variable) may name the release instead.
    """
    base = settings.BASE_DIR
    digest = hashlib.sha256()
    newest = 0.0
    release = getattr(settings, "BILATERAL_RELEASE", "") or os.environ.get("BILATERAL_RELEASE", "")
    if release:
        digest.update(release.encode())
    else:
        for folder in ("meetings", "templates", "static", "locale"):
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
    # The code too: a deploy may change what a key holds (a shared cache outlives it); and
    # the language, since values hold translated labels and localized links.
    version = current_version()
    language = translation.get_language() or settings.LANGUAGE_CODE
    name = hashlib.sha256(
        f"{version.token}\x00{code_version()[0]}\x00{language}\x00{key!r}".encode()
    )
    return f"bilateral:{name.hexdigest()}"


class _CacheHealth:
    """Per process: whether the cache failed lately, and until when to leave it alone."""

    failing = False
    retry_at = 0.0


def cache_call(method, *args, default=None):
    """
    caches[CACHE_ALIAS].<method>(*args), or `default` if the cache fails: the first error of
    an outage is logged (not one per request), and for CACHE_RETRY seconds afterwards the
    cache is not even tried, so a hung Redis costs one timeout per process, not one per call.
    """
    if _CacheHealth.failing and time.monotonic() < _CacheHealth.retry_at:
        return default
    try:
        value = getattr(caches[CACHE_ALIAS], method)(*args)
    except Exception as error:  # any cache backend's error: a miss, not a failed page
        if not _CacheHealth.failing:
            logger.warning("Cache unavailable, pages are computed without it: %r", error)
        _CacheHealth.failing = True
        _CacheHealth.retry_at = time.monotonic() + CACHE_RETRY
        return default
    if _CacheHealth.failing:
        logger.warning("Cache available again.")
        _CacheHealth.failing = False
    return value


def cache_state():
    """For /healthz: "ok", "unavailable" or "off", probing the cache with a write and a read."""
    if not caching_enabled():
        return "off"
    probe = f"bilateral:healthz:{os.getpid()}"
    try:
        cache = caches[CACHE_ALIAS]
        cache.set(probe, 1, 10)
        return "ok" if cache.get(probe) == 1 else "unavailable"
    except Exception as error:
        logger.warning("Health check: cache unavailable: %r", error)
        return "unavailable"


def _compute_once(name, compute, store=lambda value: value, timeout=CACHE_TIMEOUT):
    """
    (value, True) from the cache under `name`, or (compute(), False) after caching
    store(value) there (unless that is None). When several processes miss the same value at
    once (right after a write, or on a busy page), one computes it and, with a shared cache,
    the others wait for it, rather than all doing the same expensive work on the same cores.
    """
    value = cache_call("get", name, _MISSING, default=_MISSING)
    if value is not _MISSING:
        return value, True
    lock = name + ":computing"
    # A failing cache holds no lock: compute at once.
    if not cache_call("add", lock, os.getpid(), LOCK_TIMEOUT, default=True):
        deadline = time.monotonic() + LOCK_WAIT
        while time.monotonic() < deadline:
            time.sleep(0.02)
            value = cache_call("get", name, _MISSING, default=_MISSING)
            if value is not _MISSING:
                return value, True
            if cache_call("get", lock) is None:  # the other process gave up: compute it here
                break
    try:
        value = compute()
        stored = store(value)
        if stored is not None:
            cache_call("set", name, stored, timeout)
    finally:
        cache_call("delete", lock)
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


def understood_query(querydict, params):
    """
    The query with only the parameters a page understands (`params`), in their order: the
    page is computed from these alone, so a made-up parameter changes neither the page nor
    its cache key. `params` None keeps every parameter.
    """
    if params is None:
        return querydict
    understood = QueryDict(mutable=True)
    for key, values in querydict.lists():
        if key in params:
            understood.setlist(key, values)
    understood._mutable = False
    return understood


def page_cache_key(request):
    """The page's cache key: scheme, host, path and the understood query (not the raw URL)."""
    return ("page", request.scheme, request.get_host(), request.path, request.GET.urlencode())


def cached_page(view, params=None):
    """
    The whole response of a page for one data version: the same page again (path, the
    parameters in `params` that the page understands, host and scheme; others are dropped
    before the view runs) until the next write costs one cache read instead of its queries
    and its rendering. Only successful, non-streaming answers to GET are kept. The pages depend
    on nothing but the URL and the data (no user, no session, no CSRF token, no nonce). Put
    it under conditional_page, which reads the version once for both.
    """

    def storable(response):
        if response.status_code == 200 and not response.streaming:
            return response.content, response["Content-Type"]
        return None

    @functools.wraps(view)
    def page(request, *args, **kwargs):
        request.GET = understood_query(request.GET, params)
        if request.method != "GET" or not caching_enabled():
            return view(request, *args, **kwargs)
        name = _cache_key(page_cache_key(request))
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
