"""The meeting list's filters: one FilterSet shared by the page, its exports and its feed."""

import calendar
import datetime
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import Count, F, Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from .models import (
    Agency,
    City,
    Country,
    DatePrecision,
    Delegation,
    Meeting,
    MeetingKind,
    Official,
    Participation,
    Topic,
)
from .search import search_meetings

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
# Each order ends with the id, so that meetings of the same date and title keep their places
# from one page to the next.
SORTS = {
    "-date": (_("Newest first"), [Meeting._meta.ordering[0], "title", "id"]),
    "date": (_("Oldest first"), [F("date").asc(nulls_last=True), "title", "id"]),
    "title": (_("Title"), ["title", "id"]),
}


class PartialDateField(forms.CharField):
    """
    An ISO date that may stop at the month or the year: "2018", "2018-05", "2018-05-03".
    Cleans to (first_day, last_day) of the period it names.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        match = PARTIAL_DATE.match(value)
        if not match:
            raise ValidationError(_("Enter a date as YYYY, YYYY-MM or YYYY-MM-DD."), code="invalid")
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            if month is None:
                return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            if day is None:
                last = calendar.monthrange(year, month)[1]
                return datetime.date(year, month, 1), datetime.date(year, month, last)
            day_date = datetime.date(year, month, day)
            return day_date, day_date
        except (ValueError, calendar.IllegalMonthError):
            raise ValidationError(
                _("%(value)s is not a real date."), code="invalid", params={"value": value}
            ) from None


class PartialDateFilter(django_filters.Filter):
    field_class = PartialDateField


# How many values one filter takes at a time ("?official=a&official=b..."): beyond, a 400 that
# says so, so that no URL's cost grows with its length.
MAX_VALUES = 10


class LimitedMultipleChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Several values of one filter, at most MAX_VALUES distinct ones."""

    def clean(self, value):
        if value and len(set(value)) > MAX_VALUES:
            raise ValidationError(
                _("Choose at most %(limit)d of these at a time."),
                code="too_many",
                params={"limit": MAX_VALUES},
            )
        return super().clean(value)


def query_for_links(query, form):
    """
    The query the page's links keep: without a filter given more than MAX_VALUES values
    (its error says so), so that a 400 does not repeat hundreds of values in each of its
    links and its size stays bounded like its cost.
    """
    names = [
        name
        for name, errors in form.errors.as_data().items()
        if any(error.code == "too_many" for error in errors)
    ]
    if not names:
        return query
    query = query.copy()
    for name in names:
        query.pop(name, None)
    return query


class SlugMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Repeated ?name=slug parameters; unknown slugs are form errors, not 500s."""

    field_class = LimitedMultipleChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)

    def get_filter_predicate(self, v):
        # Filter on the object itself (its key), not on the slug it was looked up by.
        return {self.field_name: v}

    def filter(self, qs, value):
        # Meetings whose id is among those linked to the value(s), rather than joins made
        # unique with DISTINCT: the same meetings, and the count, page and facet queries stay
        # cheap at 100,000 meetings. "All of" is one grouped subquery, whatever the number of
        # values, so its plan does not grow with them.
        if not value:
            return qs
        rows, meeting, target = self.link_rows()
        rows = rows.filter(**{f"{target}__in": [obj.pk for obj in value]})
        if self.conjoined and len(set(value)) > 1:
            rows = (
                rows.values(meeting)
                .annotate(linked=Count(target, distinct=True))
                .filter(linked=len(set(value)))
            )
        return qs.filter(pk__in=rows.values(meeting))

    def link_rows(self):
        """(the link rows, their meeting column, their target column) of this filter."""
        name, _sep, rest = self.field_name.partition("__")
        field = Meeting._meta.get_field(name)
        if field.many_to_many:  # topics: the link table
            through = field.remote_field.through
            return through._base_manager, field.m2m_field_name(), field.m2m_reverse_field_name()
        # participations__official: the rows pointing at the meeting
        return field.related_model._base_manager, field.field.name, rest


class PartyFilter(django_filters.ModelMultipleChoiceFilter):
    """
    ?party=US&party=MX: meetings in which officials of all these parties took part, named
    or in an unnamed delegation. One grouped subquery over both kinds of rows.
    """

    field_class = LimitedMultipleChoiceField

    def filter(self, qs, value):
        if not value:
            return qs
        ids = sorted({party.pk for party in value})
        marks = ", ".join(["%s"] * len(ids))
        sql = (
            f"SELECT meeting_id FROM (SELECT meeting_id, side_id FROM "
            f"{Participation._meta.db_table} WHERE side_id IN ({marks}) UNION SELECT "
            f"meeting_id, side_id FROM {Delegation._meta.db_table} WHERE side_id IN ({marks})) "
            f"sides GROUP BY meeting_id HAVING COUNT(*) = %s"
        )
        return qs.filter(pk__in=RawSQL(sql, [*ids, *ids, len(ids)]))


class MeetingFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("date_after"), cleaned.get("date_before")
        if after and before and after[0] > before[1]:
            self.add_error("date_before", _("“Until” must not be before “From”."))
        return cleaned


class MeetingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        validators=[MaxLengthValidator(200)],
        help_text=_("Words in the title, summary, participants' names or topics."),
    )
    topic = SlugMultipleChoiceFilter(
        label=_("Topic"), field_name="topics", queryset=Topic.objects.all(), distinct=True
    )
    official = SlugMultipleChoiceFilter(
        label=_("Official"),
        field_name="participations__official",
        queryset=Official.objects.all(),
        conjoined=True,
        distinct=True,
    )
    agency = django_filters.ModelChoiceFilter(
        label=_("Agency"),
        to_field_name="slug",
        queryset=Agency.objects.all(),
        method="filter_agency",
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"), to_field_name="code", queryset=Country.objects.all()
    )
    party = PartyFilter(
        label=_("Party"),
        to_field_name="code",
        queryset=Country.objects.all(),
        help_text=_("A country (ISO code) whose officials took part; repeat it for all of them."),
    )
    city = django_filters.ModelChoiceFilter(
        label=_("City"), to_field_name="slug", queryset=City.objects.all()
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=MeetingKind.choices, empty_label=_("Any kind")
    )
    date_after = PartialDateFilter(label=_("From"), method="filter_date_after")
    date_before = PartialDateFilter(label=_("Until"), method="filter_date_before")
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = Meeting
        fields = []
        form = MeetingFilterForm

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            # Country codes are written in capitals; accept "mx" for "MX".
            if data.get("country"):
                data["country"] = data["country"].upper()
            if "party" in data:
                data.setlist("party", [code.upper() for code in data.getlist("party")])
        super().__init__(data, *args, **kwargs)
        self.form.fields["sort"].required = False

    def filter_q(self, queryset, name, value):
        return search_meetings(queryset, value)

    def filter_agency(self, queryset, name, agency):
        return of_agency(queryset, agency)

    def filter_date_after(self, queryset, name, value):
        # A meeting known to the month or year matches if any day of it can be on or after.
        first = value[0]
        starts = (
            Q(date_precision=DatePrecision.DAY, date__gte=first)
            | Q(date_precision=DatePrecision.MONTH, date__gte=first.replace(day=1))
            | Q(date_precision=DatePrecision.YEAR, date__gte=first.replace(month=1, day=1))
        )
        return queryset.filter(starts | Q(date_end__gte=first))

    def filter_date_before(self, queryset, name, value):
        return queryset.filter(date__lte=value[1])

    def filter_sort(self, queryset, name, value):
        return queryset  # the ordering is applied last, in filter_queryset()

    # The order filters are applied in: an official's meetings (usually fewer) before a
    # topic's or a search's. The result is the same; SQLite reads the id lists of its WHERE
    # clause in order and checks the others against the first (twice as fast this way at
    # 100,000 meetings); PostgreSQL chooses for itself.
    FILTER_ORDER = [
        "official",
        "agency",
        "city",
        "country",
        "party",
        "kind",
        "date_after",
        "date_before",
    ]

    def narrowed(self):
        """The names of the filters in force (not the order): those that cleaned, once checked."""
        return {name for name, value in self.form.cleaned_data.items() if value and name != "sort"}

    def parties_alone(self):
        """The countries of ?party= when the list asks for nothing else (its order aside)."""
        if self.is_valid() and self.narrowed() == {"party"}:
            return list(self.form.cleaned_data["party"])
        return None

    def topic_alone(self):
        """The one topic of ?topic= when the list asks for nothing else (its order aside)."""
        if self.is_valid() and self.narrowed() == {"topic"}:
            topics = set(self.form.cleaned_data["topic"])
            return topics.pop() if len(topics) == 1 else None
        return None

    def filter_queryset(self, queryset):
        cleaned = self.form.cleaned_data
        names = [n for n in self.FILTER_ORDER if n in cleaned]
        names += [n for n in cleaned if n not in names]
        for name in names:
            queryset = self.filters[name].filter(queryset, cleaned[name])
        sort = cleaned.get("sort") or "-date"
        return queryset.order_by(*SORTS[sort][1])


def of_agency(queryset, agency):
    """
    Meetings where the agency, or a body inside it (the Senate within Congress), took part:
    through a participant's post or an unnamed delegation.
    """
    agency_ids = agency_and_descendants(agency)
    # Each kind of row found from the agency's side, then one set of meeting ids: joined to
    # every meeting and tested with OR, it read them all (200 ms at 100,000 meetings).
    named = Participation.objects.filter(position__agency__in=agency_ids)
    unnamed = Delegation.agencies.through.objects.filter(agency__in=agency_ids)
    meeting_ids = (
        named.order_by()
        .values("meeting_id")
        .union(unnamed.order_by().values("delegation__meeting_id"))
    )
    return queryset.filter(pk__in=meeting_ids)


def agency_and_descendants(agency):
    children = {}
    for pk, parent_id in Agency.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, frontier = [agency.pk], [agency.pk]
    while frontier:
        frontier = [
            child for pk in frontier for child in children.get(pk, []) if child not in found
        ]
        found.extend(frontier)
    return found
