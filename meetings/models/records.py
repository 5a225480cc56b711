"""Meetings and what they are recorded from: topics, sources and the meetings themselves."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .base import (
    DatePrecision,
    NaturalKeyManager,
    choice_label,
    choices_check,
    date_range,
    fill_slug,
    format_date,
    iso_date,
    slug_length,
    slug_url,
)
from .places import City, Country


class Topic(models.Model):
    """A cooperation area: security, trade, migration..."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=100,
        unique=True,
        blank=True,
        validators=[slug_length],
        help_text="Leave empty to make one from the name.",
    )
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    objects = NaturalKeyManager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="topic_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("topic-detail", self.slug)

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        fill_slug(self, self.name)


class SourceQuerySet(models.QuerySet):
    def published(self):
        """
        Sources cited by at least one published meeting: one cited only by drafts (or by
        nothing yet) is no more public than the drafts themselves.
        """
        link = Meeting.sources.through
        cited = link.objects.filter(meeting__status=MeetingStatus.PUBLISHED).values("source_id")
        return self.filter(pk__in=cited)


class SourceManager(NaturalKeyManager.from_queryset(SourceQuerySet)):
    pass


class Source(models.Model):
    """A press release or article, with its full text: every recorded fact cites a passage of it."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=100,
        unique=True,
        blank=True,
        validators=[slug_length],
        help_text="Leave empty to make one from the title.",
    )
    publisher = models.CharField(
        max_length=200, blank=True, help_text="Leave empty where the text does not say."
    )
    url = models.URLField("URL", max_length=500, blank=True)
    published = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=10, default="en")
    file_name = models.CharField(
        max_length=200, blank=True, help_text="The file this text was copied from, if any."
    )
    text = models.TextField(help_text="The full text, verbatim.")
    notes = models.TextField(blank=True)

    objects = SourceManager()

    class Meta:
        ordering = ["-published", "title"]
        # The sources' list, in this order, walks it a page at a time.
        indexes = [models.Index(fields=["title", "id"], name="source_title_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("source-detail", self.slug)

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        fill_slug(self, self.title)


def is_published(path="meeting"):
    """
    The condition "the meeting at `path` is published", for filters and filtered counts
    across a relation: ``Count("meetings", filter=is_published("meetings"))``.
    """
    return Q(**{f"{path}__status": MeetingStatus.PUBLISHED})


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=MeetingStatus.PUBLISHED)

    def with_related(self):
        """Everything a meeting's page or export shows, in a fixed number of queries."""
        from .evidence import Agreement, Delegation, Mention, Participation, Quote

        evidence = {"source__text", "source__notes"}  # the rows name their source, no more
        return self.select_related("city__country", "country", "part_of").prefetch_related(
            models.Prefetch(
                "participations",
                queryset=Participation.objects.select_related(
                    "official", "side", "position__agency", "source"
                ).defer(*evidence),
            ),
            models.Prefetch(
                "delegations",
                queryset=Delegation.objects.select_related("side", "source").defer(*evidence),
            ),
            models.Prefetch(
                "mentions",
                queryset=Mention.objects.select_related("official__country", "source").defer(
                    *evidence
                ),
            ),
            "topics",
            models.Prefetch(
                "agreements",
                queryset=Agreement.objects.select_related("source")
                .defer(*evidence)
                .prefetch_related("topics"),
            ),
            models.Prefetch(
                "quotes",
                queryset=Quote.objects.select_related("speaker", "speaker_agency", "source").defer(
                    *evidence
                ),
            ),
            "sources",
            "records",
        )


