"""
Backups: the knowledge base goes out as natural-key JSON and comes back whole, in the same
database or another engine's, and a restore or fixture load that fails changes nothing.
"""

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils.dateparse import parse_datetime

from meetings.backups import dump
from meetings.backups.dump import KeyMaps, knowledge_models
from meetings.backups.restoring import delete_knowledge_base
from meetings.models import LoadConflict, Meeting, Participation, Quote, Source
from meetings.models.history import history_paused
from meetings.search import search_meetings
from meetings.versioning import data_version

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent
# Models the five releases hold no rows of (their recipes are checked on no rows).
EMPTY_IN_FIXTURES = {"loadconflict", "mergecandidate", "externalrecord", "officialidentifier"}


def snapshot():
    """
    Every record of the knowledge base, by natural key, in a canonical order: equal snapshots
    mean equal knowledge bases, whatever ids the rows got.
    """
    records = []
    for model in knowledge_models():
        for record in serializers.serialize(
            "python",
            model._base_manager.all(),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        ):
            record.pop("pk", None)
            for name, value in record["fields"].items():
                if isinstance(value, list) and value and isinstance(value[0], list | tuple):
                    record["fields"][name] = sorted(map(list, value))  # many-to-many
            records.append(json.dumps(record, sort_keys=True, default=str))
    return sorted(records)


def backup_file_records(path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as stream:
        return json.load(stream)


def test_backup_is_natural_key_json(tmp_path):
    path = tmp_path / "kb.json"
    call_command("backup", output=str(path), verbosity=0)
    records = backup_file_records(path)
    by_model = {}
    for record in records:
        by_model.setdefault(record["model"], []).append(record)
    assert len(by_model["meetings.meeting"]) == Meeting.objects.count()
    assert len(by_model["meetings.participation"]) == Participation.objects.count()
    assert len(by_model["meetings.quote"]) == Quote.objects.count()
    assert len(by_model["meetings.source"]) == Source.objects.count()
    # No database ids: rows and their links are named by slugs, codes and names.
    assert all("pk" not in record for record in records)
    participation = by_model["meetings.participation"][0]["fields"]
    assert isinstance(participation["meeting"], list)
    assert isinstance(participation["official"], list)
    assert all(isinstance(s, list) for s in by_model["meetings.meeting"][0]["fields"]["sources"])
    # What meetings point at comes before them, so the file loads in one pass.
    order = [record["model"] for record in records]
    assert order.index("meetings.source") < order.index("meetings.meeting")
    assert order.index("meetings.meeting") < order.index("meetings.participation")
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)


def test_backup_to_standard_output(capsys):
    call_command("backup")
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) > 50
    assert "Backed up" in captured.err


def test_round_trip_in_the_same_database_loses_nothing(tmp_path):
    before = snapshot()
    assert Meeting.objects.exists() and Quote.objects.exists()
    path = tmp_path / "kb.json.gz"
    call_command("backup", output=str(path), verbosity=0)
    call_command("restore", str(path), replace=True, verbosity=0)
    assert snapshot() == before


AWKWARD = 'tab\there, lines\nand\r\nreturns, back\\slash \\N, "quotes", Peña — 中文 \U0001f30e'


def test_round_trip_keeps_every_character(tmp_path):
    """What COPY's text format escapes (tab, newline, return, backslash) comes back as it was."""
    Source.objects.filter(pk=Source.objects.first().pk).update(notes=AWKWARD)
    LoadConflict.objects.create(
        origin="test",
        model="meetings.topic",
        key=AWKWARD,
        fingerprint="f",
        incoming={"name": AWKWARD, "n": 1.5, "none": None},
        current={"list": [AWKWARD, True]},
    )
    before = snapshot()
    path = tmp_path / "kb.json.gz"
    call_command("backup", output=str(path), verbosity=0)
    call_command("restore", str(path), replace=True, verbosity=0)
    assert snapshot() == before
    assert Source.objects.filter(notes=AWKWARD).count() == 1
    assert LoadConflict.objects.get().incoming["name"] == AWKWARD


