"""
What every public page shares: GET and HEAD only, answers conditional on the data version,
whole responses cached (``public_page``); and one view per resource whose format, HTML or
JSON, is a parameter of its route (``Resource``), as openparliament's APIView and datasette's
``.json`` suffix do.
"""

import functools
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..exports.records import meeting_reference
from ..querystring import QueryParams
from ..versioning import cached_page, conditional_page
from .pagination import paginate_meetings
from .rows import list_rows

# What a detail page understands: the page number of the meetings it lists.
PAGE = ("page",)


def public_page(view=None, *, params=()):
    """
    GET and HEAD only (405 otherwise), ETag and Last-Modified from the data version, cached
    whole. `params` names the query parameters the page understands: the others are
    dropped before it runs, so that made-up ones share its cache entry.
    """
    if view is None:
        return functools.partial(public_page, params=params)
    return require_safe(conditional_page(cached_page(view, params=frozenset(params))))


def json_response(data, **kwargs):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False}, **kwargs)


class Resource:
    """
    One resource, two formats. ``context()`` builds what both show, once; ``html()`` renders
    the template (adding what only the page needs) and ``json()`` gives the twin's data. The
    route passes ``format="json"`` for ``<slug>.json``.
    """

    template_name = ""

    def context(self, request, **kwargs):
        raise NotImplementedError

    def html(self, request, context):
        return render(request, self.template_name, context)

    def json(self, request, context):
        raise NotImplementedError

    params = PAGE  # the query parameters the page understands

    @classmethod
    def as_view(cls):
        @public_page(params=cls.params)
        def view(request, format="html", **kwargs):
            resource = cls()
            context = resource.context(request, **kwargs)
            if format == "json":
                return json_response(resource.json(request, context))
            return resource.html(request, context)

        view.resource = cls
        view.__name__ = view.__qualname__ = cls.__name__
        view.__module__ = cls.__module__
        return view


class ResourceWithMeetings(Resource):
    """
    A resource whose page lists its meetings (the context's ordered "meetings") by page;
    counted, unless the context's "meeting_count" has their number.
    """

    def html(self, request, context):
        pagination = self.meeting_pagination(request, context)
        context = {key: value for key, value in context.items() if key != "meetings"}
        return super().html(request, {**context, "pagination": pagination})

    def meeting_pagination(self, request, context, shown=list_rows):
        meetings = context["meetings"]
        count = context.get("meeting_count")  # when the context knows it already
        count = meetings.count() if count is None else count
        return paginate_meetings(QueryParams(request.GET), meetings, count, shown)

    def meetings_json(self, request, context, export_filter):
        """The twin's page of meetings, the page's own (see meetings_page_data)."""
        # A reference shows none of what a list's rows read besides the meeting.
        pagination = self.meeting_pagination(request, context, shown=list)
        rows = [meeting_reference(meeting, request) for meeting in pagination["page"]]
        return meetings_page_data(request, pagination, rows, export_filter)


def meetings_page_data(request, pagination, rows, export_filter):
    """
    What a JSON twin gives of its resource's meetings: the page its page shows (`rows`, ?page=
    as there), how many pages, links to the next and previous, and the export of them all
    (`export_filter`: the list's filter for them, as pairs). A twin listing every meeting
    took a second for a topic's 12,000 at 100,000 meetings.
    """
    page = pagination["page"]

    def link(query):
        return request.build_absolute_uri(request.path + query) if query else None

    export = reverse("meeting-export-json") + "?" + urlencode(export_filter)
    return {
        "meeting_count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": link(pagination["next"]),
        "previous": link(pagination["previous"]),
        "all_meetings": request.build_absolute_uri(export),
        "meetings": rows,
    }
