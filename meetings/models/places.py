"""Where meetings happen: countries and cities."""

from django.db import models
from django.db.models import Q
from django.utils import translation

from meetings.languages.countries import country_name

from .base import NaturalKeyManager, fill_slug, slug_length


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

    @property
    def display_name(self):
        """The name in the reader's language: pycountry's translation, else `name`."""
        return country_name(self.code, translation.get_language() or "en", self.name)

    def natural_key(self):
        return (self.code,)


class City(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(
        max_length=100,
        unique=True,
        blank=True,
        validators=[slug_length],
        help_text="Leave empty to make one from the name.",
    )
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

    def clean(self):
        fill_slug(self, self.name)
