"""What the admin's pages share: accent-blind search and each record's history."""

from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import get_content_type_for_model
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.db.models.functions import Lower
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from ..functions import Unaccent
from ..text import normalize_name

ADMIN_LOG_LENGTH = 50


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


class ReadableChanges(HistoricalRecordContextHelper):
    """Old and new values as editors read them: a choice's label, not its stored code."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if field.choices and not field.many_to_many:
            return dict(field.flatchoices).get(value, value)
        return super().prepare_delta_change_value(change, value)


class HistoryAdmin(SimpleHistoryAdmin):
    """
    A record's History page: each version with who made it, when, and each field's old and
    new values, any version to revert to (django-simple-history); below, the admin's log of
    the record (additions, changes, publishing), as Django's own History page shows it.
    """

    object_history_template = "admin/meetings/history.html"

    def history_view(self, request, object_id, extra_context=None):
        admin_log = (
            LogEntry.objects.filter(
                object_id=unquote(object_id), content_type=get_content_type_for_model(self.model)
            )
            .select_related("user")
            .order_by("-action_time")[:ADMIN_LOG_LENGTH]
        )
        context = {"admin_log": admin_log, **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)
