"""Government bodies: agencies, the bodies within them, and the names sources give them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .base import Alias, NaturalKeyManager, choices_check, fill_slug, slug_length, slug_url
from .places import Country


class AgencyKind(models.TextChoices):
    PRESIDENCY = "presidency", _("Presidency")
    MINISTRY = "ministry", _("Ministry or department")
    LEGISLATURE = "legislature", _("Legislature")
    CHAMBER = "chamber", _("Legislative chamber")
    EMBASSY = "embassy", _("Embassy")
    OFFICE = "office", _("Office")
    UNIT = "unit", _("Unit or directorate")


class Agency(models.Model):
    Kind = AgencyKind

    name = models.CharField(max_length=200)
    short_name = models.CharField(
        max_length=50, blank=True, help_text="Acronym or short form, e.g. SRE, DHS."
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        blank=True,
        validators=[slug_length],
        help_text="Leave empty to make one from the name.",
    )
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
        return slug_url("agency-detail", self.slug)

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["meetings.country"]

    def clean(self):
        fill_slug(self, self.name)
        if self.parent_id and self.parent.country_id != self.country_id:
            raise ValidationError({"parent": "The parent agency must belong to the same country."})
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": "An agency cannot be inside itself."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class AgencyAlias(Alias):
    """Another name of an agency: its acronym in the other language, a former name."""

    owner_field = "agency"
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "agency aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name"], name="agencyalias_unique_per_agency"
            ),
        ]

    def natural_key(self):
        return super().natural_key()

    natural_key.dependencies = ["meetings.agency"]
