"""
Deploying: the settings as the environment makes them, `check --deploy` clean, and the real
thing — gunicorn serving the production settings, static files from WhiteNoise with hashed
names, compression and a year's cache — checked from outside over HTTP.

Each case runs in a fresh process with an environment built from nothing, as a server would
start, so nothing from the test settings leaks in.
"""

import json
import os
import re
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
STRONG_KEY = "k7Qe9sXz2LpR4vN8wJ6mT1cY5bH3gF0dA9uK2iO7eW4rS6tZ8xV1nM3qP5jL0hG"

PRODUCTION = {
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "bilateral.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://bilateral.example.org",
}


def environment(tmp_path, **variables):
    env = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "LOG_LEVEL": "WARNING",
    }
    env.update(variables)
    return {name: value for name, value in env.items() if value is not None}


def run(args, env, check=True):
    result = subprocess.run(
        args, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def manage(*args, env, check=True):
    return run([sys.executable, "manage.py", *args], env, check)


SHOW = """
import json, django
django.setup()
from django.conf import settings
from django.urls import reverse
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "CSRF_TRUSTED_ORIGINS": settings.CSRF_TRUSTED_ORIGINS,
    "ADMINS": settings.ADMINS,
    "admin": reverse("admin:index"),
    "CACHE": settings.CACHES["default"],
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL": [settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS],
    "DATABASE": [settings.DATABASES["default"]["ENGINE"], settings.DATABASES["default"]["CONN_MAX_AGE"]],
    "DATABASE_OPTIONS": settings.DATABASES["default"].get("OPTIONS", {}),
    "STATEMENT_TIMEOUT": settings.DATABASE_STATEMENT_TIMEOUT_MS,
    "ERROR_MAIL_INTERVAL": settings.ERROR_MAIL_INTERVAL,
    "SECURE_PROXY_SSL_HEADER": settings.SECURE_PROXY_SSL_HEADER,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "AXES": [settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME.total_seconds()],
    "PROXY_COUNT": settings.PROXY_COUNT,
    "STATICFILES": settings.STORAGES["staticfiles"]["BACKEND"],
}, default=str))
"""


def show_settings(tmp_path, **variables):
    env = environment(tmp_path, DJANGO_SETTINGS_MODULE="meetings.project.settings", **variables)
    return json.loads(run([sys.executable, "-c", SHOW], env).stdout)


# ---------------------------------------------------------------- settings


def test_production_defaults(tmp_path):
    shown = show_settings(tmp_path, **PRODUCTION)
    assert shown["DEBUG"] is False
    assert shown["ALLOWED_HOSTS"] == ["bilateral.example.org"]
    assert shown["CSRF_TRUSTED_ORIGINS"] == ["https://bilateral.example.org"]
    assert shown["admin"] == "/admin/"
    assert shown["CACHE"]["BACKEND"].endswith("LocMemCache")
    assert shown["EMAIL_BACKEND"].endswith("console.EmailBackend")
    assert shown["DATABASE"] == ["django.db.backends.sqlite3", 60]
    assert shown["DATABASE_OPTIONS"] == {}  # SQLite's bound is meetings/project/dbguard.py
    assert shown["STATEMENT_TIMEOUT"] == 5000
    assert shown["ERROR_MAIL_INTERVAL"] == 600
    assert shown["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert shown["SECURE_SSL_REDIRECT"] is True
    assert shown["SECURE_HSTS_SECONDS"] == 31_536_000
    assert shown["SESSION_COOKIE_SECURE"] is True
    assert shown["AXES"] == [5, 1800.0]
    assert shown["PROXY_COUNT"] == 1
    assert shown["STATICFILES"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_everything_comes_from_the_environment(tmp_path):
    shown = show_settings(
        tmp_path,
        **PRODUCTION,
        ADMIN_URL="/back-office/",
        ADMINS="Night Desk <desk@example.org>, ops@example.org",
        REDIS_URL="redis://127.0.0.1:6379/1",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="465",
        EMAIL_USE_SSL="1",
        DATABASE_URL="postgres://bilateral:secret@db.internal:5432/bilateral",
        CONN_MAX_AGE="300",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Scheme",
        SECURE_HSTS_SECONDS="63072000",
        AXES_FAILURE_LIMIT="3",
        AXES_COOLOFF_MINUTES="60",
        PROXY_COUNT="2",
        DATABASE_STATEMENT_TIMEOUT_MS="3000",
        DATABASE_CONNECT_TIMEOUT="4",
        DATABASE_RANDOM_PAGE_COST="1.5",
        DATABASE_PARALLEL_WORKERS="2",
        DATABASE_JIT="1",
        REDIS_TIMEOUT_MS="250",
        ERROR_MAIL_INTERVAL="3600",
    )
    assert shown["admin"] == "/back-office/"
    assert shown["ADMINS"] == [["Night Desk", "desk@example.org"], ["", "ops@example.org"]]
    assert shown["CACHE"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }
    assert shown["DATABASE_OPTIONS"] == {
        "connect_timeout": 4,
        "options": (
            "-c statement_timeout=3000 -c random_page_cost=1.5 -c max_parallel_workers_per_gather=2 "
            "-c jit=on"
        ),
    }
    assert shown["STATEMENT_TIMEOUT"] == 3000
    assert shown["ERROR_MAIL_INTERVAL"] == 3600
    assert shown["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert shown["EMAIL"] == ["smtp.example.org", 465, False]
    assert shown["DATABASE"] == ["django.db.backends.postgresql", 300]
    assert shown["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_SCHEME", "https"]
    assert shown["SECURE_HSTS_SECONDS"] == 63_072_000
    assert shown["AXES"] == [3, 3600.0]
    assert shown["PROXY_COUNT"] == 2


def test_postgresql_connections_plan_for_short_statements(tmp_path):
    database = {"DATABASE_URL": "postgres://bilateral@db.internal:5432/bilateral"}
    shown = show_settings(tmp_path, **PRODUCTION, **database)
    assert shown["DATABASE_OPTIONS"]["options"] == (
        "-c statement_timeout=5000 -c random_page_cost=1.1 "
        "-c max_parallel_workers_per_gather=0 -c jit=off"
    )


def test_development_with_debug(tmp_path):
    shown = show_settings(tmp_path, DEBUG="1")
    assert shown["DEBUG"] is True
    assert "127.0.0.1" in shown["ALLOWED_HOSTS"]
    assert shown["SECURE_SSL_REDIRECT"] is False
    assert shown["SECURE_HSTS_SECONDS"] == 0
    assert shown["SESSION_COOKIE_SECURE"] is False


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": STRONG_KEY, "DEBUG": "maybe"}, "DEBUG must be 1 or 0"),
        ({"SECRET_KEY": STRONG_KEY, "CONN_MAX_AGE": "forever"}, "CONN_MAX_AGE must be a whole"),
        (
            {"SECRET_KEY": STRONG_KEY, "DATABASE_RANDOM_PAGE_COST": "cheap"},
            "DATABASE_RANDOM_PAGE_COST must be a number",
        ),
    ],
)
def test_refuses_to_start_misconfigured(tmp_path, variables, message):
    result = manage("check", env=environment(tmp_path, **variables), check=False)
    assert result.returncode != 0
    assert message in result.stderr


def test_check_deploy_is_clean(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=environment(tmp_path, **PRODUCTION)
    )
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr.strip() == ""


def test_check_deploy_notices_a_weakened_setup(tmp_path):
    env = environment(tmp_path, **PRODUCTION, SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="0")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env, check=False)
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


# ---------------------------------------------------------------- gunicorn and WhiteNoise


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, headers=None):
    request = urllib.request.Request(
        url, headers={"Host": "bilateral.example.org", **(headers or {})}
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn with the production settings on a free local port, as `make serve` runs it."""
    tmp_path = tmp_path_factory.mktemp("serve")
    # gunicorn's control socket goes in this test's directory, not the user's home.
    env = environment(tmp_path, **PRODUCTION, XDG_RUNTIME_DIR=str(tmp_path))
    manage("collectstatic", "--no-input", "--verbosity", "0", env=env)
    manage("migrate", "--no-input", "--verbosity", "0", env=env)
    manage("loaddata", "reference", "officials", "sources", "meetings", "--verbosity", "0", env=env)
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "meetings.project.wsgi",
            "--config",
            "python:meetings.project.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if fetch(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"gunicorn did not start: {process.communicate()[1]}")
            time.sleep(0.2)
        yield base, tmp_path / "static"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_served_page_has_the_production_headers(server):
    base, _ = server
    status, headers, body = fetch(f"{base}/", {"X-Forwarded-Proto": "https"})
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "Set-Cookie" not in headers
    # Static files under hashed names.
    assert b'href="/static/css/site.' in body and b'href="/static/css/site.css"' not in body


def test_served_plain_http_is_redirected(server):
    base, _ = server
    status, headers, _ = fetch(f"{base}/meetings/")
    assert status == 301
    assert headers["Location"] == "https://bilateral.example.org/meetings/"
    assert fetch(f"{base}/healthz")[0] == 200  # probes inside the network


def test_served_unknown_host_is_refused(server):
    base, _ = server
    status, _, body = fetch(f"{base}/", {"Host": "evil.example.com", "X-Forwarded-Proto": "https"})
    assert status == 400
    assert b"Traceback" not in body


def test_static_files_are_hashed_compressed_and_cached_for_a_year(server):
    base, static_root = server
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css"
    url, https = f"{base}/static/{hashed}", {"X-Forwarded-Proto": "https"}
    status, headers, _ = fetch(url, {**https, "Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"].startswith("text/css")
    assert headers["Strict-Transport-Security"]
    assert fetch(url, {**https, "Accept-Encoding": "br"})[1]["Content-Encoding"] == "br"
    # The admin's files too, which collectstatic gathered.
    admin_css = f"{base}/static/{manifest['paths']['admin/css/base.css']}"
    assert fetch(admin_css, https)[0] == 200


def test_management_commands_have_their_own_statement_bound(tmp_path):
    """Imports and backups may run long statements: off by default, or their own bound."""
    show = "from django.conf import settings; print(settings.DATABASE_STATEMENT_TIMEOUT_MS)"
    env = environment(tmp_path, **PRODUCTION, DATABASE_STATEMENT_TIMEOUT_MS="2000")
    assert manage("shell", "-c", show, env=env).stdout.split()[-1] == "0"
    env = environment(tmp_path, **PRODUCTION, DATABASE_COMMAND_TIMEOUT_MS="600000")
    assert manage("shell", "-c", show, env=env).stdout.split()[-1] == "600000"


def locked_versions(path):
    """{name: version} of a pip-compile lock file, checking each pin has its hashes."""
    text = (BASE_DIR / path).read_text()
    pins = re.findall(
        r"^([A-Za-z0-9._-]+)==(\S+) \\\n((?:\s+--hash=sha256:[0-9a-f]{64}.*\n)+)", text, re.M
    )
    assert pins, path
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version, _ in pins}


def test_the_lock_files_pin_every_dependency_with_hashes():
    """`make lock` regenerates them; `make install` installs them with --require-hashes."""
    project = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["project"]

    def names(requirements):
        return {
            re.sub(r"[-_.]+", "-", re.split(r"[<>=\[ ;]", r, maxsplit=1)[0]).lower()
            for r in requirements
        }

    site, dev = locked_versions("requirements.txt"), locked_versions("requirements-dev.txt")
    assert names(project["dependencies"]) <= set(site)
    assert names(project["dependencies"]) | names(project["optional-dependencies"]["dev"]) <= set(
        dev
    )
    # The site's versions are the same in both files.
    assert {name: dev[name] for name in site} == site
    makefile = (BASE_DIR / "Makefile").read_text()
    assert "--require-hashes -r requirements-dev.txt" in makefile
    assert "pip-compile" in makefile and "--generate-hashes" in makefile
