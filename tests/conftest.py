import io
import os
import socket
import threading

import pytest
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import transaction
from pytest_django.live_server_helper import LiveServer

FIXTURES = ["reference", "officials", "sources", "meetings"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """
    Every database test starts from the five releases, loaded once per session. The tests of
    tests/importers/ add the Office of the Historian's records, as `make db` does, for their
    module (see the `historical_record` fixture).
    """
    with django_db_blocker.unblock():
        call_command("load_fixtures", *FIXTURES, stdout=io.StringIO())


@pytest.fixture(scope="module")
def historical_record(django_db_setup, django_db_blocker):
    """
    The database as `make db` leaves it, releases and historical record, for one module's
    tests: imported once in a transaction that is rolled back after them (each test's own
    transaction nests inside it).
    """
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("import_historian", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def empty_cache():
    """
    Each test starts with an empty cache. Cached values are keyed by the data version, which
    a test's rollback brings back, so they would be right, but a warm cache would change the
    number of queries a page runs.
    """
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    """A superuser signed in with both steps: password and second factor."""
    from .admin_support import sign_in_with_second_factor

    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "pw-12345-long"
    )
    return sign_in_with_second_factor(client, user)


@pytest.fixture(autouse=True)
def english_between_tests():
    """
    Each test starts in English. LocaleMiddleware activates a request's language in the
    thread that serves it, the test's own with the test client, and leaves it active after.
    """
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def silent_listener():
    """A port that accepts connections and never says a word: a hung database or cache."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(50)
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1]
    server.close()
    for connection in accepted:
        connection.close()


class OneRequestAtATime(ThreadedWSGIServer):
    """
    Django's threaded live server, whose threads take turns to run the site: each reads its
    request on its own (a browser's idle preconnected sockets stall a server with one thread),
    then answers it, body and all, holding one lock.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.turn = threading.Lock()

    def set_app(self, application):
        def in_turn(environ, start_response):
            with self.turn:
                answer = application(environ, start_response)
                try:
                    yield from answer
                finally:
                    if hasattr(answer, "close"):
                        answer.close()

        super().set_app(in_turn)


@pytest.fixture(scope="session")
def live_server(request, django_db_setup):
    """
    pytest-django's live server, except on SQLite, where it answers one request at a time.
    There the test database is in memory and its one connection is shared with the server:
    two requests at once (a page and an autocomplete's) would use it from two threads, and
    SQLite, holding the connection's lock, calling back into Python (UNACCENT, the statement
    guard's progress handler) for the GIL that the other thread holds while it waits for that
    lock, froze the whole process: the browser tests hung in CI where no test timeout could
    fire. PostgreSQL gives each thread its own connection and keeps Django's threaded server.
    After the test database is set up, so that it is the one shared.
    """
    address = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(address, start=False)
    if server.thread.connections_override:
        server.thread.server_class = OneRequestAtATime
    server.start()
    yield server
    server.stop()
