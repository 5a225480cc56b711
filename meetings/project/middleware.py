"""
Graceful failure: when the database cannot be reached, pages answer a friendly 503 that asks
the reader to come back shortly, never a server error or a stack trace.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# Seconds a client or a cache should wait before asking again.
RETRY_AFTER = 30

PLAIN_MESSAGE = "Bilateral is temporarily unavailable. Please try again in a minute.\n"


def database_unavailable_response(request):
    """The 503 page, or a plain-text one if even the template cannot be rendered."""
    try:
        content = render_to_string("503.html", request=request)
        content_type = "text/html; charset=utf-8"
    except Exception:  # the friendly page must not fail in turn
        logger.exception("Could not render 503.html")
        content, content_type = PLAIN_MESSAGE, "text/plain; charset=utf-8"
    response = HttpResponse(content, content_type=content_type, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """
    Turns a lost database connection (OperationalError, InterfaceError) raised while a view
    runs or its template renders into the 503 page; so too a statement stopped by the
    statement timeout (PostgreSQL's QueryCanceled, SQLite's "interrupted": see dbguard.py). Other database errors are bugs and stay
    500s; with DEBUG on, Django's debug page shows them all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG or not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable while serving %s: %s", request.path, exception)
        return database_unavailable_response(request)


def client_ip(request):
    """
    The visitor's address, for django-axes. Behind PROXY_COUNT proxies the last PROXY_COUNT
    entries of X-Forwarded-For were written by them, and the first of those is the address
    the outermost proxy saw; anything before it came from the client and may be forged.
    Without a proxy (or without the header) it is REMOTE_ADDR.
    """
    count = getattr(settings, "PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-count] if len(hops) >= count else hops[0]
    return request.META.get("REMOTE_ADDR")
