"""
The data version changes on every write to every table of the app, whoever writes, and the
helpers built on it: conditional GET and a cache that an edit makes obsolete at once.
"""

import datetime
import threading

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from meetings.models import Meeting, Official, OfficialAlias, Topic
from meetings.versioning import cached, conditional_page, current_version, data_version

pytestmark = pytest.mark.django_db


def app_tables():
    config = apps.get_app_config("meetings")
    return sorted(model._meta.db_table for model in config.get_models(include_auto_created=True))


def tables_with_version_trigger():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = 'meetings_data_version' AND NOT t.tgisinternal"
            )
            return {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT tbl_name, count(*) FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'meetings_data_version_%' GROUP BY tbl_name"
        )
        return {table for table, count in cursor.fetchall() if count == 3}


def test_every_table_of_the_app_has_the_version_trigger():
    # A migration adding a table (or rebuilding one on SQLite) must add the trigger too.
    assert set(app_tables()) <= tables_with_version_trigger()


def test_the_version_is_read_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        version = data_version()
    assert version.token
    assert version.changed.tzinfo is not None
    assert version == data_version()  # reading changes nothing


def fill_the_tables_loads_leave_empty():
    """
    A row in the tables the fixtures leave empty (history, conflicts, other catalogues'
    records, doubtful matches): SQLite's triggers fire per row written.
    """
    from meetings.models import (
        ExternalRecord,
        LoadConflict,
        MergeCandidate,
        OfficialIdentifier,
        Proposal,
    )
    from meetings.models.history import TRACKED

    for model in TRACKED:
        model.objects.first().save()  # its history: the version before, and this one
    LoadConflict.objects.create(
        origin="test", model="meetings.topic", key="[]", incoming={}, current={}, fingerprint=""
    )
    first, second = Official.objects.all()[:2]
    ExternalRecord.objects.create(
        meeting=Meeting.objects.first(), scheme="history.state.gov/visits", record_id="1"
    )
    OfficialIdentifier.objects.create(official=first, scheme="test", value="first")
    MergeCandidate.objects.create(official=first, candidate=second, score=80, reason="test")
    meeting = Meeting.objects.first()
    Proposal.objects.create(meeting=meeting, source=meeting.sources.first(), kind="topic")


@pytest.mark.parametrize("table", app_tables())
def test_any_write_to_any_table_changes_the_version(table):
    fill_the_tables_loads_leave_empty()
    before = data_version()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET id = id WHERE id = (SELECT min(id) FROM {table})")
    assert data_version().token != before.token


def test_orm_writes_change_the_version():
    versions = [data_version().token]

    def changed():
        versions.append(data_version().token)
        return versions[-1] != versions[-2]

    official = Official.objects.get(slug="luis-videgaray")
    OfficialAlias.objects.create(official=official, name="Lucho")
    assert changed()
    official.notes = "edited"
    official.save()
    assert changed()
    Meeting.objects.filter(slug__startswith="2018").update(status="draft")
    assert changed()
    Meeting.objects.first().topics.add(Topic.objects.create(name="New", slug="new"))
    assert changed()
    Topic.objects.filter(slug="new").delete()
    assert changed()
    assert len(set(versions)) == len(versions)


def test_a_rolled_back_write_leaves_the_version_as_it_was():
    before = data_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Official.objects.update(notes="never")
        assert data_version() != before
        raise RuntimeError
    assert data_version() == before


