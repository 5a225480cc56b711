"""People and posts: one record per official, the names sources give them, and the positions
they held over dates (titles belong to positions, not to people)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from ..functions import Unaccent
from ..text import normalize_name
from .base import Alias, fill_slug, slug_length, slug_url
from .bodies import Agency
from .places import Country


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
    slug = models.SlugField(
        max_length=100,
        unique=True,
        blank=True,
        validators=[slug_length],
        help_text="Leave empty to make one from the name.",
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="officials")
    notes = models.TextField(blank=True)

    objects = OfficialManager()

    class Meta:
        ordering = ["sort_name"]
        indexes = [models.Index(fields=["sort_name"], name="official_sort_name_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("official-detail", self.slug)

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["meetings.country"]

    def clean(self):
        fill_slug(self, self.name)


class OfficialAlias(Alias):
    """Another way a source writes an official's name: "Miguel Osorio", "Pena Nieto"."""

    owner_field = "official"
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "official aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["official", "name"], name="officialalias_unique_per_official"
            ),
        ]

    def natural_key(self):
        return super().natural_key()

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
        return f"{self.display_title}, {self.official} ({self.dates})"

    @property
    def dates(self):
        """ "2018-04-26 to 2021-01-20", "from 2018-04-26", "until 2021", or "dates unknown"."""
        start = self.start.isoformat() if self.start else ""
        end = self.end.isoformat() if self.end else ""
        if start and end:
            return f"{start} to {end}"
        if start or end:
            return f"from {start}" if start else f"until {end}"
        return "dates unknown"

    @property
    def display_title(self):
        return f"Acting {self.title}" if self.acting else self.title

    def natural_key(self):
        return (self.official.slug, self.agency.slug, self.title, self.start)

    natural_key.dependencies = ["meetings.official", "meetings.agency"]

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "A position cannot end before it starts."})
