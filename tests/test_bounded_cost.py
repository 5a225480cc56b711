"""
Every URL's cost is bounded: at most MAX_VALUES values of a filter (a 400 beyond), "all of
these officials" and "all of these parties" as one grouped subquery whose plan does not grow
with their number, a bound on every statement's time on both databases, and a database that
never answers is a 503 within seconds.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.db.utils import OperationalError
from django.http import QueryDict

from meetings.exports import streaming
from meetings.filters import MAX_VALUES, MeetingFilter
from meetings.models import Meeting
from meetings.project import dbguard
from meetings.project.settings import running_command

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent
OFFICIALS = [
    "luis-videgaray",
    "miguel-angel-osorio-chong",
    "jose-antonio-meade",
    "enrique-pena-nieto",
    "marcelo-ebrard",
    "roberto-velasco-alvarez",
    "maria-de-haas",
    "alberto-elias-beltran",
    "mike-pompeo",
    "rex-tillerson",
    "john-kelly",
    "roberta-jacobson",
]
TOPICS = [
    "security",
    "transnational-organized-crime",
    "drug-trafficking",
    "fentanyl-and-synthetic-drugs",
    "arms-trafficking",
    "human-trafficking",
    "intelligence-sharing",
    "trade",
    "nafta",
    "customs",
    "border-management",
]
TWINS = ["/meetings/", "/meetings/export.json", "/meetings/export.csv", "/meetings/feed/"]
# The filters that take several values, and eleven distinct values of each.
MULTIPLE = {
    "official": OFFICIALS[:11],
    "topic": TOPICS[:11],
    "party": ["MX", "US", *[f"X{n}" for n in range(9)]],
}
# The others take one value: repeated, the last counts, so the cost does not grow.
SINGLE = {
    "q": "security",
    "agency": "sre",
    "country": "MX",
    "city": "mexico-city",
    "kind": "bilateral",
    "date_after": "2017",
    "date_before": "2019",
    "sort": "title",
    "page": "1",
}


def query(pairs):
    return "&".join(f"{key}={value}" for key, value in pairs)


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("name", MULTIPLE)
@pytest.mark.parametrize("path", TWINS)
def test_more_than_ten_values_of_a_filter_is_a_400(client, name, path):
    values = MULTIPLE[name]
    assert len(set(values)) == MAX_VALUES + 1
    response = client.get(path + "?" + query((name, v) for v in values))
    assert response.status_code == 400, path
    assert f"Choose at most {MAX_VALUES} of these at a time." in body(response).decode()
    # Ten are answered (200), or named as unknown: never refused for their number.
    response = client.get(path + "?" + query((name, v) for v in values[:MAX_VALUES]))
    assert "Choose at most" not in body(response).decode()


@pytest.mark.parametrize("path", TWINS)
def test_the_same_value_repeated_counts_once(client, path):
    response = client.get(path + "?" + query([("topic", "security")] * 50))
    assert response.status_code == 200


@pytest.mark.parametrize("name", SINGLE)
def test_a_single_value_filter_repeated_takes_its_last_value(client, name):
    repeated = query([(name, "nonsense-value")] * 40 + [(name, SINGLE[name])])
    once = query([(name, SINGLE[name])])
    many = client.get("/meetings/export.json?" + repeated)
    one = client.get("/meetings/export.json?" + once)
    assert many.status_code == one.status_code == 200
    assert body(many) == body(one)


def test_a_thousand_parameters_are_refused(client):
    response = client.get("/meetings/?" + query(("x", n) for n in range(1001)))
    assert response.status_code == 400


def filtered_sql_and_plan(name, values):
    data = QueryDict(mutable=True)
    data.setlist(name, values)
    filterset = MeetingFilter(data, queryset=Meeting.objects.published())
    assert filterset.is_valid(), filterset.errors
    queryset = filterset.qs
    sql = str(queryset.query)
    return sql, queryset.explain()


@pytest.mark.parametrize(("name", "values"), [("official", OFFICIALS), ("party", ["MX", "US"])])
def test_all_of_is_one_grouped_subquery_whatever_the_count(name, values):
    few_sql, few_plan = filtered_sql_and_plan(name, values[:1] if name == "party" else values[:2])
    many_sql, many_plan = filtered_sql_and_plan(name, values[:MAX_VALUES])
    for sql in (few_sql, many_sql):
        assert sql.upper().count("GROUP BY") == 1
    # The statement has as many subqueries and joins for ten as for two...
    assert many_sql.upper().count("SELECT") == few_sql.upper().count("SELECT")
    assert many_sql.upper().count("JOIN") == few_sql.upper().count("JOIN")
    # ...and its plan as many steps (give or take the planner's choice of scan).
    plan_steps = len(many_plan.splitlines()), len(few_plan.splitlines())
    assert plan_steps[0] <= plan_steps[1] + 4, (many_plan, few_plan)


# ---------------------------------------------------------------- statement bound


def test_the_site_has_a_statement_bound_and_commands_none(settings):
    assert settings.DATABASE_STATEMENT_TIMEOUT_MS == 5000  # pytest runs as the site does
    assert running_command(["manage.py", "import_historian"])
    assert running_command(["/srv/bilateral/manage.py", "backup", "--output", "x"])
    assert not running_command(["manage.py", "runserver"])
    assert not running_command(["gunicorn", "meetings.project.wsgi"])
    assert not running_command(["manage.py"])


ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's progress handler")
def test_sqlite_interrupts_a_statement_past_the_bound(settings):
    connection.ensure_connection()
    try:
        dbguard.guard_sqlite(connection, 200)
        started = time.monotonic()
        with (
            pytest.raises(OperationalError, match="interrupted"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(ENDLESS)
        assert time.monotonic() - started < 3
        # The next statement has its own time.
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
    finally:
        dbguard.guard_sqlite(connection, settings.DATABASE_STATEMENT_TIMEOUT_MS)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statement_timeout")
def test_postgresql_cancels_a_statement_past_the_bound():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("5s",)
    started = time.monotonic()
    with (
        pytest.raises(OperationalError, match="statement timeout"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET LOCAL statement_timeout = 200")
        cursor.execute(ENDLESS)
    assert time.monotonic() - started < 3


def test_a_command_called_from_code_takes_the_command_bound_in_its_transaction(settings):
    """call_command (a test's, say) runs under the commands' bound, as manage.py does."""
    settings.DATABASE_COMMAND_TIMEOUT_MS = 300
    with transaction.atomic(), dbguard.command_bound():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SHOW statement_timeout")
                assert cursor.fetchone() == ("300ms",)
        started = time.monotonic()
        with pytest.raises(OperationalError), transaction.atomic(), connection.cursor() as c:
            c.execute(ENDLESS)
        assert time.monotonic() - started < 3


def current_bound():
    """The statement bound in force on this connection: PostgreSQL's text, SQLite's seconds."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            return cursor.fetchone()[0]
    guards = [w for w in connection.execute_wrappers if isinstance(w, dbguard.StatementGuard)]
    return guards[0].seconds if guards else None


@pytest.mark.django_db(transaction=True)
def test_an_export_streams_under_the_exports_own_bound(client, settings, monkeypatch):
    """Exporting every meeting sorts all their rows before the first: not the site's 5 s."""
    settings.EXPORT_STATEMENT_TIMEOUT_MS = 7_000
    seen = []
    records = streaming._records

    def watched(*args, **kwargs):
        seen.append(current_bound())
        yield from records(*args, **kwargs)

    monkeypatch.setattr(streaming, "_records", watched)
    for path in ("/meetings/export.csv", "/meetings/export.json"):
        response = client.get(path, secure=True)
        assert response.status_code == 200
        b"".join(response.streaming_content)
    assert seen == (["7s"] * 2 if connection.vendor == "postgresql" else [7.0] * 2)
    assert current_bound() == ("5s" if connection.vendor == "postgresql" else 5.0)  # the site's


def test_an_interrupted_statement_is_a_503_not_a_500(client, monkeypatch):
    def interrupted(*args, **kwargs):
        raise OperationalError("interrupted")

    monkeypatch.setattr("meetings.views.meetings.list_summary", interrupted)
    response = client.get("/meetings/", secure=True)
    assert response.status_code == 503
    assert response["Retry-After"]


# ---------------------------------------------------------------- a database that never answers


PROBE = """
import time
import django
django.setup()
from django.test import Client
client = Client()
for path in ("/healthz", "/", "/meetings/"):
    started = time.monotonic()
    response = client.get(path, secure=True)
    print(path, response.status_code, round(time.monotonic() - started, 2))
"""


def test_a_hung_database_is_a_503_within_seconds(tmp_path, silent_listener):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "meetings.project.settings",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{silent_listener}/nowhere",
        "DATABASE_CONNECT_TIMEOUT": "2",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "STATIC_ROOT": str(tmp_path),
        "LOG_LEVEL": "CRITICAL",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    answers = [line.split() for line in result.stdout.splitlines()]
    assert [(path, status) for path, status, _ in answers] == [
        ("/healthz", "503"),
        ("/", "503"),
        ("/meetings/", "503"),
    ]
    for path, _, seconds in answers:
        assert float(seconds) < 2 * 2 + 1, (path, seconds)  # the connect timeout, not minutes
    assert re.search(r"\S", result.stdout)


def test_a_400_for_too_many_values_does_not_repeat_them_in_its_links(client):
    values = [*OFFICIALS, *[f"someone-{n}" for n in range(300)]]
    response = client.get("/meetings/?" + query(("official", v) for v in values))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose at most 10 of these at a time." in page
    assert "someone-" not in page
    assert len(page) < 100_000
