"""
A press release goes in as one meeting page: the meeting, then its rows (participants,
unnamed delegations, mentions, agreements, quotes) as inlines, checked together before
anything is saved.

* Each row is checked against the meeting in hand, saved or not, so that a post not held at
  the meeting's date is refused on the first save of a new meeting too.
* A row's source may be left empty: it is the meeting's first source (the first one chosen
  on the form). A participant's side may be left empty: it is the official's country.
* The same person cannot be a participant and a mention in one meeting, across the two
  inlines of one submission.
* A draft's "View on site" opens its preview (staff only); publishing and returning to draft
  from the list are logged per meeting, and each save is a version in the history.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from ..models import Agreement, Delegation, Meeting, Mention, Participation, Quote
from ..models.history import many_to_many_in_one_version
from .base import AccentInsensitiveSearchMixin, HistoryAdmin, ReadableChanges
from .drafting import PUBLISH, DraftingAdminMixin

# Django's jQuery first, as its autocomplete loads it: the script uses django.jQuery.
POSITION_SCRIPTS = [
    f"admin/js/vendor/jquery/jquery{'' if settings.DEBUG else '.min'}.js",
    "admin/js/jquery.init.js",
    "js/position_autocomplete.js",
]
ROW_MODELS = [Participation, Delegation, Mention, Agreement, Quote]
ROW_VERSIONS_SHOWN = 50
MEETING_FIELDSETS = [
    (None, {"fields": ["title", "slug", "kind", "status"]}),
    ("When", {"fields": ["date", "date_end", "date_precision"]}),
    ("Where", {"fields": ["city", "country", "venue"]}),
    ("What", {"fields": ["summary", "sources", "topics", "notes"]}),
]


# ---------------------------------------------------------------- the rows' forms


class MeetingForm(forms.ModelForm):
    """The meeting itself; keeps the sources as chosen, in order, for its rows' defaults."""

    class Meta:
        model = Meeting
        fields = [name for _, options in MEETING_FIELDSETS for name in options["fields"]]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        version = getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if version is not None:  # a version to revert to: its topics and sources, not today's
            for name in ("topics", "sources"):
                related = Meeting._meta.get_field(name).m2m_reverse_field_name()
                self.initial[name] = [
                    getattr(row, f"{related}_id") for row in getattr(version, name).all()
                ]

    def _save_m2m(self):
        # A revert saves them here too (not through save_related): one version all the same.
        with many_to_many_in_one_version(self.instance):
            super()._save_m2m()

    def clean_sources(self):
        sources = self.cleaned_data["sources"]
        # The first one the editor chose, not the first in the sources' own order.
        chosen = [str(pk) for pk in self.data.getlist(self.add_prefix("sources"))]
        rank = {pk: index for index, pk in enumerate(chosen)}
        ordered = sorted(sources, key=lambda source: rank.get(str(source.pk), len(chosen)))
        self.instance._chosen_sources = ordered  # read by the rows, before anything is saved
        return sources

    def clean_status(self):
        """Only reviewers publish: an editor may keep a published meeting so, not make one."""
        status = self.cleaned_data["status"]
        was = self.initial.get("status")
        if status == Meeting.Status.PUBLISHED != was and not getattr(self, "can_publish", True):
            raise forms.ValidationError(
                "Only reviewers publish: set it to “In review” and a reviewer will publish it."
            )
        return status


def first_source(meeting):
    """The meeting's first source: the first chosen on the form, or else the first saved."""
    chosen = getattr(meeting, "_chosen_sources", None)
    if chosen is None and meeting.pk:
        chosen = list(meeting.sources.all()[:1])
    return chosen[0] if chosen else None


class MeetingRowForm(forms.ModelForm):
    """A row of a meeting. Its source, left empty, is the meeting's first source."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "source" in self.fields:
            self.fields["source"].required = False
            self.fields["source"].help_text = "Leave empty for the meeting's first source."

    def clean(self):
        cleaned = super().clean()
        if "source" in self.fields and not cleaned.get("source"):
            source = first_source(self.instance.meeting)
            if source is None:
                self.add_error("source", "Choose a source, or choose the meeting's sources.")
            else:
                cleaned["source"] = source
        return cleaned


class ParticipationForm(MeetingRowForm):
    """A participant. Their side, left empty, is their country."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].required = False
        self.fields["side"].help_text = "Leave empty for the official's country."

    def clean(self):
        cleaned = super().clean()
        official = cleaned.get("official")
        if official and not cleaned.get("side"):
            cleaned["side"] = official.country
        return cleaned


# ---------------------------------------------------------------- the rows together


class MeetingRowsFormSet(BaseInlineFormSet):
    """
    The rows of one kind. Each row's instance is given the meeting in hand as soon as the row
    is made (Django gives it the meeting's id, none while the meeting is being added, and the
    meeting itself only after the row's clean(), which needs it for the defaults), and the
    meeting keeps its formsets so that one kind of row can check another.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.__dict__.setdefault("_row_formsets", {})[self.model] = self

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.instance.meeting = self.instance


def kept_rows(formset):
    """The cleaned data of a formset's rows that were filled in and not deleted."""
    formset.errors  # noqa: B018 (cleans the rows, once)
    return [
        form.cleaned_data
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    ]


class MentionFormSet(MeetingRowsFormSet):
    """Mentions: nobody mentioned may be among the participants of the same submission."""

    def clean(self):
        super().clean()
        participations = self.instance._row_formsets.get(Participation)
        if participations is None:
            return
        participants = {row["official"] for row in kept_rows(participations) if row.get("official")}
        for form in self.forms:
            official = getattr(form, "cleaned_data", {}).get("official")
            if official in participants and not form.cleaned_data.get("DELETE"):
                form.add_error(
                    "official",
                    f"{official} took part in this meeting: a participant is not also a "
                    "mention. Remove one of the two rows.",
                )


