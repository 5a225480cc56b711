"""
The browser tests' own guards: a session run on a thread of its own is bounded in time, and
what it raises reaches the test; on SQLite the live server answers one request at a time.
"""

import time

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection

from .browser_support import run_on_own_thread
from .conftest import OneRequestAtATime


def test_a_session_that_hangs_fails_the_test_with_its_stack():
    def hang():
        time.sleep(1)

    started = time.monotonic()
    with pytest.raises(AssertionError, match=r"still running after 0.2 s:(.|\n)*in hang"):
        run_on_own_thread(hang, limit=0.2)
    assert time.monotonic() - started < 3


def test_a_sessions_error_reaches_the_test():
    def fail():
        raise ValueError("from the browser thread")

    with pytest.raises(ValueError, match="from the browser thread"):
        run_on_own_thread(fail)


@pytest.mark.django_db(transaction=True)
def test_the_live_server_answers_one_request_at_a_time_on_sqlite(live_server):
    # Its in-memory database's one connection is shared with the server (see conftest.py).
    serial = connection.vendor == "sqlite"
    assert isinstance(live_server.thread.httpd, ThreadedWSGIServer)
    assert isinstance(live_server.thread.httpd, OneRequestAtATime) is serial
