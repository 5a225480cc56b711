"""The agencies' list, and one agency's page with its JSON twin."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from ..filters import SORTS, of_agency
from ..models import Agency, Meeting
from ..pictures.data import meeting_timeline
from .resource import ResourceWithMeetings, public_page


@public_page
def agency_list(request):
    agencies = (
        Agency.objects.select_related("country", "parent")
        .annotate(official_count=Count("positions__official", distinct=True))
        .order_by("country__name", "name")
    )
    return render(request, "meetings/agency_list.html", {"agencies": agencies})


class AgencyDetail(ResourceWithMeetings):
    """/agencies/<slug>/ and its .json twin: the body, those within it, its people, meetings."""

    template_name = "meetings/agency_detail.html"

    def context(self, request, slug):
        agency = get_object_or_404(
            Agency.objects.select_related("country", "parent").prefetch_related(
                "aliases", "children"
            ),
            slug=slug,
        )
        meetings = of_agency(Meeting.objects.published(), agency).order_by(*SORTS["-date"][1])
        positions = agency.positions.select_related("official").order_by("-start", "title")
        return {"agency": agency, "meetings": meetings, "positions": positions}

    def html(self, request, context):
        agency = context["agency"]
        timeline = meeting_timeline(
            context["meetings"], ("agency", agency.pk), [("agency", agency.slug)]
        )
        return super().html(request, {**context, "timeline": timeline})

    def json(self, request, context):
        agency = context["agency"]
        return {
            "slug": agency.slug,
            "url": request.build_absolute_uri(agency.get_absolute_url()),
            "name": agency.name,
            "short_name": agency.short_name,
            "kind": agency.kind,
            "country": agency.country.code,
            "parent": agency.parent.slug if agency.parent else None,
            "children": [child.slug for child in agency.children.all()],
            "aliases": [alias.name for alias in agency.aliases.all()],
            "positions": [
                {"official": p.official.slug, "name": p.official.name, "title": p.display_title}
                for p in context["positions"]
            ],
            **self.meetings_json(request, context, [("agency", agency.slug)]),
        }
