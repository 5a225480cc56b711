"""
The summary rows within one topic's meetings: what a topic's page (/topics/security/) and a
list of one topic alone (/meetings/?topic=security) show, kept by the same triggers as the
whole collection's rows (triggers.py). A large topic holds tens of thousands of meetings: at
100,000 on SQLite, grouping its officials took 65 ms a request and its timeline 31 ms, and
both grow with the collection. For each topic (its id):

* "topic-timeline:<id>", item "YYYY-MM precision": its published dated meetings by month;
* "topic-officials:<id>", item "<official id>": the officials' participations in its
  published meetings (one per meeting: a meeting lists an official once).

Each function gives (facet, item, source, condition) tuples, as scoped.py's do, that
triggers.change_each() turns into statements (the meeting first in each source, as a CROSS
JOIN, for SQLite's order of the loops, as there). A meeting counts for its topics while it is
published; a topic link, for its meeting's month and participants; a participation, for its
meeting's topics.
"""

from .scoped import LIVE, MEETING, PARTICIPATION, TOPIC_LINK, dated, month, text

TIMELINE = "topic-timeline:"
OFFICIALS = "topic-officials:"


def timeline_facet(link):
    return f"'{TIMELINE}' || {text(f'{link}.topic_id')}"


def officials_facet(link):
    return f"'{OFFICIALS}' || {text(f'{link}.topic_id')}"


def meeting_changes(vendor, row):
    """What a meeting (`row`: OLD or NEW) counts for within each of its topics."""
    here = f"{row}.id"
    return [
        (
            timeline_facet("l"),
            month(vendor, row),
            f"{TOPIC_LINK} l",
            f"l.meeting_id = {here} AND {dated(row)}",
        ),
        (
            officials_facet("l"),
            text("p.official_id"),
            f"{TOPIC_LINK} l JOIN {PARTICIPATION} p ON p.meeting_id = l.meeting_id",
            f"l.meeting_id = {here} AND {row}.status = {LIVE}",
        ),
    ]


def topic_link_changes(vendor, row):
    """A topic link of a published meeting: its month and its participants, in the topic."""
    meeting = f"m.id = {row}.meeting_id"
    return [
        (timeline_facet(row), month(vendor, "m"), f"{MEETING} m", f"{meeting} AND {dated('m')}"),
        (
            officials_facet(row),
            text("p.official_id"),
            f"{MEETING} m CROSS JOIN {PARTICIPATION} p",
            f"{meeting} AND p.meeting_id = m.id AND m.status = {LIVE}",
        ),
    ]


def participant_changes(vendor, row):
    """A participation in a published meeting: its official, in each of the meeting's topics."""
    return [
        (
            officials_facet("l"),
            text(f"{row}.official_id"),
            f"{MEETING} m CROSS JOIN {TOPIC_LINK} l",
            f"m.id = {row}.meeting_id AND l.meeting_id = m.id AND m.status = {LIVE}",
        )
    ]


def recount_changes(vendor):
    """Every topic's counts, from all the records."""
    linked = f"{TOPIC_LINK} l JOIN {MEETING} m ON m.id = l.meeting_id"
    return [
        (timeline_facet("l"), month(vendor, "m"), linked, dated("m")),
        (
            officials_facet("l"),
            text("p.official_id"),
            f"{linked} JOIN {PARTICIPATION} p ON p.meeting_id = m.id",
            f"m.status = {LIVE}",
        ),
    ]
