"""
The cache is an optimisation, never a dependency: a cache that refuses connections, or
accepts them and never answers, is a miss (logged once, not per request) and pages answer as
usual; /healthz reports the cache's state without failing on it; and a page's cache key is
built from the parameters it understands, so made-up ones share one entry.
"""

import logging
import socket
import time

import pytest
from django.core.cache import caches

from meetings import versioning

pytestmark = pytest.mark.django_db

PAGES = ["/", "/meetings/", "/meetings/?topic=security", "/officials/", "/sources/"]


@pytest.fixture(autouse=True)
def healthy_cache_state():
    """The cache's health is remembered per process: each test starts with it healthy."""
    versioning._CacheHealth.failing = False
    versioning._CacheHealth.retry_at = 0.0
    yield
    versioning._CacheHealth.failing = False
    versioning._CacheHealth.retry_at = 0.0


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_at(settings, port, timeout=0.3):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
        }
    }


def warnings_about_the_cache(caplog):
    return [r for r in caplog.records if r.getMessage().startswith("Cache unavailable")]


def test_a_redis_that_refuses_connections_is_a_miss_logged_once(client, settings, caplog):
    redis_at(settings, closed_port())
    caplog.set_level(logging.WARNING, logger="meetings.versioning")
    for path in PAGES * 2:
        response = client.get(path)
        assert response.status_code == 200, path
    assert len(warnings_about_the_cache(caplog)) == 1


def test_a_hung_redis_costs_one_timeout_not_one_per_request(client, settings, silent_listener):
    redis_at(settings, silent_listener, timeout=0.3)
    started = time.monotonic()
    for path in PAGES:
        assert client.get(path).status_code == 200, path
    # One timeout (0.3 s), then the cache is left alone for CACHE_RETRY seconds.
    assert time.monotonic() - started < 0.3 * 3 + 3


def test_the_cache_is_tried_again_after_a_while(client, settings, caplog, monkeypatch):
    redis_at(settings, closed_port())
    caplog.set_level(logging.WARNING, logger="meetings.versioning")
    client.get("/")
    assert versioning._CacheHealth.failing
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    monkeypatch.setattr(versioning._CacheHealth, "retry_at", 0.0)
    assert client.get("/").status_code == 200
    assert not versioning._CacheHealth.failing
    assert "Cache available again." in caplog.text


def test_healthz_reports_the_cache_without_failing_on_it(client, settings, silent_listener):
    assert client.get("/healthz").json()["cache"] == "ok"
    redis_at(settings, silent_listener)
    started = time.monotonic()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "unavailable"}
    assert time.monotonic() - started < 3
    settings.BILATERAL_CACHE = False
    assert client.get("/healthz").json()["cache"] == "off"


# ---------------------------------------------------------------- keys


def cached_pages():
    return [key for key in caches["default"]._cache if not key.endswith(":computing")]


def test_made_up_parameters_share_one_entry(client):
    for number in range(30):
        assert client.get("/sources/", {"anything": number, f"x{number}": "y"}).status_code == 200
    assert len(cached_pages()) == 1
    first = client.get("/meetings/", {"topic": "security", "madeup": "a"}).content
    again = client.get("/meetings/", {"topic": "security", "junk": "<b>"}).content
    assert first == again
    assert b"madeup" not in first and b"junk" not in first  # links keep what the page understands


def test_the_parameters_a_page_understands_are_kept_apart(client):
    security = client.get("/meetings/", {"topic": "security"}).content
    nafta = client.get("/meetings/", {"topic": "nafta"}).content
    assert security != nafta
    mexico = client.get("/officials/", {"country": "MX"}).content
    assert mexico != client.get("/officials/", {"country": "US"}).content
    assert len(cached_pages()) >= 4


def test_a_real_redis_is_not_filled_by_made_up_parameters(client, settings):
    """Against the Redis of REDIS_URL's database 2, when one runs here."""
    redis = pytest.importorskip("redis")
    server = redis.Redis(host="127.0.0.1", port=6379, db=2, socket_connect_timeout=0.5)
    try:
        server.flushdb()
    except redis.exceptions.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    redis_at(settings, 6379, timeout=1)
    settings.CACHES["default"]["LOCATION"] = "redis://127.0.0.1:6379/2"
    for number in range(100):
        client.get("/sources/", {"anything": number})
    assert server.dbsize() <= 3  # the page, and at most a lock or two
    server.flushdb()