def run_manage(*args, database_url, tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(tmp_path / "static"),
        "LOG_LEVEL": "WARNING",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_round_trip_through_another_database_loses_nothing(tmp_path):
    """
    This database (SQLite or PostgreSQL, whichever the suite runs on) to a fresh SQLite
    database in another process and back again. CI runs the suite on both engines, so both
    directions are crossed.
    """
    before = snapshot()
    out, back = tmp_path / "out.json.gz", tmp_path / "back.json.xz"
    call_command("backup", output=str(out), verbosity=0)

    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    run_manage("migrate", "--no-input", "--verbosity", "0", database_url=other, tmp_path=tmp_path)
    message = run_manage("restore", str(out), database_url=other, tmp_path=tmp_path)
    assert message.startswith(f"Restored {len(before)} records")
    run_manage("backup", "--output", str(back), database_url=other, tmp_path=tmp_path)

    counts = [model.objects.count() for model in (Meeting, Participation, Quote, Source)]
    call_command("restore", str(back), replace=True, verbosity=0)
    # Every meeting, participation, quote and source, field by field.
    assert snapshot() == before
    assert [model.objects.count() for model in (Meeting, Participation, Quote, Source)] == counts


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    path = tmp_path / "kb.json"
    call_command("backup", output=str(path), verbosity=0)
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(path), verbosity=0)


def test_restore_dry_run_changes_nothing(tmp_path):
    path = tmp_path / "kb.json"
    call_command("backup", output=str(path), verbosity=0)
    Meeting.objects.filter(slug__startswith="2018").update(title="Edited since the backup")
    before = snapshot()
    call_command("restore", str(path), replace=True, dry_run=True, verbosity=0)
    assert snapshot() == before


def broken_backup(tmp_path):
    """A real backup whose last participation names an official who does not exist."""
    path = tmp_path / "kb.json"
    call_command("backup", output=str(path), verbosity=0)
    records = backup_file_records(path)
    last = max(i for i, r in enumerate(records) if r["model"] == "meetings.participation")
    records[last]["fields"]["official"] = ["nobody-of-that-name"]
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_a_failed_restore_leaves_the_database_as_it_was(tmp_path):
    path = broken_backup(tmp_path)
    Meeting.objects.filter(slug__startswith="2018").update(title="Edited since the backup")
    before = snapshot()
    with pytest.raises(CommandError, match="nothing changed"):
        call_command("restore", str(path), replace=True, verbosity=0)
    assert snapshot() == before
    # The connection is still usable: the failure was rolled back, not left half-done.
    assert Meeting.objects.filter(title="Edited since the backup").exists()


def test_a_failed_fixture_load_leaves_the_database_as_it_was(tmp_path):
    """loaddata is all or nothing: the records before the bad one are not kept either."""
    path = tmp_path / "new.json"
    path.write_text(
        json.dumps(
            [
                {"model": "meetings.country", "fields": {"code": "CA", "name": "Canada"}},
                {
                    "model": "meetings.city",
                    "fields": {"name": "Ottawa", "slug": "ottawa", "country": ["CA"]},
                },
                {
                    "model": "meetings.city",
                    "fields": {"name": "Atlantis", "slug": "atlantis", "country": ["ZZ"]},
                },
            ]
        ),
        encoding="utf-8",
    )
    before = snapshot()
    with pytest.raises(Exception, match="Problem installing fixture"):
        call_command("loaddata", str(path), verbosity=0)
    assert snapshot() == before
    with connection.cursor() as cursor:  # and the connection is fine
        cursor.execute("SELECT 1")


def test_restore_rejects_what_is_not_a_backup(tmp_path):
    wrong_name = tmp_path / "kb.txt"
    wrong_name.write_text("[]")
    with pytest.raises(CommandError, match="must end in"):
        call_command("restore", str(wrong_name), verbosity=0)
    not_json = tmp_path / "kb.json"
    not_json.write_text("this is not JSON")
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("restore", str(not_json), verbosity=0)
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing.json"), verbosity=0)


