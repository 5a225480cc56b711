"""
What the release reader proposed for a draft meeting: one row per proposed fact (a participant,
a quote, a topic, the date...), its fields as the reader gave them and the passage of the
meeting's release it rests on (offsets into the source's text). An editor accepts, edits or
rejects each; accepting writes the real rows (``meetings.drafting.db``). Proposals are never
shown on public pages.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .base import choices_check
from .records import Meeting, Source


class ProposalKind(models.TextChoices):
    TITLE = "title", _("Title")
    DATE = "date", _("Date")
    PLACE = "place", _("Place")
    PARTICIPANT = "participant", _("Participant")
    MENTION = "mention", _("Mentioned person")
    DELEGATION = "delegation", _("Unnamed delegation")
    QUOTE = "quote", _("Quote")
    TOPIC = "topic", _("Topic")
    AGREEMENT = "agreement", _("Agreement")


class ProposalDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class ProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(decision=ProposalDecision.PENDING)


class Proposal(models.Model):
    """A fact the reader proposed for a draft meeting, with its passage in the release."""

    Kind = ProposalKind
    Decision = ProposalDecision

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="proposals")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    payload = models.JSONField(default=dict, help_text=_("The fact's fields, as proposed."))
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            choices_check("kind", ProposalKind, "proposal_kind_valid"),
            choices_check("decision", ProposalDecision, "proposal_decision_valid"),
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True)
                | Q(start__isnull=False, end__gte=models.F("start")),
                name="proposal_passage_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.label}"

    @property
    def label(self):
        """What the proposal is, in a few words: a name, a slug, a date."""
        payload = self.payload
        for key in ("name", "speaker", "title", "description", "slug", "date", "city"):
            if payload.get(key):
                return str(payload[key])
        return "—"

    @property
    def passage(self):
        if self.start is None:
            return ""
        return self.source.text[self.start : self.end]
