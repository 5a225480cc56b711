"""
Meetings as an iCalendar file (RFC 5545), built with the icalendar library: pure, from plain
values. A meeting known to the day is an all-day event whose DTEND is the day after its last
day (the end is exclusive); one known only to its month or year has no day to put it on and
is left out, and the calendar's description says how many were.
"""

import datetime
from dataclasses import dataclass

import icalendar
from django.utils.translation import gettext, ngettext

PRODUCT = "-//Bilateral//Meetings//EN"


@dataclass(frozen=True)
class Event:
    uid: str
    title: str
    start: datetime.date
    end: datetime.date | None  # the last day, inclusive, as the record gives it
    url: str
    location: str = ""
    summary: str = ""


def event(item, stamp):
    component = icalendar.Event()
    component.add("uid", item.uid)
    component.add("dtstamp", stamp)
    component.add("summary", item.title)
    component.add("dtstart", item.start)
    component.add("dtend", (item.end or item.start) + datetime.timedelta(days=1))
    component.add("url", item.url)
    if item.location:
        component.add("location", item.location)
    description = "\n\n".join(part for part in (item.summary, item.url) if part)
    component.add("description", description)
    return component


def calendar(events, name, description, stamp):
    """The calendar's bytes: `events` (Events), its `name`, `description`, and DTSTAMP `stamp`."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("description", description)
    cal.add("x-wr-caldesc", description)
    for item in events:
        cal.add_component(event(item, stamp))
    return cal.to_ical()


def describe(shown, left_out, most):
    """The calendar's description: what it holds, and what it leaves out and why."""
    text = ngettext(
        "%(n)d meeting known to the day, as an all-day event.",
        "%(n)d meetings known to the day, as all-day events.",
        shown,
    ) % {"n": shown}
    if shown >= most:
        text += " " + gettext("The latest %(n)d only.") % {"n": most}
    if left_out:
        text += " " + ngettext(
            "%(n)d matching meeting is known only to the month or the year, or not at all, "
            "and left out: a calendar needs a day.",
            "%(n)d matching meetings are known only to the month or the year, or not at all, "
            "and left out: a calendar needs a day.",
            left_out,
        ) % {"n": left_out}
    return text
