"""
A bound on every statement's time, on both databases (DATABASE_STATEMENT_TIMEOUT_MS).

PostgreSQL does it itself: the settings pass ``-c statement_timeout=...`` when connecting,
and a statement past it fails with QueryCanceled. SQLite has no such setting: here a
progress handler, called every few thousand steps of its virtual machine, interrupts a
statement that has run past the bound ("interrupted", an OperationalError). Either way the
page answers the 503 page (meetings/project/middleware.py), and the worker is free again.
"""

import time
from contextlib import contextmanager

from django.conf import settings
from django.db import connections

PROGRESS_STEPS = 10_000  # SQLite VM instructions between checks (a few microseconds each)


class StatementGuard:
    """
    An execute wrapper that starts each statement's clock, and the progress handler that
    stops the statement once its clock has run past `seconds`.
    """

    def __init__(self, seconds):
        self.seconds = seconds
        self.deadline = None

    def __call__(self, execute, sql, params, many, context):
        self.deadline = time.monotonic() + self.seconds
        try:
            return execute(sql, params, many, context)
        finally:
            self.deadline = None

    def progress(self):
        """Nonzero (stop) once the running statement is past its deadline."""
        return int(self.deadline is not None and time.monotonic() > self.deadline)


def guard_sqlite(connection, milliseconds):
    """Bound the statements of a new SQLite connection; a bound of 0 removes the guard."""
    connection.execute_wrappers[:] = [
        wrapper
        for wrapper in connection.execute_wrappers
        if not isinstance(wrapper, StatementGuard)
    ]
    if milliseconds <= 0:
        connection.connection.set_progress_handler(None, 0)
        return None
    guard = StatementGuard(milliseconds / 1000)
    connection.connection.set_progress_handler(guard.progress, PROGRESS_STEPS)
    connection.execute_wrappers.append(guard)
    return guard


def on_connection_created(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        guard_sqlite(connection, getattr(settings, "DATABASE_STATEMENT_TIMEOUT_MS", 0))


@contextmanager
def command_bound(using="default"):
    """
    Within a command's transaction: its statements bounded by DATABASE_COMMAND_TIMEOUT_MS
    (by default none), not the site's bound, whether it runs from manage.py or call_command
    (a test's, say). A bulk write's triggers may rightly run longer than a page may.
    """
    with statement_bound(settings.DATABASE_COMMAND_TIMEOUT_MS, using):
        yield


@contextmanager
def statement_bound(milliseconds, using="default"):
    """
    Within a transaction: its statements bounded by `milliseconds` (0: none) instead of the
    site's bound; on SQLite, the site's bound is put back at the end.
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # LOCAL: until the transaction ends
            cursor.execute("SET LOCAL statement_timeout = %s", [milliseconds])
        yield
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        guard_sqlite(connection, milliseconds)
        try:
            yield
        finally:
            guard_sqlite(connection, settings.DATABASE_STATEMENT_TIMEOUT_MS)
    else:
        yield
