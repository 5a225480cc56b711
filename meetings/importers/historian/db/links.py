"""
A release's meeting that took place during a recorded trip or visit links to it (part_of): the
February 2017 high-level meeting in Mexico City happened during Tillerson's trip 3914. Only
where it is certain: the meeting's day falls within the travel, in the same country, and one
of its participants is one of the travel's.
"""

from collections import defaultdict

from meetings.models import Meeting, Participation

TRAVELS = ("trip", "visit")


def link_parts():
    """Set part_of where it is missing and certain; returns how many meetings were linked."""
    meetings = list(
        Meeting.objects.filter(part_of__isnull=True, date_precision="day", records__isnull=True)
        .exclude(kind__in=TRAVELS)
        .values("pk", "date", "date_end", "country_id")
    )
    people = defaultdict(set)
    for meeting_id, official_id in Participation.objects.filter(
        meeting_id__in=[m["pk"] for m in meetings]
    ).values_list("meeting_id", "official_id"):
        people[meeting_id].add(official_id)
    travels = travels_of({pk for ids in people.values() for pk in ids})
    linked = 0
    for meeting in meetings:
        found = {
            travel["pk"]
            for official in people[meeting["pk"]]
            for travel in travels[official]
            if within(meeting, travel)
        }
        if len(found) == 1:
            Meeting.objects.filter(pk=meeting["pk"]).update(part_of=found.pop())
            linked += 1
    return linked


def travels_of(officials):
    """{official id: [the trips and visits they took part in]}."""
    travels = defaultdict(list)
    rows = Participation.objects.filter(
        official_id__in=officials, meeting__kind__in=TRAVELS, meeting__records__isnull=False
    ).values(
        "official_id", "meeting_id", "meeting__date", "meeting__date_end", "meeting__country_id"
    )
    for row in rows:
        travels[row["official_id"]].append(
            {
                "pk": row["meeting_id"],
                "date": row["meeting__date"],
                "date_end": row["meeting__date_end"] or row["meeting__date"],
                "country_id": row["meeting__country_id"],
            }
        )
    return travels


def within(meeting, travel):
    last = meeting["date_end"] or meeting["date"]
    return (
        meeting["country_id"] == travel["country_id"]
        and travel["date"] <= meeting["date"]
        and last <= travel["date_end"]
    )
