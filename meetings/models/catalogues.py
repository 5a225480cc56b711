"""
Records of other catalogues behind Bilateral's own: a meeting's record ids (history.state.gov's
trips and visits), a person's stable ids there, and the people an import could not tell apart
with certainty, listed for an editor to merge or keep apart.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import choices_check
from .curation import KeyedManager
from .people import Official
from .records import Meeting


class RecordScheme(models.TextChoices):
    HSG_TRAVELS = "history.state.gov/travels", _("history.state.gov: travels")
    HSG_VISITS = "history.state.gov/visits", _("history.state.gov: visits")


class ExternalRecord(models.Model):
    """A catalogue's record of a meeting: one meeting may carry several (a merged travel)."""

    Scheme = RecordScheme

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="records")
    scheme = models.CharField(max_length=50, choices=Scheme.choices)
    record_id = models.CharField("record id", max_length=50)
    url = models.URLField("URL", max_length=300, blank=True)

    key_fields = ("scheme", "record_id")
    objects = KeyedManager()

    class Meta:
        ordering = ["scheme", "record_id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "record_id"], name="externalrecord_unique"),
            choices_check("scheme", RecordScheme, "externalrecord_scheme_valid"),
        ]

    def __str__(self):
        return f"{self.scheme} {self.record_id}"

    def natural_key(self):
        return (self.scheme, self.record_id)

    natural_key.dependencies = ["meetings.meeting"]


class OfficialIdentifier(models.Model):
    """A catalogue's stable id of a person ("tillerson-rex-w"): one person, one record."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="identifiers")
    scheme = models.CharField(max_length=50)
    value = models.CharField(max_length=100)

    key_fields = ("scheme", "value")
    objects = KeyedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scheme", "value"], name="officialidentifier_unique"),
        ]

    def __str__(self):
        return f"{self.scheme}: {self.value}"

    def natural_key(self):
        return (self.scheme, self.value)

    natural_key.dependencies = ["meetings.official"]


class MergeCandidateQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved__isnull=True)


class MergeCandidateManager(models.Manager.from_queryset(MergeCandidateQuerySet)):
    def get_by_natural_key(self, official_slug, candidate_slug):
        return self.get(official__slug=official_slug, candidate__slug=candidate_slug)


class MergeCandidate(models.Model):
    """
    Two records that may be one person: an import found `official` (which it created) only
    resembling `candidate` (a rapidfuzz score, or one surname shared by several people). An
    editor merges them (everything moves to the candidate, the name becomes an alias) or
    keeps them apart.
    """

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(help_text="How alike the names are, 0 to 100.")
    reason = models.CharField(max_length=300)
    created = models.DateTimeField(auto_now_add=True)
    resolved = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.CharField(max_length=20, blank=True)

    objects = MergeCandidateManager()

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["official", "candidate"], name="mergecandidate_unique_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(official=models.F("candidate")), name="mergecandidate_two"
            ),
        ]

    def __str__(self):
        return f"{self.official} ~ {self.candidate} ({self.score:.0f})"

    def natural_key(self):
        return (self.official.slug, self.candidate.slug)

    natural_key.dependencies = ["meetings.official"]
