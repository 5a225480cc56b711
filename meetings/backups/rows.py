"""
Rows written as the database takes them: values prepared once per field kind, primary keys
given before the insert, a batch of rows streamed by COPY (PostgreSQL) or one compiled
statement run for many rows (SQLite).
"""

from contextlib import contextmanager
from datetime import date, time
from decimal import Decimal

from django.core.management.color import no_style

# Field kinds whose JSON value is what the database driver takes, when of the right type.
AS_GIVEN = {
    **dict.fromkeys(["CharField", "SlugField", "TextField", "EmailField", "URLField"], str),
    **dict.fromkeys(
        [
            "IntegerField",
            "BigIntegerField",
            "SmallIntegerField",
            "PositiveIntegerField",
            "PositiveSmallIntegerField",
            "PositiveBigIntegerField",
            "AutoField",
            "BigAutoField",
            "SmallAutoField",
        ],
        int,
    ),
    "BooleanField": bool,
    "FloatField": float,
}


def column_value(field, connection):
    """A function from a field's value in a backup to the value the database is sent."""

    def prepared(value):
        return field.get_db_prep_save(field.to_python(value), connection)

    kind = AS_GIVEN.get(field.get_internal_type())
    if kind is None:
        return prepared
    return lambda value: value if value is None or value.__class__ is kind else prepared(value)


def insert_rows(connection, table, columns, rows):
    """
    Insert `rows` (sequences of values in the order of `columns`) into `table`, one compiled
    statement run for them all (on PostgreSQL, writer.RowWriter sends them by COPY instead).
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)


COPY_CHUNK = 1 << 16  # characters sent at a time


def copy_statement(connection, table, columns, rows):
    """
    (COPY statement, its data) that inserts `rows` into `table` on PostgreSQL: COPY takes
    rows several times faster than INSERT, however many a statement.
    """
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    text = "".join("\t".join(map(copy_text, row)) + "\n" for row in rows)
    return f"COPY {quote(table)} ({names}) FROM STDIN", text


def escaped(text):
    """Text with COPY's special characters escaped (str.replace scans far faster than translate)."""
    for character, escape in (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")):
        if character in text:
            text = text.replace(character, escape)
    return text


def copy_text(value):
    """A value as COPY's text format writes it (PostgreSQL's documentation, COPY, File Formats)."""
    kind = value.__class__
    if kind is str:
        return escaped(value)
    if value is None:
        return "\\N"
    if kind is bool:
        return "t" if value else "f"
    if kind is int or kind is float or kind is Decimal:
        return str(value)
    if isinstance(value, date | time):
        return value.isoformat()
    if hasattr(value, "dumps") and hasattr(value, "adapted"):  # psycopg2's Json adapter
        return escaped(value.dumps(value.adapted))
    raise TypeError(f"no COPY text for {kind.__name__} {value!r:.100}")


def first_free_id(connection, model):
    """
    The first primary key neither used nor handed out by the table's sequence: restored
    rows never take the ids of deleted ones (which the admin's log may still name).
    """
    table, column = model._meta.db_table, model._meta.pk.column
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT max({quote(column)}) FROM {quote(table)}")
        used = cursor.fetchone()[0] or 0
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_sequence_last_value(pg_get_serial_sequence(%s, %s)::regclass)",
                [quote(table), column],
            )
        else:
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
    return max(used, (row[0] if row else None) or 0) + 1


def reset_sequences(connection, models):
    """The tables' sequences moved past the ids given (PostgreSQL; SQLite's follow inserts)."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


@contextmanager
def room_for_indexes(connection, kib=256 * 1024):
    """
    Within: on SQLite, a page cache of `kib` KiB for this connection (the default, 2 MiB,
    holds little of the indexes a large load inserts into, which are then read and written
    again from disk for every batch); as it was afterwards.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        size = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-int(kib)}")
        try:
            yield
        finally:
            cursor.execute(f"PRAGMA cache_size = {int(size)}")
