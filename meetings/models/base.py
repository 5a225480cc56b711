"""What the models share: managers by natural key, alias rows, checked choices and dates
known to a precision."""

import calendar
import datetime
import functools
import re

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..text import SLUG_MAX, make_slug


def choices_check(field, choices, name):
    """A CheckConstraint that keeps a choices field to its choices in the database too."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": choices.values}),
        name=name,
    )


def choice_label(choices, value):
    """
    The label of `value` among `choices` (a TextChoices class), in the active language, or
    `value` itself: what get_FOO_display() gives, which rebuilds the field's choices on
    every call (25 µs, on every row of a list; this takes 2).
    """
    return str(_labels(choices).get(value, value))


@functools.cache
def _labels(choices):
    return dict(choices.choices)


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


class AliasManager(models.Manager):
    """Aliases by natural key: (their owner's slug, the alias)."""

    def get_by_natural_key(self, owner_slug, name):
        return self.get(**{f"{self.model.owner_field}__slug": owner_slug, "name": name})


class Alias(models.Model):
    """
    Another way sources write a name ("Miguel Osorio", "SRE"). A concrete alias adds the
    foreign key named by `owner_field` and its uniqueness per owner.
    """

    owner_field = None
    name = models.CharField(max_length=200)

    objects = AliasManager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (getattr(self, self.owner_field).slug, self.name)


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")
    UNKNOWN = "unknown", _("Unknown")


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
    """
    A date as precise as it is known, in the active language: "3 May 2018", "May 2018",
    "2018" or "Date unknown"; in Spanish "3 de mayo de 2018", "mayo de 2018", "2018" or
    "Fecha desconocida" (the languages' DATE_FORMAT and YEAR_MONTH_FORMAT).
    """
    if date is None or precision == DatePrecision.UNKNOWN:
        return str(_("Date unknown"))
    if precision == DatePrecision.YEAR:
        return str(date.year)
    if precision == DatePrecision.MONTH:
        return formats.date_format(date, "YEAR_MONTH_FORMAT")
    return formats.date_format(date, "DATE_FORMAT")


def iso_date(date, precision):
    """ISO 8601 at the stored precision: "2018-05-03", "2018-05", "2018" or None."""
    if date is None or precision == DatePrecision.UNKNOWN:
        return None
    if precision == DatePrecision.YEAR:
        return f"{date.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


slug_length = MaxLengthValidator(
    SLUG_MAX, message="At most %(limit_value)d characters: a short slug makes a readable link."
)


def fill_slug(instance, text):
    """
    Give `instance` a slug made from `text` when it has none: unique among its model's
    (a number added when taken), so an editor may leave the field empty.
    """
    if instance.slug or not text:
        return
    base = make_slug(text) or "untitled"
    taken = type(instance)._default_manager.exclude(pk=instance.pk).filter(slug__startswith=base)
    taken = set(taken.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        suffix = f"-{number}"
        slug, number = base[: SLUG_MAX - len(suffix)] + suffix, number + 1
    instance.slug = slug


# ---------------------------------------------------------------- pages' addresses

SLUG_MARKER = "slugmarker0"
PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@functools.lru_cache(maxsize=256)
def _around_slug(name, urlconf, prefix, language):
    """(before, after) the slug in the URL named `name`, for this URLconf, prefix, language."""
    return tuple(reverse(name, args=[SLUG_MARKER], urlconf=urlconf).split(SLUG_MARKER))


def slug_url(name, slug):
    """
    reverse(name, args=[slug]) for a URL whose one argument is a slug, in a fraction of the
    time: the address around the slug is reversed once (per URLconf, script prefix and
    language) and the slug put in. A list page links to a hundred meetings, officials and
    topics: reverse() was a third of the time its rows took to render. An unusual slug (one
    reverse() would quote or refuse) goes through reverse().
    """
    return slug_urls(name)(slug)


def slug_urls(name):
    """
    slug_url(name, slug) as a function of the slug, for many links to the same kind of page:
    what is around the slug is found once, not for each link (6 µs a link, on a list's 160).
    """
    before, after = _around_slug(name, get_urlconf(), get_script_prefix(), get_language())

    def url(slug):
        if not PLAIN_SLUG.fullmatch(slug or ""):
            return reverse(name, args=[slug])
        return f"{before}{slug}{after}"

    return url
