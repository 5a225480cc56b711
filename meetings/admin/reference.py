"""What meetings point at: countries, cities, agencies, topics and sources."""

from django.contrib import admin

from ..models import Agency, AgencyAlias, City, Country, Source, Topic
from .base import AccentInsensitiveSearchMixin, HistoryAdmin


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "country"]
    list_filter = ["country"]
    list_select_related = ["country"]
    search_fields = ["name"]
    autocomplete_fields = ["country"]


class AgencyAliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 1


@admin.register(Agency)
class AgencyAdmin(AccentInsensitiveSearchMixin, HistoryAdmin):
    list_display = ["name", "short_name", "kind", "country", "parent"]
    list_filter = ["kind", "country"]
    list_select_related = ["country", "parent"]
    search_fields = ["name", "short_name", "aliases__name"]
    accent_search_fields = ["name", "aliases__name"]
    autocomplete_fields = ["country", "parent"]
    inlines = [AgencyAliasInline]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["parent"]


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = ["title", "publisher", "published"]
    search_fields = ["title", "publisher", "text"]
    date_hierarchy = "published"
