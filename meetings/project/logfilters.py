"""
Logging filters for the error mail to ADMINS: one mail for each distinct error per interval,
and none for the 503 answered while the database is down (the log and /healthz say so, and
a mail per request would flood the desk exactly when it is busiest).
"""

import logging
import threading
import time

from django.conf import settings

DEFAULT_INTERVAL = 600  # seconds


def error_signature(record):
    """
    What makes two errors the same: the exception's type and the line that raised it, or,
    without an exception, the logger and the message before its arguments (so the same
    error on a thousand URLs is one error).
    """
    if record.exc_info and record.exc_info[0] is not None:
        kind, _, trace = record.exc_info
        while trace is not None and trace.tb_next is not None:
            trace = trace.tb_next
        where = (trace.tb_frame.f_code.co_filename, trace.tb_lineno) if trace else None
        return (kind.__module__, kind.__qualname__, where)
    return (record.name, str(record.msg), getattr(record, "status_code", None))


class SkipUnavailable(logging.Filter):
    """Drops the 503s: an outage answered gracefully is not a server error to mail."""

    def filter(self, record):
        return getattr(record, "status_code", None) != 503


class RateLimitErrors(logging.Filter):
    """
    Lets through the first record of each distinct error (error_signature) and drops the
    same error again until ERROR_MAIL_INTERVAL seconds have passed. Per process: with N
    workers, at most N mails per error per interval.
    """

    def __init__(self, interval=None):
        super().__init__()
        self.interval = interval
        self.last_sent = {}
        self.lock = threading.Lock()

    def seconds(self):
        if self.interval is not None:
            return self.interval
        return getattr(settings, "ERROR_MAIL_INTERVAL", DEFAULT_INTERVAL)

    def filter(self, record):
        key = error_signature(record)
        now = time.monotonic()
        with self.lock:
            last = self.last_sent.get(key)
            if last is not None and now - last < self.seconds():
                return False
            if len(self.last_sent) > 1000:  # forget old errors rather than grow without end
                self.last_sent.clear()
            self.last_sent[key] = now
        return True
