"""
`manage.py draft_release FILE`: the draft of a release as one meeting in the export's JSON
shape, each fact with its passage at its offsets; without --json, a fixture loaddata takes as a
draft meeting. On the five releases and the held-out test set.
"""

import io
import json
import os
import tempfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meetings.models import Meeting, Source

pytestmark = pytest.mark.django_db

# ../shared beside the checkout, as in CI; PRESS_RELEASES elsewhere.
BESIDE = Path(__file__).resolve().parents[2] / "shared" / "press-releases"
SHARED = Path(os.environ.get("PRESS_RELEASES", BESIDE))


def the_five_releases():
    """The five releases' files; where the shared folder is absent, their verbatim texts
    from the fixtures, written to files."""
    if SHARED.is_dir():
        return sorted(SHARED.glob("*.txt"))
    folder = Path(tempfile.mkdtemp(prefix="releases-"))
    fixtures = Path(__file__).parent.parent / "fixtures" / "sources.json"
    for record in json.loads(fixtures.read_text(encoding="utf-8")):
        (folder / f"{record['fields']['slug']}.txt").write_text(record["fields"]["text"])
    return sorted(folder.glob("*.txt"))


RELEASES = the_five_releases()
TESTSET = sorted((Path(__file__).parent / "drafting" / "testset").glob("*.txt"))
FILES = RELEASES + TESTSET
FACTS = ("participants", "delegations", "mentions", "topics", "agreements", "quotes")


def run(*args):
    out = io.StringIO()
    call_command("draft_release", *map(str, args), stdout=out)
    return json.loads(out.getvalue())


def gold(path):
    found = path.with_suffix(".json")
    return json.loads(found.read_text(encoding="utf-8")) if found.exists() else {}


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_the_json_draft_gives_every_fact_with_its_passage(path):
    published = gold(path).get("published") or (gold(path).get("source") or {}).get("published")
    data = run(path, "--json", *(["--published", published] if published else []))
    text = data["sources"][0]["text"]
    assert text == path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    assert data["status"] == "draft" and data["title"]
    assert data["date_precision"] in ("day", "month", "year", "unknown")
    if data["date_precision"] == "unknown":
        assert data["date"] is None  # never an invented day
    for kind in FACTS:
        for fact in data[kind]:
            if fact.get("start") is not None:
                assert text[fact["start"] : fact["end"]] == fact["passage"]
    for person in data["participants"]:
        assert {"name", "country", "title", "role", "passage"} <= person.keys()
    for quote in data["quotes"]:
        assert quote["speaker"] and quote["text"]


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_the_fixture_loads_as_a_draft(path, tmp_path):
    records = run(path)
    target = tmp_path / "draft.json"
    target.write_text(json.dumps(records), encoding="utf-8")
    before = Meeting.objects.count()
    call_command("loaddata", str(target), verbosity=0)
    meeting = Meeting.objects.order_by("-pk").first()
    assert Meeting.objects.count() == before + 1
    assert meeting.status == Meeting.Status.DRAFT
    source = meeting.sources.get()
    for row in [*meeting.participations.all(), *meeting.mentions.all(), *meeting.agreements.all()]:
        assert row.passage in source.text
    for quote in meeting.quotes.all():
        assert quote.text in source.text and quote.speaker_id
    # Nothing public: a draft.
    assert not Meeting.objects.published().filter(pk=meeting.pk).exists()


def test_a_slug_in_use_is_not_overwritten(tmp_path):
    path = TESTSET[1]
    target = tmp_path / "draft.json"
    for _ in range(2):
        target.write_text(json.dumps(run(path)), encoding="utf-8")
        call_command("loaddata", str(target), verbosity=0)
    title = run(path, "--json")["title"]
    assert Meeting.objects.filter(title=title).count() == 2
    assert Source.objects.filter(title=title).count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/no/such/file.txt"], "Cannot read"),
        ([TESTSET[0], "--published", "2020-13-01"], "not a date"),
    ],
)
def test_bad_arguments_are_errors(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
