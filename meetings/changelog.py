"""
A published meeting's public change log, from its edit history (django-simple-history): when
it was published, and since then what changed in it and in its facts (participants,
delegations, mentions, agreements, quotes), when -- never by whom. Two queries: the meeting's
versions, and one union of its rows' versions.
"""

from dataclasses import dataclass

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _

from .models import Agreement, Delegation, Meeting, Mention, Participation, Quote

SHOWN = 30
# The meeting's fields a reader sees, with their labels.
MEETING_FIELDS = {
    "title": _("title"),
    "kind": _("kind"),
    "date": _("date"),
    "date_end": _("end date"),
    "date_precision": _("date precision"),
    "city_id": _("city"),
    "country_id": _("country"),
    "venue": _("venue"),
    "summary": _("summary"),
    "notes": _("editorial notes"),
}
# Each kind of row, and what names it.
ROWS = [
    (Participation, _("Participant"), F("official__name")),
    (Delegation, _("Unnamed delegation"), F("description")),
    (Mention, _("Mentioned person"), F("official__name")),
    (Agreement, _("Agreement"), F("title")),
    (Quote, _("Quote"), Coalesce("speaker__name", "speaker_agency__name")),
]
ACTIONS = {"+": _("added"), "~": _("changed"), "-": _("removed")}


@dataclass
class Change:
    date: object
    what: str
    detail: str = ""


def change_log(meeting):
    """(last changed, changes newest first) of a published meeting; (None, []) without history."""
    versions = list(
        Meeting.history.filter(id=meeting.pk)
        .order_by("history_date", "history_id")
        .values("history_date", "status", *MEETING_FIELDS)
    )
    published = next((v for v in versions if v["status"] == Meeting.Status.PUBLISHED), None)
    if published is None:
        return None, []
    changes = [Change(published["history_date"], str(_("Published")))]
    changes += _meeting_changes(versions, published["history_date"])
    changes += _row_changes(meeting, published["history_date"])
    changes.sort(key=lambda change: change.date, reverse=True)
    return changes[0].date, changes[:SHOWN]


def _meeting_changes(versions, since):
    changes = []
    for before, after in zip(versions, versions[1:], strict=False):
        if after["history_date"] <= since:
            continue
        fields = [
            str(label) for name, label in MEETING_FIELDS.items() if before[name] != after[name]
        ]
        if fields:
            changes.append(
                Change(after["history_date"], str(_("Meeting changed")), ", ".join(fields))
            )
    return changes


def _row_changes(meeting, since):
    queries = [
        model.history.filter(meeting_id=meeting.pk, history_date__gt=since)
        .order_by()
        .annotate(
            _row_kind=Value(str(label), output_field=CharField()),
            _row_name=Cast(naming, output_field=CharField()),
        )
        .values_list("history_date", "history_type", "_row_kind", "_row_name")
        for model, label, naming in ROWS
    ]
    rows = queries[0].union(*queries[1:], all=True).order_by("-history_date")[:SHOWN]
    return [
        Change(date, f"{kind} {ACTIONS.get(action, '')}".strip(), name or "")
        for date, action, kind, name in rows
    ]
