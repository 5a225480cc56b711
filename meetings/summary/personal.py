"""
The summary rows within one official's meetings: the timeline an official's page
(/officials/<slug>/) draws, kept by the same triggers as the whole collection's rows
(triggers.py). The busiest officials take part in thousands of meetings: grouping one's
meetings by month took 18 to 22 ms a request at 100,000 meetings on PostgreSQL, 118 ms at
1,000,000, growing with the collection. For each official (their id):

* "official-timeline:<id>", item "YYYY-MM precision": the published dated meetings they took
  part in, by month (one per meeting: a meeting lists an official once).

Each function gives (facet, item, source, condition) tuples, as scoped.py's do, that
triggers.change_each() turns into statements. A meeting counts for its participants while it
is published and dated; a participation, for its meeting's month.
"""

from .scoped import MEETING, PARTICIPATION, dated, month, text

TIMELINE = "official-timeline:"


def timeline_facet(participation):
    return f"'{TIMELINE}' || {text(f'{participation}.official_id')}"


def meeting_changes(vendor, row):
    """What a meeting (`row`: OLD or NEW) counts for within each participant's meetings."""
    condition = f"p.meeting_id = {row}.id AND {dated(row)}"
    return [(timeline_facet("p"), month(vendor, row), f"{PARTICIPATION} p", condition)]


def participant_changes(vendor, row):
    """A participation in a published dated meeting: its month, in the official's meetings."""
    condition = f"m.id = {row}.meeting_id AND {dated('m')}"
    return [(timeline_facet(row), month(vendor, "m"), f"{MEETING} m", condition)]


def recount_changes(vendor):
    """Every official's counts, from all the records."""
    source = f"{MEETING} m JOIN {PARTICIPATION} p ON p.meeting_id = m.id"
    return [(timeline_facet("p"), month(vendor, "m"), source, dated("m"))]
