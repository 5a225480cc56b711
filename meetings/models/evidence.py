"""The facts of a meeting, each with the passage of a source that states it: who took part, unnamed
delegations, people only mentioned, agreements and quotes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from .base import choices_check
from .bodies import Agency
from .people import Official, Position
from .places import Country
from .records import Meeting, Source, Topic, is_published


class EvidenceModel(models.Model):
    """A fact about a meeting, with the passage of a source that states it."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    passage = models.TextField(help_text="The words of the source that support this, verbatim.")

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.source_id and self.passage and self.passage not in self.source.text:
            raise ValidationError({"passage": "This passage is not in the source's text."})


class EvidenceQuerySet(models.QuerySet):
    """The rows of a meeting; published() keeps those of published meetings."""

    def published(self):
        return self.filter(is_published("meeting"))


class EvidenceManager(models.Manager.from_queryset(EvidenceQuerySet)):
    pass


class MeetingChildManager(EvidenceManager):
    """Natural key (meeting slug, official slug) for one-per-official rows."""

    def get_by_natural_key(self, meeting_slug, official_slug):
        return self.get(meeting__slug=meeting_slug, official__slug=official_slug)


class ParticipationRole(models.TextChoices):
    HEAD = "head", "Head of delegation"
    HOST = "host", "Host"
    MEMBER = "member", "Member of delegation"


class Participation(EvidenceModel):
    """Someone who took part, on one side, in one role, with the post held then."""

    Role = ParticipationRole

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="participations")
    side = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        help_text="The post held at the time of the meeting.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = MeetingChildManager()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "official"], name="participation_unique_official"
            ),
            choices_check("role", ParticipationRole, "participation_role_valid"),
        ]
        indexes = [models.Index(fields=["official", "meeting"], name="participation_official_idx")]

    def __str__(self):
        return f"{self.official} ({self.get_role_display()}, {self.side.code})"

    def natural_key(self):
        return (self.meeting.slug, self.official.slug)

    natural_key.dependencies = ["meetings.meeting", "meetings.position"]

    @property
    def title(self):
        return self.position.display_title if self.position_id else ""

    def clean(self):
        super().clean()
        if not self.position_id or not self.official_id:
            return
        if self.position.official_id != self.official_id:
            raise ValidationError({"position": "This position is held by someone else."})
        if self.meeting_id and self.meeting.date:
            first, last = self.meeting.period
            if not Position.objects.during(first, last).filter(pk=self.position_id).exists():
                raise ValidationError(
                    {"position": "This position was not held at the meeting's date."}
                )


class DelegationManager(EvidenceManager):
    def get_by_natural_key(self, meeting_slug, side_code):
        return self.get(meeting__slug=meeting_slug, side__code=side_code)


class Delegation(EvidenceModel):
    """A side whose members the source does not name: recorded as described, never invented."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="delegations")
    side = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(
        max_length=300, help_text='As the source puts it: "members of the U.S. Senate and House".'
    )
    agencies = models.ManyToManyField(Agency, blank=True, related_name="delegations")

    objects = DelegationManager()

    class Meta:
        verbose_name = "unnamed delegation"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "side"], name="delegation_unique_side"),
        ]

    def __str__(self):
        return f"{self.description} ({self.side.code})"

    def natural_key(self):
        return (self.meeting.slug, self.side.code)

    natural_key.dependencies = ["meetings.meeting"]


class Mention(EvidenceModel):
    """Someone a source names in connection with a meeting who did not take part in it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="mentions")
    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="mentions")
    note = models.CharField(max_length=300, blank=True, help_text="Why they are named.")

    objects = MeetingChildManager()

    class Meta:
        verbose_name = "mention (not a participant)"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "official"], name="mention_unique_official"),
        ]

    def __str__(self):
        return f"{self.official} (mentioned)"

    def natural_key(self):
        return (self.meeting.slug, self.official.slug)

    natural_key.dependencies = ["meetings.meeting"]


class AgreementManager(EvidenceManager):
    def get_by_natural_key(self, meeting_slug, title):
        return self.get(meeting__slug=meeting_slug, title=title)


class AgreementKind(models.TextChoices):
    AGREEMENT = "agreement", "Formal agreement"
    COMMITMENT = "commitment", "Commitment"


class Agreement(EvidenceModel):
    """What a meeting agreed or signed."""

    Kind = AgreementKind

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agreements")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMITMENT)
    summary = models.TextField(blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="agreements")

    objects = AgreementManager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "title"], name="agreement_unique_title"),
            choices_check("kind", AgreementKind, "agreement_kind_valid"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.meeting.slug, self.title)

    natural_key.dependencies = ["meetings.meeting"]


class QuoteManager(EvidenceManager):
    def get_by_natural_key(self, meeting_slug, number):
        return self.get(meeting__slug=meeting_slug, number=number)


class Quote(models.Model):
    """Words said at or about a meeting, verbatim from its source, with who said them."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="quotes")
    number = models.PositiveSmallIntegerField(help_text="Order within the meeting: 1, 2, 3...")
    speaker = models.ForeignKey(
        Official, on_delete=models.PROTECT, null=True, blank=True, related_name="quotes"
    )
    speaker_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="When an institution, not a person, is quoted.",
    )
    text = models.TextField(help_text="Verbatim: it must appear in the source's text.")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="quotes")

    objects = QuoteManager()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="quote_unique_number"),
            models.CheckConstraint(
                condition=(
                    Q(speaker__isnull=False, speaker_agency__isnull=True)
                    | Q(speaker__isnull=True, speaker_agency__isnull=False)
                ),
                name="quote_has_one_speaker",
            ),
        ]

    def __str__(self):
        text = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        return f"{self.speaker_name}: “{text}”"

    @property
    def speaker_name(self):
        return str(self.speaker or self.speaker_agency or "")

    def natural_key(self):
        return (self.meeting.slug, self.number)

    natural_key.dependencies = ["meetings.meeting"]

    def clean(self):
        errors = {}
        if bool(self.speaker_id) == bool(self.speaker_agency_id):
            errors["speaker"] = "Give a speaker: either a person or an agency, not both."
        if self.source_id and self.text and self.text not in self.source.text:
            errors["text"] = "This quote is not, word for word, in the source's text."
        if errors:
            raise ValidationError(errors)