def test_a_failed_backup_leaves_no_file(tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(dump, "model_records", fail)
    path = tmp_path / "kb.json"
    with pytest.raises(RuntimeError, match="disk full"):
        call_command("backup", output=str(path), verbosity=0)
    assert list(tmp_path.iterdir()) == []


def test_history_stays_out_of_backups_and_a_restore_writes_none(tmp_path, django_user_model):
    editor = django_user_model.objects.create_user("desk", "desk@example.org", "pw-12345-long")
    meeting = Meeting.objects.first()
    meeting.summary = "An editor's summary."
    meeting._history_user = editor  # a version naming a user, whom backups do not hold
    meeting.save()
    assert Meeting.history.filter(id=meeting.pk).count() == 2
    counts = [model.objects.count() for model in (Meeting, Participation, Quote, Source)]

    path = tmp_path / "kb.json"
    call_command("backup", output=str(path), verbosity=0)
    assert not [r for r in backup_file_records(path) if ".historical" in r["model"]]
    call_command("restore", str(path), replace=True, verbosity=0)
    assert not Meeting.history.exists()  # the replaced records' history went with them
    assert [model.objects.count() for model in (Meeting, Participation, Quote, Source)] == counts
    assert Meeting.objects.get(slug=meeting.slug).summary == "An editor's summary."


# ---------------------------------------------------------------- the streamed format


def to_the_millisecond(value):
    """A time as dumpdata writes it (which keeps milliseconds only)."""
    moment = parse_datetime(value) if isinstance(value, str) and len(value) > 19 else None
    if moment is None:
        return value
    return DjangoJSONEncoder().default(moment)


def records_by_model(records):
    """Records in a comparable form: many-to-many lists sorted (their order is not kept)."""
    comparable = []
    for record in records:
        fields = {name: to_the_millisecond(value) for name, value in record["fields"].items()}
        fields = {
            name: sorted(value)
            if isinstance(value, list) and value and isinstance(value[0], list)
            else value
            for name, value in fields.items()
        }
        comparable.append(json.dumps({**record, "fields": fields}, sort_keys=True))
    return sorted(comparable)


def left_out_labels():
    """The app's models a backup leaves out: history, drafts' proposals, the summary rows."""
    kept = set(knowledge_models())
    return [m._meta.label for m in apps.get_app_config("meetings").get_models() if m not in kept]


def dumpdata_records(tmp_path, **options):
    path = tmp_path / "dumpdata.json"
    call_command(
        "dumpdata",
        "meetings",
        exclude=left_out_labels(),
        natural_foreign=True,
        natural_primary=True,
        use_base_manager=True,
        output=str(path),
        verbosity=0,
        **options,
    )
    return path


def test_natural_key_recipes_are_the_models_natural_keys():
    keys = KeyMaps("default")
    for model in knowledge_models():
        rows = model._base_manager.all()
        assert rows.exists() or model._meta.model_name in EMPTY_IN_FIXTURES, model
        assert keys.map(model) == {row.pk: tuple(row.natural_key()) for row in rows}, model


def test_a_backup_holds_what_dumpdata_writes_a_record_a_line(tmp_path):
    """The format is Django's: a backup and dumpdata's output hold the same records."""
    path = tmp_path / "kb.json"
    call_command("backup", output=str(path), verbosity=0)
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) == len(json.loads(text)) + 2  # "[", the records, "]"
    expected = json.loads(dumpdata_records(tmp_path).read_text(encoding="utf-8"))
    assert records_by_model(json.loads(text)) == records_by_model(expected)


def test_an_older_indented_backup_still_restores(tmp_path):
    """Backups written before (dumpdata's indented JSON) load as they did."""
    before = snapshot()
    path = dumpdata_records(tmp_path, indent=1)
    Meeting.objects.filter(slug__startswith="2018").update(title="Edited since the backup")
    call_command("restore", str(path), replace=True, verbosity=0)
    assert snapshot() == before


def test_loaddata_reads_a_backup(tmp_path):
    before = snapshot()
    path = tmp_path / "kb.json.gz"
    call_command("backup", output=str(path), verbosity=0)
    with history_paused():
        delete_knowledge_base("default")
    assert not Meeting.objects.exists()
    call_command("loaddata", str(path), verbosity=0)
    assert snapshot() == before


LEXEME = re.compile(r"'((?:[^']|'')*)':([\dA-D,]+)")


