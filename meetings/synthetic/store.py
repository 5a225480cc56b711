"""
Rows numbered before they are saved, slugs unique across them, and their bulk writes.

The generator gives every row its primary key (Ids), so rows can point at each other before
any is saved; the sequences are reset afterwards so that later inserts continue after them.
"""

from collections import Counter

from django.core.management.color import no_style
from django.db import connection
from django.utils.text import slugify


class Ids:
    """The next free primary key of each model, so rows can point at each other before saving."""

    def __init__(self, models):
        self.next = {}
        for model in models:
            last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
            self.next[model] = (last or 0) + 1

    def take(self, model):
        value = self.next[model]
        self.next[model] = value + 1
        return value

    def reset_sequences(self):
        """Point the database's sequences past the keys taken."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.next))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


class Slugs:
    """Slugs unique across everything generated: agencies, officials and meetings."""

    def __init__(self):
        self.taken = set()

    def unique(self, text, limit=100):
        base = slugify(text)[:limit].strip("-") or "item"
        slug, n = base, 2
        while slug in self.taken:
            suffix = f"-{n}"
            slug = base[: limit - len(suffix)].strip("-") + suffix
            n += 1
        self.taken.add(slug)
        return slug


class Store:
    """Rows counted by model and written with bulk_create in batches (only counted on a dry run)."""

    def __init__(self, write):
        self.write = write
        self.counts = Counter()

    def save(self, model, objects):
        self.counts[model._meta.model_name] += len(objects)
        if self.write and objects:
            model.objects.bulk_create(objects, batch_size=batch_size(model))


def batch_size(model):
    # SQLite allows 32,766 parameters a statement; stay well below it on both databases.
    fields = len(model._meta.concrete_fields)
    return max(1, min(2000, 30000 // fields))
