"""
What loads leave for editors: each record that changed both at its origin and here, shown
field by field, incoming against current, with two ways out: keep the current record, or take
the incoming one (meetings/loading/conflicts.py); and the people an import could not tell
apart, to merge or keep apart.
"""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from ..loading import conflicts
from ..merging import merge_officials
from ..models import LoadConflict, MergeCandidate

KEEP, TAKE = "_keep_current", "_take_incoming"


class ConflictStateFilter(admin.SimpleListFilter):
    """Open conflicts unless asked otherwise: they are what awaits an editor."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", "Open"), ("resolved", "Resolved"), ("all", "All")]

    def choices(self, changelist):
        current = self.value() or "open"
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        state = self.value() or "open"
        if state == "open":
            return queryset.filter(resolved__isnull=True)
        if state == "resolved":
            return queryset.filter(resolved__isnull=False)
        return queryset


def field_rows(conflict):
    """(field, incoming, current, differs) for every field of either version."""
    incoming = conflict.incoming.get("fields", {})
    current = conflicts.current_state(conflict).get("fields", {})
    return [
        (name, incoming.get(name), current.get(name), incoming.get(name) != current.get(name))
        for name in sorted(set(incoming) | set(current))
    ]


@admin.register(LoadConflict)
class LoadConflictAdmin(admin.ModelAdmin):
    list_display = ["__str__", "origin", "created", "resolution", "resolved_by"]
    list_filter = [ConflictStateFilter, "origin", "model"]
    list_select_related = ["resolved_by"]
    search_fields = ["key", "model"]
    fields = ["model", "key", "origin", "created", "comparison", "resolution", "resolved_by"]
    readonly_fields = fields
    actions = ["keep_current", "take_incoming"]
    change_form_template = "admin/meetings/loadconflict/change_form.html"

    def has_add_permission(self, request):
        return False  # loads list them

    @admin.display(description="Incoming and current, field by field")
    def comparison(self, conflict):
        rows = format_html_join(
            "",
            '<tr class="{}"><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
            (
                ("conflict-differs" if differs else "", name, shown(new), shown(old))
                for name, new, old, differs in field_rows(conflict)
            ),
        )
        return format_html(
            '<table class="conflict-comparison"><thead><tr><th scope="col">Field</th>'
            '<th scope="col">Incoming</th><th scope="col">Current</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            rows,
        )

    @admin.action(description="Keep the current records", permissions=["change"])
    def keep_current(self, request, queryset):
        self.settle(request, queryset.filter(resolved__isnull=True), conflicts.keep_current)

    @admin.action(description="Take the incoming records", permissions=["change"])
    def take_incoming(self, request, queryset):
        self.settle(request, queryset.filter(resolved__isnull=True), conflicts.take_incoming)

    def settle(self, request, queryset, settle_one):
        settled = 0
        for conflict in queryset:
            record = settle_one(conflict, request.user)
            if record is not None:
                self.log_change(
                    request, record, f"Took the incoming version from {conflict.origin}."
                )
            self.log_change(request, conflict, f"Resolved: {conflict.resolution}.")
            settled += 1
        self.message_user(request, f"{settled} conflict(s) resolved.", messages.SUCCESS)

    def response_change(self, request, conflict):
        """The change page's two buttons settle this one conflict."""
        chosen = {KEEP: conflicts.keep_current, TAKE: conflicts.take_incoming}
        for name, settle_one in chosen.items():
            if name in request.POST and conflict.resolved is None:
                self.settle(request, LoadConflict.objects.filter(pk=conflict.pk), settle_one)
                return HttpResponseRedirect(request.path)
        return super().response_change(request, conflict)


def shown(value):
    """A field's value as the comparison shows it: empty values visible as such."""
    if value in (None, "", []):
        return "—"
    return value if isinstance(value, str) else str(value)


@admin.register(MergeCandidate)
class MergeCandidateAdmin(admin.ModelAdmin):
    """
    People an import could not tell apart: the record it made and the one it resembles. Merging
    moves everything to the candidate and keeps the other name as an alias (merging.py).
    """

    list_display = ["official_link", "candidate_link", "score", "reason", "resolution"]
    list_filter = [ConflictStateFilter]
    list_select_related = ["official__country", "candidate__country"]
    search_fields = ["official__name", "candidate__name", "reason"]
    actions = ["merge", "keep_apart"]

    def has_add_permission(self, request):
        return False  # imports list them

    readonly_fields = ["official", "candidate", "score", "reason", "resolved", "resolved_by"]
    exclude = ["resolution"]

    @admin.display(description="record made by the import", ordering="official__name")
    def official_link(self, pair):
        return official_html(pair.official)

    @admin.display(description="resembles", ordering="candidate__name")
    def candidate_link(self, pair):
        return official_html(pair.candidate)

    @admin.action(
        description="Merge: one person, the candidate's record kept", permissions=["change"]
    )
    def merge(self, request, queryset):
        merged = 0
        for pair in queryset.filter(resolved__isnull=True).select_related("official", "candidate"):
            if not MergeCandidate.objects.filter(pk=pair.pk).exists():
                continue  # settled by an earlier merge in this batch
            kept = merge_officials(pair.official, pair.candidate, request.user)
            self.log_change(request, kept, f"Merged {pair.official.name} into this record.")
            merged += 1
        self.message_user(request, f"{merged} pair(s) merged.", messages.SUCCESS)

    @admin.action(description="Keep apart: two people", permissions=["change"])
    def keep_apart(self, request, queryset):
        count = queryset.filter(resolved__isnull=True).update(
            resolved=timezone.now(), resolved_by=request.user, resolution="kept apart"
        )
        self.message_user(request, f"{count} pair(s) kept apart.", messages.SUCCESS)


def official_html(official):
    return format_html(
        '<a href="{}">{}</a> ({})',
        official.get_absolute_url(),
        official.name,
        official.country.code,
    )