def words(document):
    """
    A search document's words and the weights each is found with, in any order: the
    participants' names are gathered in the order the database reads their rows, which
    a restore need not keep.
    """
    if connection.vendor == "sqlite":
        return sorted(
            (column, word) for column, text in enumerate(document) for word in (text or "").split()
        )
    return sorted(
        (lexeme, "".join(sorted(p.strip("0123456789") or "D" for p in places.split(","))))
        for lexeme, places in LEXEME.findall(document)
    )


def search_rows():
    """Each meeting's search row, by slug (the documents, not the ids they hold)."""
    sql = {
        "postgresql": "SELECT m.slug, s.document::text FROM meetings_meetingsearch s "
        "JOIN meetings_meeting m ON m.id = s.meeting_id",
        "sqlite": "SELECT m.slug, s.title, s.people, s.topics, s.summary "
        "FROM meetings_meetingsearch s JOIN meetings_meeting m ON m.id = s.rowid",
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    return sorted(
        (slug, words(document[0] if len(document) == 1 else document)) for slug, *document in rows
    )


def test_a_restore_indexes_every_meeting_for_search_and_changes_the_data_version(tmp_path):
    path = tmp_path / "kb.json"
    call_command("backup", output=str(path), verbosity=0)
    documents, version = search_rows(), data_version().token
    assert len(documents) == Meeting.objects.count()
    old_ids = set(Meeting.objects.values_list("pk", flat=True))
    call_command("restore", str(path), replace=True, verbosity=0)
    assert search_rows() == documents
    assert data_version().token != version
    # New ids, none of a deleted record's (which the admin's log may still name).
    assert not old_ids & set(Meeting.objects.values_list("pk", flat=True))
    # And the triggers are back: an edit is indexed and gives a new version.
    version = data_version().token
    meeting = Meeting.objects.first()
    Meeting.objects.filter(pk=meeting.pk).update(title="Zanzibar accord")
    assert search_meetings(Meeting.objects.all(), "zanzibar").get() == meeting
    assert data_version().token != version


def assert_the_database_refuses(tmp_path, change):
    """A backup changed by `change(records)` fails to restore, and nothing changes."""
    path = tmp_path / "kb.json"
    call_command("backup", output=str(path), verbosity=0)
    records = backup_file_records(path)
    change(records)
    path.write_text(json.dumps(records), encoding="utf-8")
    before = snapshot()
    with pytest.raises(CommandError, match="could not be loaded, nothing changed"):
        call_command("restore", str(path), replace=True, verbosity=0)
    assert snapshot() == before


def test_a_row_pointing_at_nothing_fails_the_restore_and_changes_nothing(tmp_path):
    """A foreign key given as a bare id the database does not hold: its check refuses it."""

    def dangling(records):
        quote = next(record for record in records if record["model"] == "meetings.quote")
        quote["fields"]["speaker"] = 10**9

    assert_the_database_refuses(tmp_path, dangling)


def test_a_row_the_database_refuses_mid_load_fails_the_restore_and_changes_nothing(tmp_path):
    """A topic twice: the unique slug refuses the second (on PostgreSQL, in the writer thread)."""

    def twice(records):
        topic = next(i for i, record in enumerate(records) if record["model"] == "meetings.topic")
        records.insert(topic, records[topic])

    assert_the_database_refuses(tmp_path, twice)


def test_a_record_restore_cannot_load_is_refused_and_changes_nothing(tmp_path):
    path = tmp_path / "kb.json"
    call_command("backup", output=str(path), verbosity=0)
    records = backup_file_records(path)
    before = snapshot()
    for change, message in [
        ({"model": "auth.user", "fields": {}}, "does not load: auth.user"),
        ({"model": "meetings.topic", "fields": {"name": "X", "slug": "x", "colour": 1}}, "colour"),
        ({"model": "meetings.meeting", "fields": {"slug": "x", "date": "soon"}}, "soon"),
        (["not a record"], "expected a JSON list of records"),
    ]:
        path.write_text(json.dumps([*records, change]), encoding="utf-8")
        with pytest.raises(CommandError, match=message):
            call_command("restore", str(path), replace=True, verbosity=0)
        assert snapshot() == before
