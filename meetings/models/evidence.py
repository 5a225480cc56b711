"""The facts of a meeting, each with the passage of a source that states it: who took part, unnamed
delegations, people only mentioned, agreements and quotes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..text import PassageNotFound, find_passage
from .base import choice_label, choices_check
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
        if self.source_id and self.passage:
            self.passage = verbatim(self.source, self.passage, "passage")

    def meeting_in_hand(self):
        """The meeting, saved or not yet: the admin checks rows before it saves their meeting."""
        if type(self)._meta.get_field("meeting").is_cached(self) or self.meeting_id:
            return self.meeting
        return None


def verbatim(source, words, field, what="This passage is not in the source's text"):
    """
    The words as the source writes them (quotes, dashes and spaces compared loosely), or a
    ValidationError on `field` saying `what` and naming the first words not in the source.
    """
    try:
        start, end = find_passage(source.text, words)
    except PassageNotFound as error:
        raise ValidationError(
            {
                field: f"{what}: the words from “{error.missing}” on are not found. Copy "
                "them from the source as it writes them."
            }
        ) from None
    return source.text[start:end]


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
    HEAD = "head", _("Head of delegation")
    HOST = "host", _("Host")
    MEMBER = "member", _("Member of delegation")


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
    for_other_party = models.BooleanField(
        "acting for another party",
        default=False,
        help_text="Tick when the side is not the official's own country: an official seconded "
        "to, speaking for or mediating between the other party.",
    )

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

    def get_role_display(self):
        return choice_label(ParticipationRole, self.role)

    def natural_key(self):
        return (self.meeting.slug, self.official.slug)

    natural_key.dependencies = ["meetings.meeting", "meetings.position"]

    @property
    def title(self):
        return self.position.display_title if self.position_id else ""

    def clean(self):
        super().clean()
        if not self.official_id:
            return
        errors = {**self.side_errors(), **self.position_errors()}
        meeting = self.meeting_in_hand()
        if meeting and meeting.pk and meeting.mentions.filter(official=self.official_id).exists():
            errors["official"] = (
                f"{self.official} is recorded as only mentioned in this meeting: remove the "
                "mention, or do not add them as a participant."
            )
        if errors:
            raise ValidationError(errors)

    def side_errors(self):
        if not self.side_id or self.for_other_party or self.side_id == self.official.country_id:
            return {}
        return {
            "side": f"{self.official} is an official of {self.official.country}: choose that "
            "side, or tick “acting for another party” if they were on this one."
        }

    def position_errors(self):
        if not self.position_id:
            return {}
        if self.position.official_id != self.official_id:
            return {"position": "This position is held by someone else."}
        meeting = self.meeting_in_hand()
        if meeting is None or not meeting.date:
            return {}
        first, last = meeting.period
        if Position.objects.during(first, last).filter(pk=self.position_id).exists():
            return {}
        return {
            "position": f"This position ({self.position.dates}) was not held at the meeting's "
            f"date ({meeting.display_date}): choose the post held then."
        }


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

    def clean(self):
        super().clean()
        meeting = self.meeting_in_hand()
        if not (self.official_id and meeting and meeting.pk):
            return
        if meeting.participations.filter(official=self.official_id).exists():
            raise ValidationError(
                {
                    "official": f"{self.official} took part in this meeting: a participant is "
                    "not also a mention."
                }
            )

    def natural_key(self):
        return (self.meeting.slug, self.official.slug)

    natural_key.dependencies = ["meetings.meeting"]


class AgreementManager(EvidenceManager):
    def get_by_natural_key(self, meeting_slug, title):
        return self.get(meeting__slug=meeting_slug, title=title)


class AgreementKind(models.TextChoices):
    AGREEMENT = "agreement", _("Formal agreement")
    COMMITMENT = "commitment", _("Commitment")


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
        if errors:
            raise ValidationError(errors)
        if self.source_id and self.text:
            self.text = verbatim(
                self.source, self.text, "text", "This quote is not, word for word, in the source"
            )
