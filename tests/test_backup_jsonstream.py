"""The backup's JSON, read a record at a time whatever its layout, and written a record a line."""

import datetime
import io
import json

import pytest

from meetings.backups.jsonstream import ArrayReader, NotAList, write_array
from meetings.backups.keys import flatten

RECORDS = [
    {"model": "meetings.country", "fields": {"code": "MX", "name": "México"}},
    {"model": "meetings.topic", "fields": {"name": 'Tabs\t, "quotes" and ]', "parent": None}},
    {"model": "meetings.position", "fields": {"start": "2018-01-01", "official": ["a-b"]}},
]


def read(text, chunk):
    return list(ArrayReader(io.StringIO(text), chunk=chunk))


@pytest.mark.parametrize("chunk", [1, 7, 1 << 20])
@pytest.mark.parametrize("indent", [None, 1, 4])
def test_any_layout_is_read_in_any_chunks(chunk, indent):
    """dumpdata's indented files (older backups) and one record a line read alike."""
    assert read(json.dumps(RECORDS, indent=indent, ensure_ascii=False), chunk) == RECORDS


@pytest.mark.parametrize("chunk", [1, 5])
def test_what_is_written_is_read_back_and_is_plain_json(chunk):
    stream = io.StringIO()
    moment = datetime.datetime(2018, 5, 3, 10, 30, 0, 123456, tzinfo=datetime.UTC)
    records = [*RECORDS, {"model": "meetings.meeting", "fields": {"created": moment}}]
    assert write_array(stream, iter(records)) == 4
    text = stream.getvalue()
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 6  # a line a record
    # Dates and times as dumpdata writes them, but to the microsecond: nothing is lost.
    created = {"created": "2018-05-03T10:30:00.123456Z"}
    expected = [*RECORDS, {"model": "meetings.meeting", "fields": created}]
    assert json.loads(text) == expected
    assert read(text, chunk) == expected


def test_an_empty_list_has_no_records():
    assert read("[]", 1) == [] and read(" [ \n ] \n", 1) == []
    stream = io.StringIO()
    assert write_array(stream, iter([])) == 0
    assert json.loads(stream.getvalue()) == []


@pytest.mark.parametrize(
    "text",
    ["", "{}", "this is not JSON", "[1, 2]", '[{"model": "x"} {"model": "y"}]', "[{}] trailing"],
)
def test_what_is_not_a_list_of_objects_is_refused(text):
    with pytest.raises(NotAList):
        read(text, 3)


@pytest.mark.parametrize("text", ['[{"model": "x", "fields": {', '[{"model": "x"}, {"mo'])
def test_a_file_cut_short_is_an_error(text):
    with pytest.raises(json.JSONDecodeError):
        read(text, 4)


def test_natural_keys_are_flattened():
    assert flatten(["a", ["b"], ("c", "d"), None, 3]) == ("a", "b", "c", "d", None, 3)