class MeetingManager(models.Manager.from_queryset(MeetingQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class MeetingKind(models.TextChoices):
    BILATERAL = "bilateral", _("Bilateral meeting")
    HIGH_LEVEL_DIALOGUE = "high-level-dialogue", _("High-level dialogue")
    CONGRESSIONAL_DELEGATION = "congressional-delegation", _("Congressional delegation visit")
    COURTESY_CALL = "courtesy-call", _("Courtesy call")
    VISIT = "visit", _("Official visit")
    TRIP = "trip", _("Trip abroad")
    WORKING_GROUP = "working-group", _("Working group")
    PHONE_CALL = "phone-call", _("Telephone call")
    OTHER = "other", _("Other")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class Meeting(models.Model):
    Kind = MeetingKind
    Status = MeetingStatus

    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=150,
        unique=True,
        blank=True,
        validators=[slug_length],
        help_text="Leave empty to make one from the title.",
    )
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.BILATERAL)
    date = models.DateField(
        null=True,
        blank=True,
        help_text="For a month or a year, give its first day and set the precision.",
    )
    date_end = models.DateField("end date", null=True, blank=True)
    date_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    venue = models.CharField(max_length=200, blank=True)
    places = models.CharField(
        "places visited",
        max_length=300,
        blank=True,
        help_text="Every place a trip or visit went to, as its record gives them.",
    )
    part_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="parts",
        help_text="The trip or visit this meeting took place during.",
    )
    summary = models.TextField(blank=True)
    notes = models.TextField(
        blank=True, help_text="Editorial notes: what a fact rests on where the source is silent."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who drafted it from a release.",
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="meetings")
    sources = models.ManyToManyField(Source, related_name="meetings")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = MeetingManager()

    class Meta:
        ordering = [models.F("date").desc(nulls_last=True), "title"]
        # Editors draft and submit for review; only reviewers publish.
        permissions = [("publish_meeting", "Can publish meetings")]
        constraints = [
            choices_check("kind", MeetingKind, "meeting_kind_valid"),
            choices_check("status", MeetingStatus, "meeting_status_valid"),
            choices_check("date_precision", DatePrecision, "meeting_date_precision_valid"),
            # An unknown date has no value, and a known one has a precision.
            models.CheckConstraint(
                condition=(
                    Q(date__isnull=True, date_end__isnull=True, date_precision="unknown")
                    | (Q(date__isnull=False) & ~Q(date_precision="unknown"))
                ),
                name="meeting_date_matches_precision",
            ),
            # A month or a year is stored as its first day, so nothing more precise is claimed.
            models.CheckConstraint(
                condition=~Q(date_precision__in=["month", "year"]) | Q(date__day=1),
                name="meeting_month_date_first_day",
            ),
            models.CheckConstraint(
                condition=~Q(date_precision="year") | Q(date__month=1),
                name="meeting_year_date_first_month",
            ),
            models.CheckConstraint(
                condition=Q(date_end__isnull=True) | Q(date_end__gte=models.F("date")),
                name="meeting_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "date"], name="meeting_status_date_idx"),
            models.Index(fields=["kind"], name="meeting_kind_idx"),
            models.Index(fields=["status", "title", "id"], name="meeting_status_title_id_idx"),
            # The meetings held during a trip or visit: SQLite's statistics count the rows of
            # no trip as one value, so it walked the date index of every meeting instead.
            models.Index(
                fields=["part_of", "status"],
                name="meeting_parts_idx",
                condition=Q(part_of__isnull=False),
            ),
            # Migrations 0003 and 0004 add, per database, (status, date DESC NULLS LAST,
            # title, id) and (status, date NULLS LAST, title, id) for the list's date sorts,
            # which Django cannot declare for both, (topic, meeting) on the topics link table,
            # and on PostgreSQL the published meetings' ids with the columns lists read.
        ]

    def __str__(self):
        return f"{self.title} ({self.display_date})"

    def get_absolute_url(self):
        return slug_url("meeting-detail", self.slug)

    def get_kind_display(self):
        return choice_label(MeetingKind, self.kind)

    def natural_key(self):
        return (self.slug,)

    @property
    def display_date(self):
        start = format_date(self.date, self.date_precision)
        if self.date_end and self.date_end != self.date:
            return f"{start} – {format_date(self.date_end, self.date_precision)}"
        return start

    @property
    def iso_date(self):
        return iso_date(self.date, self.date_precision)

    @property
    def iso_date_end(self):
        return iso_date(self.date_end, self.date_precision)

    @property
    def period(self):
        """(first, last) day the meeting may have fallen on, given its precision."""
        first, last = date_range(self.date, self.date_precision)
        if self.date_end:
            last = date_range(self.date_end, self.date_precision)[1]
        return first, last

    def clean(self):
        fill_slug(self, self.title)
        errors = {}
        if self.date_precision == DatePrecision.UNKNOWN:
            if self.date or self.date_end:
                errors["date_precision"] = "A date is given, so its precision cannot be unknown."
        elif self.date is None:
            errors["date"] = "Give a date, or set the precision to unknown."
        else:
            for field in ("date", "date_end"):
                value = getattr(self, field)
                if value is None:
                    continue
                if (
                    self.date_precision in (DatePrecision.MONTH, DatePrecision.YEAR)
                    and value.day != 1
                ):
                    errors[field] = (
                        "With month or year precision, give the first day of the month "
                        "(the day is not known)."
                    )
                elif self.date_precision == DatePrecision.YEAR and value.month != 1:
                    errors[field] = "With year precision, give 1 January of the year."
        if self.date and self.date_end and self.date_end < self.date:
            errors["date_end"] = "The end date cannot be before the start date."
        if self.city_id and self.country_id and self.city.country_id != self.country_id:
            errors["city"] = f"{self.city.name} is not in {self.country}."
        if errors:
            raise ValidationError(errors)
