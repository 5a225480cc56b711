"""Every matching meeting, streamed: /meetings/export.json and /meetings/export.csv."""

import csv
import json

from django.db.models import Count, Q
from django.http import HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from .. import calendars
from ..exports.rows import CSV_COLUMNS, Echo, batched, csv_row
from ..exports.streaming import export_records
from ..filters import MeetingFilter
from ..models import DatePrecision, Meeting
from ..summary.read import whole_counted_timeline
from ..versioning import conditional_page, current_version
from .countries import parties_alone
from .resource import json_response, public_page

EXPORT_CHUNK = 500
CALENDAR_MAX = 500  # the latest meetings a calendar holds


def export_filterset(request):
    """(the list's FilterSet, None), or (it, a 400 answer naming what is wrong)."""
    filterset = MeetingFilter(request.GET, queryset=Meeting.objects.published())
    if not filterset.is_valid():
        return filterset, json_response(
            {"errors": filterset.form.errors.get_json_data()}, status=400
        )
    return filterset, None


def export_meetings(filterset, request):
    """
    The matching meetings as records.meeting_data() gives them, streamed: one query per
    relation whatever their number, in constant memory (see exports/streaming.py).
    """
    return export_records(filterset.qs, request, chunk_size=EXPORT_CHUNK)


@require_safe
@conditional_page
def meeting_export_json(request):
    filterset, error = export_filterset(request)
    if error:
        return error
    count = filterset.qs.count()

    def chunks():
        yield f'{{"count": {count}, "meetings": ['
        for index, data in enumerate(export_meetings(filterset, request)):
            prefix = "," if index else ""
            yield prefix + json.dumps(data, ensure_ascii=False)
        yield "]}"

    return StreamingHttpResponse(batched(chunks()), content_type="application/json")


@require_safe
@conditional_page
def meeting_export_csv(request):
    filterset, error = export_filterset(request)
    if error:
        return error
    writer = csv.writer(Echo())

    def rows():
        yield writer.writerow(CSV_COLUMNS)
        for data in export_meetings(filterset, request):
            yield writer.writerow(csv_row(data))

    response = StreamingHttpResponse(batched(rows()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="bilateral-meetings.csv"'
    return response


@public_page(params=MeetingFilter.base_filters)
def meeting_calendar(request):
    """
    /meetings/calendar.ics: the list's meetings known to the day, the latest CALENDAR_MAX.
    Cached whole for the data version, like the pages (calendar clients poll the same URL).
    """
    filterset, error = export_filterset(request)
    if error:
        return error
    meetings, dated, matching = calendar_meetings(filterset)
    meetings = meetings.select_related("city", "country")[:CALENDAR_MAX]
    events = [calendar_event(meeting, request) for meeting in meetings]
    shown = min(dated, CALENDAR_MAX)
    description = calendars.describe(shown, matching - dated, CALENDAR_MAX)
    query = request.GET.urlencode()
    name = "Bilateral: meetings" + (f" ({query})" if query else "")
    body = calendars.calendar(events, name, description, current_version().changed)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def calendar_meetings(filterset):
    """
    (the matching meetings known to the day, in the list's order; how many they are; how
    many match in all). The whole collection's calendar is counted by the summary rows; one
    of one country or a pair, asking nothing else, too, and its latest meetings found as the
    country's page finds them, rather than every meeting of the party grouped twice (at
    100,000 meetings on SQLite, a pair's 285 ms of queries).
    """
    day = Q(date_precision=DatePrecision.DAY)
    if not filterset.narrowed():  # every published meeting
        figures = whole_counted_timeline()
        return filterset.qs.filter(day), figures["day"], figures["count"]
    found = parties_alone(filterset)
    if found:
        meetings, figures = found
        return meetings.filter(day), figures["day"], figures["count"]
    counts = filterset.qs.order_by().aggregate(shown=Count("pk", filter=day), all=Count("pk"))
    return filterset.qs.filter(day), counts["shown"], counts["all"]


def calendar_event(meeting, request):
    place = ", ".join(
        part
        for part in (
            meeting.venue,
            meeting.city and meeting.city.name,
            meeting.country and meeting.country.name,
        )
        if part
    )
    return calendars.Event(
        uid=f"{meeting.slug}@{request.get_host()}",
        title=meeting.title,
        start=meeting.date,
        end=meeting.date_end,
        url=request.build_absolute_uri(meeting.get_absolute_url()),
        location=place,
        summary=meeting.summary,
    )
