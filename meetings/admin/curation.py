"""
What loads leave for editors: each record that changed both at its origin and here, shown
field by field, incoming against current, with two ways out: keep the current record, or take
the incoming one (meetings/loading/conflicts.py).
"""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.html import format_html, format_html_join

from ..loading import conflicts
from ..models import LoadConflict

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
