"""
A historian record that changed while an editor changed its meeting: how the conflict is shown
(the meeting's fields and people, incoming against current) and settled (keep the meeting as the
editor left it, or rewrite it from the record now).
"""

import dataclasses
import datetime

from meetings.models import LoadedRecord, Meeting

from ..plans import DelegationPlan, MeetingPlan, PersonPlan, SourcePlan
from .state import meeting_states
from .writer import Writer

ORIGIN = "history.state.gov"


def plan_summary(plan):
    """The fields an editor compares: a plan's, as the meeting would show them."""
    return {
        "title": plan.title,
        "kind": plan.kind,
        "date": str(plan.start),
        "date_end": str(plan.end) if plan.end != plan.start else None,
        "places": plan.places,
        "summary": plan.summary,
        "participants": sorted(f"{p.name} ({p.side})" for p in plan.people),
        "delegations": sorted(f"{d.description} ({d.side})" for d in plan.delegations),
    }


def meeting_summary(meeting):
    """The same fields of the meeting as the database holds it."""
    participants = meeting.participations.select_related("official", "side")
    delegations = meeting.delegations.select_related("side")
    return {
        "title": meeting.title,
        "kind": meeting.kind,
        "date": str(meeting.date),
        "date_end": str(meeting.date_end) if meeting.date_end else None,
        "places": meeting.places,
        "summary": meeting.summary,
        "participants": sorted(f"{p.official.name} ({p.side.code})" for p in participants),
        "delegations": sorted(f"{d.description} ({d.side.code})" for d in delegations),
    }


def incoming_of(plan):
    return {"fields": plan_summary(plan), "plan": to_json(dataclasses.asdict(plan))}


def current_of(meeting_id):
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    fields = meeting_summary(meeting) if meeting else {}
    return {"fields": fields, "meeting_id": meeting_id}


def to_json(value):
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    return value.isoformat() if isinstance(value, datetime.date) else value


def plan_from(data):
    """The MeetingPlan a conflict keeps, rebuilt from its JSON."""
    day = datetime.date.fromisoformat
    people = [
        PersonPlan(**{**p, "term": tuple(day(d) if d else None for d in p["term"])})
        for p in data["people"]
    ]
    fields = {
        **data,
        "start": day(data["start"]),
        "end": day(data["end"]),
        "records": [tuple(r) for r in data["records"]],
        "sources": [SourcePlan(**s) for s in data["sources"]],
        "people": people,
        "delegations": [DelegationPlan(**d) for d in data["delegations"]],
    }
    return MeetingPlan(**fields)


def keep_current(conflict):
    """The meeting stays as the editor left it; this version of the record is not listed again."""
    meeting_id = conflict.current.get("meeting_id")
    LoadedRecord.objects.filter(origin=ORIGIN, model=conflict.model, key=conflict.key).update(
        fingerprint=conflict.fingerprint, written=meeting_states([meeting_id]).get(meeting_id, "")
    )


def take_incoming(conflict):
    """The meeting rewritten from the record, as the import would have. Returns the meeting."""
    meeting_id = conflict.current.get("meeting_id")
    plan = plan_from(conflict.incoming["plan"])
    Writer().write([], [(plan, meeting_id)])
    LoadedRecord.objects.filter(origin=ORIGIN, model=conflict.model, key=conflict.key).update(
        fingerprint=plan.fingerprint, written=meeting_states([meeting_id])[meeting_id]
    )
    return Meeting.objects.get(pk=meeting_id)
