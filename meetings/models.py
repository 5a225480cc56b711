"""
The knowledge model: who met whom, when, where, about what, and what they agreed,
with the source passage behind each fact.
"""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from .functions import Unaccent
from .text import normalize_name


def choices_check(field, choices, name):
    """A CheckConstraint that keeps a choices field to its choices in the database too."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": choices.values}),
        name=name,
    )


class NaturalKeyManager(models.Manager):
    """get_by_natural_key() for models whose natural key is a unique slug or code."""

    def __init__(self, key="slug"):
        super().__init__()
        self.key = key

    def get_by_natural_key(self, value):
        return self.get(**{self.key: value})

    def deconstruct(self):
        # Managers with arguments must deconstruct to be usable in migrations.
        return (False, f"{type(self).__module__}.{type(self).__name__}", None, (self.key,), {})


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"


def date_range(date, precision):
    """The first and last day a date of the given precision stands for, or (None, None)."""
    if date is None or precision == DatePrecision.UNKNOWN:
        return None, None
    if precision == DatePrecision.YEAR:
        return datetime.date(date.year, 1, 1), datetime.date(date.year, 12, 31)
    if precision == DatePrecision.MONTH:
        last = calendar.monthrange(date.year, date.month)[1]
        return datetime.date(date.year, date.month, 1), datetime.date(date.year, date.month, last)
    return date, date


def format_date(date, precision):
    """A date as precise as it is known: "3 May 2018", "May 2018", "2018" or "Date unknown"."""
    if date is None or precision == DatePrecision.UNKNOWN:
        return "Date unknown"
    if precision == DatePrecision.YEAR:
        return str(date.year)
    if precision == DatePrecision.MONTH:
        return f"{calendar.month_name[date.month]} {date.year}"
    return f"{date.day} {calendar.month_name[date.month]} {date.year}"


def iso_date(date, precision):
    """ISO 8601 at the stored precision: "2018-05-03", "2018-05", "2018" or None."""
    if date is None or precision == DatePrecision.UNKNOWN:
        return None
    if precision == DatePrecision.YEAR:
        return f"{date.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


class Country(models.Model):
    code = models.CharField(
        "ISO 3166-1 alpha-2 code",
        max_length=2,
        unique=True,
        help_text="Two capital letters, e.g. MX.",
    )
    name = models.CharField(max_length=100, unique=True)

    objects = NaturalKeyManager("code")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z][A-Z]$"), name="country_code_alpha2"
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class City(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="cities")

    objects = NaturalKeyManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "cities"
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="city_unique_name_in_country"),
        ]

    def __str__(self):
        return f"{self.name}, {self.country.code}"

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["meetings.country"]


class AgencyKind(models.TextChoices):
    PRESIDENCY = "presidency", "Presidency"
    MINISTRY = "ministry", "Ministry or department"
    LEGISLATURE = "legislature", "Legislature"
    CHAMBER = "chamber", "Legislative chamber"
    EMBASSY = "embassy", "Embassy"
    OFFICE = "office", "Office"
    UNIT = "unit", "Unit or directorate"


class Agency(models.Model):
    Kind = AgencyKind

    name = models.CharField(max_length=200)
    short_name = models.CharField(
        max_length=50, blank=True, help_text="Acronym or short form, e.g. SRE, DHS."
    )
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="agencies")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The body this one is part of: the Senate under Congress.",
    )
    description = models.TextField(blank=True)

    objects = NaturalKeyManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"], name="agency_unique_name_in_country"
            ),
            choices_check("kind", AgencyKind, "agency_kind_valid"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="agency_not_own_parent"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

    def get_absolute_url(self):
        return reverse("agency-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["meetings.country"]

    def clean(self):
        if self.parent_id and self.parent.country_id != self.country_id:
            raise ValidationError({"parent": "The parent agency must belong to the same country."})
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": "An agency cannot be inside itself."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class AliasManager(models.Manager):
    owner_field = None

    def get_by_natural_key(self, owner_slug, name):
        return self.get(**{f"{self.owner_field}__slug": owner_slug, "name": name})


class AgencyAliasManager(AliasManager):
    owner_field = "agency"


class AgencyAlias(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    objects = AgencyAliasManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agency aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name"], name="agencyalias_unique_per_agency"
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.agency.slug, self.name)

    natural_key.dependencies = ["meetings.agency"]


class OfficialQuerySet(models.QuerySet):
    def matching(self, name):
        """
        Officials whose name or any alias equals `name`, ignoring accents, case and spacing:
        "Pena Nieto" finds "Enrique Peña Nieto" through its alias "Peña Nieto".
        """
        wanted = normalize_name(name)
        if not wanted:
            return self.none()
        by_name = self.annotate(_n=Lower(Unaccent("name"))).filter(_n=wanted).values("pk")
        by_alias = (
            OfficialAlias.objects.annotate(_n=Lower(Unaccent("name")))
            .filter(_n=wanted)
            .values("official_id")
        )
        return self.filter(Q(pk__in=by_name) | Q(pk__in=by_alias))


class OfficialManager(models.Manager.from_queryset(OfficialQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Official(models.Model):
    """One person, one record. Titles live on Position, names seen in sources on OfficialAlias."""

    name = models.CharField(max_length=200, help_text="Full name as usually written.")
    sort_name = models.CharField(max_length=200, help_text="e.g. Videgaray Caso, Luis")
    slug = models.SlugField(max_length=100, unique=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="officials")
    notes = models.TextField(blank=True)

    objects = OfficialManager()

    class Meta:
        ordering = ["sort_name"]
        indexes = [models.Index(fields=["sort_name"], name="official_sort_name_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("official-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["meetings.country"]


class OfficialAliasManager(AliasManager):
    owner_field = "official"


class OfficialAlias(models.Model):
    """Another way a source writes an official's name: "Miguel Osorio", "Pena Nieto"."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    objects = OfficialAliasManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "official aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["official", "name"], name="officialalias_unique_per_official"
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.official.slug, self.name)

    natural_key.dependencies = ["meetings.official"]