def test_last_write_time_moves_forward():
    before = data_version()
    Official.objects.update(notes="later")
    after = data_version()
    assert after.changed >= before.changed
    assert abs(after.changed - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(minutes=5)


# ---------------------------------------------------------------- cached()


def test_cached_computes_once_per_version():
    calls = []

    def compute():
        calls.append(1)
        return {"n": len(calls)}

    assert cached("test-key", compute) == {"n": 1}
    assert cached("test-key", compute) == {"n": 1}
    assert cached(("test-key", 2), compute) == {"n": 2}  # another key
    Official.objects.update(notes="edited")
    assert cached("test-key", compute) == {"n": 3}  # an edit shows at once
    assert len(calls) == 3


def test_cached_values_are_not_read_by_another_release(monkeypatch):
    # What a key holds may change with the code: an official's page once cached their
    # participations' ids under the key that now holds their meetings' ids.
    from meetings import versioning

    calls = []
    assert cached("release-key", lambda: calls.append(1) or "old") == "old"
    monkeypatch.setattr(
        versioning, "code_version", lambda: ("another", datetime.datetime.now(datetime.UTC))
    )
    assert cached("release-key", lambda: calls.append(1) or "new") == "new"
    assert len(calls) == 2


@override_settings(BILATERAL_CACHE=False)
def test_caching_can_be_turned_off():
    calls = []
    cached("off", lambda: calls.append(1))
    cached("off", lambda: calls.append(1))
    assert len(calls) == 2


# ---------------------------------------------------------------- conditional GET


@conditional_page
def a_page(request):
    return HttpResponse(f"version {current_version().token}")


def test_a_page_sends_validators_and_answers_304_until_a_write():
    factory = RequestFactory()
    response = a_page(factory.get("/"))
    assert response.status_code == 200
    assert response.content.decode() == f"version {data_version().token}"
    etag, modified = response["ETag"], response["Last-Modified"]
    assert etag.startswith('W/"') and data_version().token in etag
    assert response["Cache-Control"] == "no-cache"

    assert a_page(factory.get("/", headers={"if-none-match": etag})).status_code == 304
    assert a_page(factory.get("/", headers={"if-modified-since": modified})).status_code == 304
    head = a_page(factory.head("/", headers={"if-none-match": etag}))
    assert head.status_code == 304

    Official.objects.update(notes="edited")
    fresh = a_page(factory.get("/", headers={"if-none-match": etag}))
    assert fresh.status_code == 200
    assert fresh["ETag"] != etag


def test_a_page_reads_the_version_once(django_assert_num_queries):
    with django_assert_num_queries(1):
        response = a_page(RequestFactory().get("/"))
    assert response.status_code == 200


# ---------------------------------------------------------------- on the site


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/meetings/?topic=trade",
        "/meetings/2017-12-14-second-strategic-dialogue-on-tcos/",
        "/meetings/2017-12-14-second-strategic-dialogue-on-tcos.json",
        "/officials/luis-videgaray/",
        "/topics/security/",
        "/meetings/export.json",
        "/meetings/export.csv?topic=trade",
        "/meetings/feed/",
    ],
)
def test_pages_and_exports_answer_304_until_an_edit(client, url):
    response = client.get(url)
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)
    etag = response["ETag"]
    assert response["Last-Modified"]
    unchanged = client.get(url, headers={"if-none-match": etag})
    assert unchanged.status_code == 304
    assert not unchanged.streaming and unchanged.content == b""
    Official.objects.filter(slug="luis-videgaray").update(notes="edited")
    assert client.get(url, headers={"if-none-match": etag}).status_code == 200


def test_an_edit_shows_at_once_on_cached_parts(client):
    assert "Security" in client.get("/").content.decode()  # home counts, cached
    assert "Security" in client.get("/meetings/").content.decode()  # facets, cached
    Topic.objects.filter(slug="security").update(name="Security and Zyzzyva")
    assert "Security and Zyzzyva" in client.get("/").content.decode()
    assert "Security and Zyzzyva" in client.get("/meetings/").content.decode()
    assert client.get("/meetings/").content.decode().count('class="meeting-item"') == 5
    Meeting.objects.filter(slug="2018-05-pompeo-videgaray-washington").update(status="draft")
    assert client.get("/meetings/").content.decode().count('class="meeting-item"') == 4


def test_a_page_seen_before_costs_one_query_until_an_edit(client, django_assert_num_queries):
    url = "/meetings/?topic=trade"
    first = client.get(url)
    with django_assert_num_queries(1):  # the data version; the page comes from the cache
        again = client.get(url)
    assert again.content == first.content and again["Content-Type"] == first["Content-Type"]
    Topic.objects.filter(slug="trade").update(name="Trade and Qwerty")
    assert "Trade and Qwerty" in client.get(url).content.decode()


@override_settings(BILATERAL_CACHE=False)
def test_without_caching_every_request_runs_its_queries(client, django_assert_num_queries):
    client.get("/meetings/")
    # As with caching: the summary rows (count, facets and timeline) are not cached.
    with django_assert_num_queries(6):
        client.get("/meetings/")


def test_cached_parts_save_queries_until_an_edit(client, django_assert_max_num_queries):
    client.get("/meetings/?topic=trade")
    with django_assert_max_num_queries(6):  # facets and count come from the cache
        client.get("/meetings/?topic=trade&page=1&sort=title")
    Official.objects.update(notes="edited")
    # Computed again, with the topic's count read first (a list of one topic alone is counted
    # by its summary rows: this one, of few meetings, then faceted).
    with django_assert_max_num_queries(9):
        client.get("/meetings/?topic=trade")


def test_a_value_another_process_is_computing_is_waited_for():
    from django.core.cache import cache

    from meetings.versioning import _cache_key

    name = _cache_key("slow")
    cache.add(name + ":computing", 12345, 60)  # as if another worker were computing it
    threading.Timer(0.1, lambda: cache.set(name, "theirs", 60)).start()
    assert cached("slow", lambda: "mine") == "theirs"

    other = _cache_key("abandoned")
    cache.add(other + ":computing", 12345, 60)
    threading.Timer(0.1, lambda: cache.delete(other + ":computing")).start()
    assert cached("abandoned", lambda: "mine") == "mine"  # the other gave up: computed here
