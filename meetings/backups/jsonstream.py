"""
A JSON list of objects read one object at a time, and written one object a line.

Any layout is read (a backup written with indentation by `dumpdata`, or on one line): the
decoder takes an object from a buffer that is refilled as it runs out, so memory holds one
chunk and the largest record, whatever the size of the file.
"""

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder

CHUNK = 1 << 20
WHITESPACE = " \t\n\r"


class NotAList(ValueError):
    """The text is JSON, or begins like it, but is not a list of objects."""


class ArrayReader:
    """The objects of the JSON list in `stream`, one at a time (iterate over it)."""

    def __init__(self, stream, chunk=CHUNK):
        self.stream, self.chunk = stream, chunk
        self.buffer, self.pos, self.eof = "", 0, False
        self.decoder = json.JSONDecoder()

    def fill(self):
        """More text in the buffer, what was read dropped; False at the end of the file."""
        if self.eof:
            return False
        text = self.stream.read(self.chunk)
        self.buffer, self.pos = self.buffer[self.pos :] + text, 0
        self.eof = not text
        return bool(text)

    def next_char(self):
        """The next character that is not whitespace ('' at the end), left unread."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self.fill():
                return ""

    def expect(self, expected):
        char = self.next_char()
        if char not in expected:
            found = repr(char) if char else "the end of the file"
            raise NotAList(f"expected {' or '.join(map(repr, expected))}, found {found}")
        self.pos += 1
        return char

    def decode_object(self):
        if self.next_char() != "{":
            raise NotAList("expected a JSON list of records (objects)")
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError:
                if not self.fill():  # an object cut short: read on, or fail at the end
                    raise
                continue
            self.pos = end
            return value

    def __iter__(self):
        self.expect("[")
        if self.next_char() == "]":
            self.pos += 1
        else:
            while True:
                yield self.decode_object()
                if self.expect(",]") == "]":
                    break
        if self.next_char():
            raise NotAList("text after the end of the list")


def datetime_text(value):
    """
    A date and time in ISO 8601, to the microsecond ("Z" for UTC). Django's serializers
    keep milliseconds only: a restore then changed the times it loaded, and a backup of the
    restored database differed from the first.
    """
    text = value.isoformat()
    return f"{text[:-6]}Z" if text.endswith("+00:00") else text


class Encoder(DjangoJSONEncoder):
    """Django's JSON encoder, times to the microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return datetime_text(o)
        return super().default(o)


def write_array(stream, records):
    """
    Write `records` (dicts) as a JSON list, one record a line, values as Django's
    serializers write them, but times to the microsecond. Returns how many were written.
    """
    encode = Encoder(ensure_ascii=False, separators=(",", ":")).encode
    stream.write("[")
    count = 0
    for record in records:
        stream.write(",\n" if count else "\n")
        stream.write(encode(record))
        count += 1
    stream.write("\n]\n")
    return count
