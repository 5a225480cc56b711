"""
What an imported meeting holds now, as one fingerprint: compared with the one written at
import, it tells whether an editor changed the meeting since (then a changed record is not
applied but listed for review). Read in bulk: five queries for any number of meetings.
"""

import hashlib
import json
from collections import defaultdict

from meetings.models import Delegation, ExternalRecord, Meeting, Participation

MEETING = [
    "title",
    "slug",
    "kind",
    "date",
    "date_end",
    "date_precision",
    "city_id",
    "country_id",
    "venue",
    "places",
    "summary",
    "notes",
    "status",
    "part_of_id",
]
PARTICIPATION = [
    "official_id",
    "side_id",
    "role",
    "position_id",
    "passage",
    "source_id",
    "order",
    "for_other_party",
]
DELEGATION = ["side_id", "description", "passage", "source_id"]


def meeting_states(meeting_ids):
    """{meeting id: fingerprint of its fields, facts, topics, sources and records}."""
    state = defaultdict(lambda: defaultdict(list))
    for row in Meeting.objects.filter(pk__in=meeting_ids).values("pk", *MEETING):
        state[row.pop("pk")]["meeting"] = row
    related = [
        ("participations", Participation.objects, PARTICIPATION),
        ("delegations", Delegation.objects, DELEGATION),
        ("records", ExternalRecord.objects, ["scheme", "record_id", "url"]),
        ("topics", Meeting.topics.through.objects, ["topic_id"]),
        ("sources", Meeting.sources.through.objects, ["source_id"]),
    ]
    for key, rows, fields in related:
        for row in rows.filter(meeting_id__in=meeting_ids).values("meeting_id", *fields):
            state[row.pop("meeting_id")][key].append(row)
    return {pk: fingerprint(value) for pk, value in state.items() if "meeting" in value}


def fingerprint(value):
    for rows in value.values():
        if isinstance(rows, list):
            rows.sort(key=lambda row: json.dumps(row, sort_keys=True, default=str))
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()
