"""
The import as a whole: which plans are new, unchanged, changed (and whether an editor changed
their meeting since), then the writes, the load records and the links from releases.
"""

from collections import Counter

from meetings.models import ExternalRecord, LoadConflict, LoadedRecord

from .conflicts import current_of, incoming_of
from .links import link_parts
from .state import meeting_states
from .writer import Writer

ORIGIN = "history.state.gov"
MODEL = "meetings.meeting"


def meetings_of(plans):
    """{plan key: the id of the meeting holding its (first) record}, for those that have one."""
    holding = {
        (scheme, record_id): meeting_id
        for scheme, record_id, meeting_id in ExternalRecord.objects.values_list(
            "scheme", "record_id", "meeting_id"
        )
    }
    found = {}
    for plan in plans:
        scheme, record_id, _ = plan.records[0]
        if (scheme, record_id) in holding:
            found[plan.key] = holding[(scheme, record_id)]
    return found


def sort_plans(plans, records, meetings):
    """(new plans, [(plan, record, meeting id)] changed since their import, other counts)."""
    counts, new, changed = Counter(), [], []
    for plan in plans:
        record = records.get(plan.key)
        if record is None:
            new.append(plan)
        elif plan.key not in meetings:
            counts["kept deleted"] += 1  # an editor deleted the meeting: not brought back
        elif record.fingerprint == plan.fingerprint:
            counts["meetings unchanged"] += 1
        else:
            changed.append((plan, record, meetings[plan.key]))
    return new, changed, counts


def import_plans(plans, progress=lambda message: None):
    """Write what is new or changed; returns the counts of what was done."""
    records = {r.key: r for r in LoadedRecord.objects.filter(origin=ORIGIN, model=MODEL)}
    new, changed, counts = sort_plans(plans, records, meetings_of(plans))
    states = meeting_states([meeting_id for *_, meeting_id in changed])
    rewrite = []
    for plan, record, meeting_id in changed:
        if states.get(meeting_id) == record.written:
            rewrite.append((plan, meeting_id))
        else:
            list_conflict(plan, meeting_id)
            counts["conflicts"] += 1
    progress(f"{len(new):,} meetings to create, {len(rewrite):,} to update.")
    writer = Writer()
    written = writer.write(new, rewrite)
    remember(written, {plan.key: plan for plan in plans}, records)
    counts.update(writer.counts)
    counts["meetings created"] += len(new)
    counts["meetings updated"] += len(rewrite)
    counts["releases linked to a travel"] += link_parts()
    return counts


def remember(written, plans, records):
    """The load records: each plan's fingerprint, and that of the meeting as written."""
    states = meeting_states(list(written.values()))
    fresh = []
    for key, meeting_id in written.items():
        record = records.get(key) or LoadedRecord(origin=ORIGIN, model=MODEL, key=key)
        record.fingerprint = plans[key].fingerprint
        record.written = states[meeting_id]
        if record.pk is None:
            fresh.append(record)
        else:
            record.save(update_fields=["fingerprint", "written"])
    LoadedRecord.objects.bulk_create(fresh)


def list_conflict(plan, meeting_id):
    """A changed record whose meeting an editor changed too: listed, not applied."""
    LoadConflict.objects.get_or_create(
        origin=ORIGIN,
        model=MODEL,
        key=plan.key,
        fingerprint=plan.fingerprint,
        defaults={"incoming": incoming_of(plan), "current": current_of(meeting_id)},
    )
