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


@receiver(connection_created)
def register_sqlite_functions(sender, connection, **kwargs):
    # SQLite has no unaccent; give each new connection one with the same meaning.
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, unaccent, deterministic=True)
