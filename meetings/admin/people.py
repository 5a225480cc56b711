"""Officials, the names sources give them, and the positions they held over dates."""

from django import forms
from django.contrib import admin

from ..models import DatePrecision, Official, OfficialAlias, Position
from ..models.base import date_range
from .base import AccentInsensitiveSearchMixin, HistoryAdmin


class OfficialAliasInline(admin.TabularInline):
    model = OfficialAlias
    extra = 1


class PositionInline(admin.TabularInline):
    model = Position
    extra = 1
    autocomplete_fields = ["agency"]
    fields = ["title", "agency", "start", "end", "acting", "notes"]


@admin.register(Official)
class OfficialAdmin(AccentInsensitiveSearchMixin, HistoryAdmin):
    list_display = ["name", "sort_name", "country"]
    list_filter = ["country"]
    list_select_related = ["country"]
    search_fields = ["name", "sort_name", "aliases__name"]
    accent_search_fields = ["name", "aliases__name"]
    autocomplete_fields = ["country"]
    inlines = [OfficialAliasInline, PositionInline]


class MeetingRowQuery(forms.Form):
    """
    What the position autocomplete of a participant's row sends besides the search term
    (static/js/position_autocomplete.js): the row's official and the meeting's date.
    """

    official = forms.IntegerField(required=False, min_value=1)
    date = forms.DateField(required=False)
    date_end = forms.DateField(required=False)
    date_precision = forms.ChoiceField(required=False, choices=DatePrecision.choices)

    def narrow(self, positions):
        """
        The positions of the row's official, held at the meeting's date, when given; what
        cannot be read (a date half typed) narrows nothing.
        """
        self.is_valid()
        data = self.cleaned_data
        if data.get("official"):
            positions = positions.filter(official=data["official"])
        precision = data.get("date_precision") or DatePrecision.DAY
        first, last = date_range(data.get("date"), precision)
        if first is None:
            return positions
        if data.get("date_end") and data["date_end"] >= data["date"]:
            last = date_range(data["date_end"], precision)[1]
        return positions.during(first, last)


@admin.register(Position)
class PositionAdmin(AccentInsensitiveSearchMixin, HistoryAdmin):
    list_display = ["official", "title", "agency", "start", "end", "acting"]
    list_filter = ["agency__country", "acting"]
    list_select_related = ["official", "agency"]
    search_fields = ["official__name", "official__aliases__name", "title", "agency__name"]
    accent_search_fields = ["official__name", "official__aliases__name", "title"]
    autocomplete_fields = ["official", "agency"]
    date_hierarchy = "start"

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if is_participant_position_autocomplete(request):
            results = MeetingRowQuery(request.GET).narrow(results)
        return results, may_have_duplicates


def is_participant_position_autocomplete(request):
    """The request is the autocomplete of a participant's post (not the positions' list)."""
    match = request.resolver_match
    return (
        match is not None
        and match.url_name == "autocomplete"
        and request.GET.get("model_name") == "participation"
        and request.GET.get("field_name") == "position"
    )
