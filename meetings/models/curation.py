"""
The record of loads and what awaits an editor: what each load (the fixtures, an import)
last wrote, so the next one never overwrites an editor's work, and the conflicts it found.
"""

from django.conf import settings
from django.db import models


class KeyedManager(models.Manager):
    """Natural keys by the fields a model's natural_key() gives, in its `key_fields` order."""

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.model.key_fields, values, strict=True)))


class LoadedRecord(models.Model):
    """
    The fingerprint of what a load last wrote for one record. At the next load, a record
    whose database state still has this fingerprint was edited by nobody and may be updated;
    one that differs was changed by an editor and is kept.
    """

    origin = models.CharField(max_length=50, help_text='Where it came from: "fixtures"...')
    model = models.CharField(max_length=100, help_text='The model, e.g. "meetings.meeting".')
    key = models.CharField(max_length=500, help_text="Its natural key (JSON) or record id.")
    fingerprint = models.CharField(max_length=64, help_text="Of the record as loaded.")
    written = models.CharField(
        max_length=64, blank=True, help_text="Of what the load wrote, when that differs."
    )

    key_fields = ("origin", "model", "key")
    objects = KeyedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["origin", "model", "key"], name="loadedrecord_unique_key"
            ),
        ]

    def __str__(self):
        return f"{self.origin}: {self.model} {self.key}"

    def natural_key(self):
        return (self.origin, self.model, self.key)


class LoadConflictQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved__isnull=True)


class LoadConflictManager(KeyedManager.from_queryset(LoadConflictQuerySet)):
    pass


class LoadConflict(models.Model):
    """
    A record that changed at its origin while an editor changed it here too: the load did
    not apply it. An editor compares the two and keeps theirs or takes the incoming one.
    """

    origin = models.CharField(max_length=50)
    model = models.CharField(max_length=100)
    key = models.CharField(max_length=500)
    incoming = models.JSONField(help_text="What the load would have written.")
    current = models.JSONField(help_text="What the database held then.")
    fingerprint = models.CharField(max_length=64, help_text="Of the incoming version.")
    created = models.DateTimeField(auto_now_add=True)
    resolved = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.CharField(max_length=20, blank=True)

    key_fields = ("origin", "model", "key", "fingerprint")
    objects = LoadConflictManager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["origin", "model", "key", "fingerprint"], name="loadconflict_unique"
            ),
        ]

    def __str__(self):
        return f"{self.model} {self.key} ({self.origin})"

    def natural_key(self):
        return (self.origin, self.model, self.key, self.fingerprint)
