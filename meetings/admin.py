"""
Data entry for editors: a new press release goes in as one meeting page with inline
participants, delegations, agreements and quotes, and autocomplete for everything it points at.
"""

from django.contrib import admin
from django.db.models import Q
from django.db.models.functions import Lower

from .functions import Unaccent
from .models import (
    Agency,
    AgencyAlias,
    Agreement,
    City,
    Country,
    Delegation,
    Meeting,
    Mention,
    Official,
    OfficialAlias,
    Participation,
    Position,
    Quote,
    Source,
    Topic,
)
from .text import normalize_name


class AccentInsensitiveSearchMixin:
    """
    Adds to the admin's search the rows whose `accent_search_fields` contain the terms once
    accents and case are ignored, so "pena nieto" finds "Enrique Peña Nieto".
    """

    accent_search_fields = ()

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = normalize_name(search_term).split()
        if not words or not self.accent_search_fields:
            return results, may_have_duplicates
        matches = self.model.objects.all()
        for word in words:
            any_field = Q()
            for index, field in enumerate(self.accent_search_fields):
                alias = f"_unaccented_{index}"
                matches = matches.alias(**{alias: Lower(Unaccent(field))})
                any_field |= Q(**{f"{alias}__contains": word})
            matches = matches.filter(any_field)
        return results | queryset.filter(pk__in=matches.values("pk")), True


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
class AgencyAdmin(AccentInsensitiveSearchMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "country", "parent"]
    list_filter = ["kind", "country"]
    list_select_related = ["country", "parent"]
    search_fields = ["name", "short_name", "aliases__name"]
    accent_search_fields = ["name", "aliases__name"]
    autocomplete_fields = ["country", "parent"]
    inlines = [AgencyAliasInline]


class OfficialAliasInline(admin.TabularInline):
    model = OfficialAlias
    extra = 1


class PositionInline(admin.TabularInline):
    model = Position
    extra = 1
    autocomplete_fields = ["agency"]
    fields = ["title", "agency", "start", "end", "acting", "notes"]


@admin.register(Official)
class OfficialAdmin(AccentInsensitiveSearchMixin, admin.ModelAdmin):
    list_display = ["name", "sort_name", "country"]
    list_filter = ["country"]
    list_select_related = ["country"]
    search_fields = ["name", "sort_name", "aliases__name"]
    accent_search_fields = ["name", "aliases__name"]
    autocomplete_fields = ["country"]
    inlines = [OfficialAliasInline, PositionInline]


@admin.register(Position)
class PositionAdmin(AccentInsensitiveSearchMixin, admin.ModelAdmin):
    list_display = ["official", "title", "agency", "start", "end", "acting"]
    list_filter = ["agency__country", "acting"]
    list_select_related = ["official", "agency"]
    search_fields = ["official__name", "official__aliases__name", "title", "agency__name"]
    accent_search_fields = ["official__name", "official__aliases__name", "title"]
    autocomplete_fields = ["official", "agency"]
    date_hierarchy = "start"


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["parent"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published"]
    search_fields = ["title", "publisher", "text"]
    date_hierarchy = "published"


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ["official", "side", "position", "source"]
    fields = ["order", "official", "side", "role", "position", "source", "passage"]


class DelegationInline(admin.StackedInline):
    model = Delegation
    extra = 0
    autocomplete_fields = ["side", "agencies", "source"]


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    autocomplete_fields = ["official", "source"]


class AgreementInline(admin.StackedInline):
    model = Agreement
    extra = 0
    autocomplete_fields = ["topics", "source"]


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["speaker", "speaker_agency", "source"]


@admin.register(Meeting)
class MeetingAdmin(AccentInsensitiveSearchMixin, admin.ModelAdmin):
    list_display = ["title", "display_date", "kind", "city", "status"]
    list_filter = [
        "status",
        "kind",
        "date_precision",
        "country",
        "topics",
        ("date", admin.DateFieldListFilter),
    ]
    list_select_related = ["city__country"]
    search_fields = [
        "title",
        "summary",
        "participations__official__name",
        "participations__official__aliases__name",
    ]
    accent_search_fields = [
        "title",
        "participations__official__name",
        "participations__official__aliases__name",
    ]
    date_hierarchy = "date"
    autocomplete_fields = ["city", "country", "topics", "sources"]
    inlines = [ParticipationInline, DelegationInline, MentionInline, AgreementInline, QuoteInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status"]}),
        ("When", {"fields": ["date", "date_end", "date_precision"]}),
        ("Where", {"fields": ["city", "country", "venue"]}),
        ("What", {"fields": ["summary", "topics", "sources", "notes"]}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Tag the broader topics too, so filtering by "Security" finds "Arms trafficking".
        meeting = form.instance
        chosen = {topic.pk: topic for topic in meeting.topics.select_related("parent")}
        parents = set()
        for topic in chosen.values():
            ancestor = topic.parent
            while ancestor is not None and ancestor.pk not in chosen and ancestor.pk not in parents:
                parents.add(ancestor.pk)
                ancestor = ancestor.parent
        if parents:
            meeting.topics.add(*parents)

    @admin.display(description="Date", ordering="date")
    def display_date(self, meeting):
        return meeting.display_date

    @admin.action(description="Publish the selected meetings")
    def publish(self, request, queryset):
        updated = queryset.update(status=Meeting.Status.PUBLISHED)
        self.message_user(request, f"{updated} meeting(s) published.")

    @admin.action(description="Return the selected meetings to draft")
    def unpublish(self, request, queryset):
        updated = queryset.update(status=Meeting.Status.DRAFT)
        self.message_user(request, f"{updated} meeting(s) returned to draft.")


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting"]
    list_select_related = ["meeting", "speaker", "speaker_agency"]
    search_fields = ["text", "speaker__name", "meeting__title"]
    autocomplete_fields = ["meeting", "speaker", "speaker_agency", "source"]
