"""Database functions that work the same on PostgreSQL and SQLite."""

from django.db import models
from django.db.backends.signals import connection_created
from django.dispatch import receiver

from .text import unaccent


class Unaccent(models.Func):
    """
    UNACCENT(text): PostgreSQL's unaccent extension (created by a migration); on SQLite,
    the same name is registered on each connection as a Python function.
    """

    function = "UNACCENT"
    output_field = models.TextField()


class DatePart(models.Func):
    """
    A part of a date: `template` on PostgreSQL, `sqlite_template` on SQLite, where dates are
    ISO text ("2018-05-03") and a part is read from its characters.
    """

    sqlite_template = None

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template=self.sqlite_template, **extra_context)


class Year(DatePart):
    """
    The year of a date, as an integer. Django's ExtractYear calls a Python function for
    every row on SQLite; there dates are ISO text, so the first four characters will do.
    """

    template = "CAST(EXTRACT(YEAR FROM %(expressions)s) AS integer)"
    sqlite_template = "CAST(substr(%(expressions)s, 1, 4) AS integer)"
    output_field = models.IntegerField()


@receiver(connection_created)
def register_sqlite_functions(sender, connection, **kwargs):
    # SQLite has no unaccent; give each new connection one with the same meaning.
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, unaccent, deterministic=True)


class Month(DatePart):
    """The month of a date (1 to 12), as an integer: on SQLite, from the ISO text."""

    template = "CAST(EXTRACT(MONTH FROM %(expressions)s) AS integer)"
    sqlite_template = "CAST(substr(%(expressions)s, 6, 2) AS integer)"
    output_field = models.IntegerField()


class YearMonth(DatePart):
    """The year and month of a date, "2018-05": on SQLite, the ISO text's first seven."""

    template = "to_char(%(expressions)s, 'YYYY-MM')"
    sqlite_template = "substr(%(expressions)s, 1, 7)"
    output_field = models.CharField()
