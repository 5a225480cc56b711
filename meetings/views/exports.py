"""Every matching meeting, streamed: /meetings/export.json and /meetings/export.csv."""

import csv
import json

from django.http import StreamingHttpResponse
from django.views.decorators.http import require_safe

from ..exports.rows import CSV_COLUMNS, Echo, batched, csv_row
from ..exports.streaming import export_records
from ..filters import MeetingFilter
from ..models import Meeting
from ..versioning import conditional_page
from .resource import json_response

EXPORT_CHUNK = 500


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