class ParticipationInline(admin.TabularInline):
    model = Participation
    form = ParticipationForm
    formset = MeetingRowsFormSet
    extra = 2
    autocomplete_fields = ["official", "side", "position", "source"]
    fields = [
        "order",
        "official",
        "side",
        "for_other_party",
        "role",
        "position",
        "source",
        "passage",
    ]

    class Media:
        # The position autocomplete offers the row's official's posts at the meeting's date.
        js = POSITION_SCRIPTS


class DelegationInline(admin.StackedInline):
    model = Delegation
    form = MeetingRowForm
    formset = MeetingRowsFormSet
    extra = 0
    autocomplete_fields = ["side", "agencies", "source"]


class MentionInline(admin.TabularInline):
    model = Mention
    form = MeetingRowForm
    formset = MentionFormSet
    extra = 0
    autocomplete_fields = ["official", "source"]


class AgreementInline(admin.StackedInline):
    model = Agreement
    form = MeetingRowForm
    formset = MeetingRowsFormSet
    extra = 0
    autocomplete_fields = ["topics", "source"]


class QuoteInline(admin.StackedInline):
    model = Quote
    form = MeetingRowForm
    formset = MeetingRowsFormSet
    extra = 1
    autocomplete_fields = ["speaker", "speaker_agency", "source"]


# ---------------------------------------------------------------- the meeting


def add_broader_topics(meeting):
    """Tag the broader topics too, so filtering by "Security" finds "Arms trafficking"."""
    chosen = {topic.pk: topic for topic in meeting.topics.select_related("parent")}
    parents = set()
    for topic in chosen.values():
        ancestor = topic.parent
        while ancestor is not None and ancestor.pk not in chosen and ancestor.pk not in parents:
            parents.add(ancestor.pk)
            ancestor = ancestor.parent
    if parents:
        meeting.topics.add(*parents)


def row_versions(meeting_pk):
    """
    The latest versions of a meeting's rows (participants, quotes...), newest first, each
    with what it changed from the row's version before: the rows have no page of their own.
    """
    versions = []
    for model in ROW_MODELS:
        found = model.history.filter(meeting_id=meeting_pk).select_related("history_user")
        versions += found.order_by("-history_date")[:ROW_VERSIONS_SHOWN]
    versions.sort(key=lambda version: version.history_date, reverse=True)
    shown = versions[:ROW_VERSIONS_SHOWN]
    for version in shown:
        previous = version.prev_record
        delta = version.diff_against(previous, foreign_keys_are_objs=True) if previous else None
        helper = ReadableChanges(version.instance_type, version)
        version.changes = helper.context_for_delta_changes(delta) if delta else []
    return shown


@admin.register(Meeting)
class MeetingAdmin(DraftingAdminMixin, AccentInsensitiveSearchMixin, HistoryAdmin):
    form = MeetingForm
    list_display = ["title", "display_date", "kind", "city", "status", "drafted_by"]
    list_filter = [
        "status",
        ("drafted_by", admin.RelatedOnlyFieldListFilter),
        "kind",
        "date_precision",
        "country",
        "topics",
        ("date", admin.DateFieldListFilter),
    ]
    list_select_related = ["city__country", "drafted_by"]
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
    fieldsets = MEETING_FIELDSETS

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.can_publish = request.user.has_perm(PUBLISH)
        return form

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH)

    def save_related(self, request, form, formsets, change):
        # Its topics and sources belong to the version its save recorded, not to new ones.
        with many_to_many_in_one_version(form.instance):
            super().save_related(request, form, formsets, change)
            add_broader_topics(form.instance)

    def history_view(self, request, object_id, extra_context=None):
        context = {"row_versions": row_versions(object_id), **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)

    def view_on_site(self, meeting):
        """A published meeting's public page; a draft's preview, for staff only."""
        if meeting.status == Meeting.Status.PUBLISHED:
            return meeting.get_absolute_url()
        return reverse("meeting-preview", args=[meeting.slug])

    @admin.display(description="Date", ordering="date")
    def display_date(self, meeting):
        return meeting.display_date

    @admin.action(description="Publish the selected meetings", permissions=["publish"])
    def publish(self, request, queryset):
        updated = self.set_status(request, queryset, Meeting.Status.PUBLISHED, "Published")
        self.message_user(request, f"{updated} meeting(s) published.")

    @admin.action(description="Return the selected meetings to draft", permissions=["change"])
    def unpublish(self, request, queryset):
        updated = self.set_status(request, queryset, Meeting.Status.DRAFT, "Returned to draft")
        self.message_user(request, f"{updated} meeting(s) returned to draft.")

    def set_status(self, request, queryset, status, done):
        """Each meeting saved (a version in its history) and logged, by the editor."""
        meetings = list(queryset.exclude(status=status))
        for meeting in meetings:
            meeting.status = status
            meeting._change_reason = f"{done} from the list of meetings"
            meeting.save(update_fields=["status", "updated"])
            self.log_change(request, meeting, f"{done}.")
        return len(meetings)


@admin.register(Quote)
class QuoteAdmin(HistoryAdmin):
    list_display = ["__str__", "meeting"]
    list_select_related = ["meeting", "speaker", "speaker_agency"]
    search_fields = ["text", "speaker__name", "meeting__title"]
    autocomplete_fields = ["meeting", "speaker", "speaker_agency", "source"]