class PositionQuerySet(models.QuerySet):
    def on_date(self, date):
        """Positions held on `date`; an unknown start or end is taken as open."""
        return self.filter(
            Q(start__isnull=True) | Q(start__lte=date),
            Q(end__isnull=True) | Q(end__gte=date),
        )

    def during(self, first, last):
        """Positions held at some time between `first` and `last` (inclusive)."""
        return self.filter(
            Q(start__isnull=True) | Q(start__lte=last),
            Q(end__isnull=True) | Q(end__gte=first),
        )


class PositionManager(models.Manager.from_queryset(PositionQuerySet)):
    def get_by_natural_key(self, official_slug, agency_slug, title, start):
        return self.get(
            official__slug=official_slug, agency__slug=agency_slug, title=title, start=start
        )


class Position(models.Model):
    """A post an official held at an agency over dates; the title belongs here, not to the person."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="positions")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(max_length=200)
    start = models.DateField(null=True, blank=True, help_text="Leave empty if unknown.")
    end = models.DateField(null=True, blank=True, help_text="Leave empty if still held or unknown.")
    acting = models.BooleanField(default=False)
    notes = models.TextField(blank=True, help_text="What the dates rest on.")

    objects = PositionManager()

    class Meta:
        ordering = ["official__sort_name", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["official", "agency", "title", "start"], name="position_unique"
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(end__isnull=True)
                | Q(end__gte=models.F("start")),
                name="position_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["official", "start"], name="position_official_start_idx")]

    def __str__(self):
        return f"{self.display_title}, {self.official}"

    @property
    def display_title(self):
        return f"Acting {self.title}" if self.acting else self.title

    def natural_key(self):
        return (self.official.slug, self.agency.slug, self.title, self.start)

    natural_key.dependencies = ["meetings.official", "meetings.agency"]

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "A position cannot end before it starts."})


class Topic(models.Model):
    """A cooperation area: security, trade, migration..."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
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
        return reverse("topic-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class Source(models.Model):
    """A press release or article, with its full text: every recorded fact cites a passage of it."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100, unique=True)
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

    objects = NaturalKeyManager()

    class Meta:
        ordering = ["-published", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("source-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Meeting.Status.PUBLISHED)

    def with_related(self):
        """Everything a meeting's page or export shows, in a fixed number of queries."""
        return self.select_related("city__country", "country").prefetch_related(
            models.Prefetch(
                "participations",
                queryset=Participation.objects.select_related(
                    "official", "side", "position__agency"
                ),
            ),
            models.Prefetch("delegations", queryset=Delegation.objects.select_related("side")),
            "topics",
            models.Prefetch("agreements", queryset=Agreement.objects.prefetch_related("topics")),
            models.Prefetch(
                "quotes", queryset=Quote.objects.select_related("speaker", "speaker_agency")
            ),
            "sources",
        )


class MeetingManager(models.Manager.from_queryset(MeetingQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class MeetingKind(models.TextChoices):
    BILATERAL = "bilateral", "Bilateral meeting"
    HIGH_LEVEL_DIALOGUE = "high-level-dialogue", "High-level dialogue"
    CONGRESSIONAL_DELEGATION = "congressional-delegation", "Congressional delegation visit"
    COURTESY_CALL = "courtesy-call", "Courtesy call"
    VISIT = "visit", "Official visit"
    WORKING_GROUP = "working-group", "Working group"
    PHONE_CALL = "phone-call", "Telephone call"
    OTHER = "other", "Other"


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Meeting(models.Model):
    Kind = MeetingKind
    Status = MeetingStatus

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=150, unique=True)
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
    summary = models.TextField(blank=True)
    notes = models.TextField(
        blank=True, help_text="Editorial notes: what a fact rests on where the source is silent."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    topics = models.ManyToManyField(Topic, blank=True, related_name="meetings")
    sources = models.ManyToManyField(Source, related_name="meetings")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = MeetingManager()

    class Meta:
        ordering = [models.F("date").desc(nulls_last=True), "title"]
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
            # Migrations 0003 and 0004 add, per database, (status, date DESC NULLS LAST,
            # title, id) and (status, date NULLS LAST, title, id) for the list's date sorts,
            # which Django cannot declare for both, (topic, meeting) on the topics link table,
            # and on PostgreSQL the published meetings' ids with the columns lists read.
        ]

    def __str__(self):
        return f"{self.title} ({self.display_date})"

    def get_absolute_url(self):
        return reverse("meeting-detail", args=[self.slug])

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


class MeetingChildManager(models.Manager):
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


class DelegationManager(models.Manager):
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


class AgreementManager(models.Manager):
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


class QuoteManager(models.Manager):
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
