"""
/healthz and graceful failure: 200 while the database answers, 503 when it does not, and
pages then answer a friendly 503 page, never a server error or a stack trace.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import connections
from django.db.utils import OperationalError, ProgrammingError

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent
POMPEO = "2018-05-pompeo-videgaray-washington"


@pytest.fixture
def database_down():
    """Every new cursor fails as it does when the server has gone away."""
    with mock.patch.object(
        connections["default"],
        "ensure_connection",
        side_effect=OperationalError("connection to server failed: Connection refused"),
    ):
        yield


def test_healthz_is_ok_while_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_head_and_refuses_writes(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_healthz_is_503_when_the_database_is_down(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "cache": "ok"}
    assert "refused" not in response.content.decode()  # no details for the outside world


@pytest.mark.parametrize(
    "path", ["/", "/meetings/", f"/meetings/{POMPEO}/", "/officials/", "/sources/"]
)
def test_pages_answer_a_friendly_503_when_the_database_is_down(client, database_down, path):
    response = client.get(path, secure=True)
    assert response.status_code == 503
    page = response.content.decode()
    assert "Temporarily unavailable" in page
    assert "try again" in page
    assert "Traceback" not in page and "OperationalError" not in page
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "Strict-Transport-Security" in response


def test_only_a_lost_connection_is_an_outage(rf, settings):
    from meetings.project.middleware import DatabaseUnavailableMiddleware

    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    lost = OperationalError("server closed the connection unexpectedly")
    assert middleware.process_exception(rf.get("/"), lost).status_code == 503
    # A bug (a missing table, bad SQL) stays a server error: it is not disguised as an outage.
    bug = ProgrammingError('relation "meetings_meeting" does not exist')
    assert middleware.process_exception(rf.get("/"), bug) is None
    # With DEBUG on, Django's debug page shows the error itself.
    settings.DEBUG = True
    assert middleware.process_exception(rf.get("/"), lost) is None


def test_the_503_page_falls_back_to_plain_text(rf):
    from meetings.project.middleware import database_unavailable_response

    with mock.patch("meetings.project.middleware.render_to_string", side_effect=RuntimeError):
        response = database_unavailable_response(rf.get("/"))
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")
    assert b"temporarily unavailable" in response.content


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


PROBE = """
from django.test import Client
client = Client()
for path in ("/healthz", "/", "/meetings/"):
    response = client.get(path, secure=True)
    print(path, response.status_code, response.content.decode()[:4000].replace("\\n", " "))
"""


def test_a_real_unreachable_database_server(tmp_path):
    """The whole stack, in a fresh process, pointed at a PostgreSQL port nobody listens on."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "meetings.project.settings",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port()}/nowhere",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "STATIC_ROOT": str(tmp_path),
        "LOG_LEVEL": "CRITICAL",
    }
    code = "import django; django.setup()\n" + PROBE
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = {line.split(" ", 1)[0]: line for line in result.stdout.splitlines()}
    assert lines["/healthz"].startswith('/healthz 503 {"status": "unavailable"')
    for path in ("/", "/meetings/"):
        assert lines[path].startswith(f"{path} 503 ")
        assert "Temporarily unavailable" in lines[path]
        assert "Traceback" not in lines[path]
