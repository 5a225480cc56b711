"""
The countries: an index of the parties with their meetings, one country's page and a pair's
relationship page (/countries/US/MX/), each with its .json twin. Codes are ISO alpha-2, any
case: a lower-case address redirects to the upper-case one, an unknown code is a 404.
"""

import functools

from django.db.models import Exists, F, OuterRef, Q
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from ..exports.records import meeting_reference
from ..filters import SORTS, MeetingFilter
from ..models import Agreement, Country, Delegation, Meeting, MeetingKind, Participation
from ..pictures.data import timeline_chart
from ..pictures.relations import topics_over_time
from ..summary.read import party_figures, party_timeline, read_summary
from .facets import localized_countries
from .resource import ResourceWithMeetings, public_page

PARTIES_SHOWN = 200
PAIRS_SHOWN = 12
SENT_SHOWN = 8
LISTED = 10  # agreements, trips and visits shown
# Agreements in the order of their meetings, newest first (a country's, a topic's latest).
AGREEMENTS_NEWEST_FIRST = (
    F("meeting__date").desc(nulls_last=True),
    "meeting__title",
    "meeting_id",
    "pk",
)
# A party in at least one published meeting in WALKED is found meeting by meeting, newest
# first: the latest few turn up within a few hundred (see CountryDetail.context).
WALKED = 50


@public_page
def country_list(request):
    """Every party with its meetings, most first."""
    parties = localized_countries(read_summary({"party": PARTIES_SHOWN})["party"])
    return render(request, "meetings/country_list.html", {"parties": parties})


def canonical(view):
    """Redirect an address whose codes are not in capitals to the one that is, if it exists."""

    @functools.wraps(view)
    def wrapper(request, format="html", **codes):
        upper = {name: code.upper() for name, code in codes.items()}
        if upper != codes:
            if Country.objects.filter(code__in=upper.values()).count() != len(upper):
                raise Http404("No country has this code.")
            name = request.resolver_match.url_name
            return redirect(reverse(name, kwargs=upper), permanent=True)
        return view(request, format=format, **codes)

    return wrapper


def party_meetings(countries):
    """The published meetings in which all these countries took part: the list's FilterSet."""
    query = QueryDict(mutable=True)
    query.setlist("party", [country.code for country in countries])
    return MeetingFilter(query, queryset=Meeting.objects.published()).qs


def took_part(countries, meeting="pk"):
    """
    The condition that all these countries took part in the meeting `meeting` names, tested
    row by row: the FilterSet's grouped subquery finds every meeting of the party first.
    Each country's rows are one UNION, not two EXISTS joined by OR: PostgreSQL would hash
    every row of the country's participations to test the first few meetings (100 to 200 ms
    at 100,000 meetings, instead of under 1).
    """
    condition = Q()
    for country in countries:
        rows = {"meeting": OuterRef(meeting), "side": country}
        named = Participation.objects.filter(**rows).values("side")
        unnamed = Delegation.objects.filter(**rows).values("side")
        condition &= Exists(named.union(unnamed, all=True))
    return condition


def party_records(countries, figures):
    """
    The party's meetings, unordered. For a common party, tested meeting by meeting, so
    that the latest are found by walking the newest meetings; for a rare one, all found
    first (a walk would test nearly every meeting), then sorted.
    """
    if figures["count"] * WALKED >= figures["total"]:
        return Meeting.objects.published().filter(took_part(countries))
    return party_meetings(countries)


def parties_alone(filterset, more_than=-1):
    """
    (the meetings in the list's order, party_timeline()'s figures) of a list of one country
    or one pair asking nothing else (MeetingFilter.parties_alone), counted by the summary rows
    and found as the country's page finds them; None for any other list, or when its meetings
    are `more_than` or fewer (then not looked for).
    """
    countries = filterset.parties_alone()
    if not countries:
        return None
    figures = party_timeline([country.pk for country in countries])
    if figures["count"] <= more_than:
        return None
    meetings = party_records(countries, figures).order_by(*filterset.qs.query.order_by)
    return meetings, figures


def latest_agreements(meetings):
    """The LISTED latest agreements of `meetings`: those of the latest meetings with any."""
    agreed = Exists(Agreement.objects.filter(meeting=OuterRef("pk")))
    latest = meetings.filter(agreed).order_by(*SORTS["-date"][1]).values("pk")[:LISTED]
    return (
        Agreement.objects.filter(meeting__in=latest)
        .select_related("meeting")
        .order_by(*AGREEMENTS_NEWEST_FIRST)[:LISTED]
    )


class CountryDetail(ResourceWithMeetings):
    """/countries/<CC>/ and /countries/<A>/<B>/, and their .json twins."""

    template_name = "meetings/country_detail.html"

    def context(self, request, code, other=None):
        codes = [code] if other is None else [code, other]
        if len(set(codes)) != len(codes):
            raise Http404("A relationship takes two different countries.")
        found = {c.code: c for c in Country.objects.filter(code__in=codes)}
        if len(found) != len(codes):
            raise Http404("No country has this code.")
        countries = [found[c] for c in codes]
        # Counted by the summary rows as the meetings change: never grouped here.
        figures = party_figures([c.pk for c in countries], PAIRS_SHOWN, SENT_SHOWN)
        meetings = party_records(countries, figures)
        visits = Q(kind__in=[MeetingKind.TRIP, MeetingKind.VISIT])
        return {
            "countries": countries,
            "pair": len(countries) == 2,
            "meetings": meetings.order_by(*SORTS["-date"][1]),
            "meeting_count": figures["count"],
            "sent": figures["sent"],
            "partners": figures["partners"],
            "timeline_rows": figures["timeline"],
            "topics_over_time": topics_over_time(figures["topic_years"]),
            "agreements": latest_agreements(meetings),
            "visits": list(meetings.filter(visits).order_by(*SORTS["-date"][1])[:LISTED]),
            "filter": [("party", c.code) for c in countries],
        }

    def html(self, request, context):
        countries = context["countries"]
        timeline = timeline_chart(context["timeline_rows"], context["filter"])
        sent = [(country, context["sent"][country.pk]) for country in countries]
        partners = localized_countries(context["partners"])
        context = {**context, "timeline": timeline, "sent_by": sent, "partners": partners}
        return super().html(request, context)

    def json(self, request, context):
        countries, (spans, topics) = context["countries"], context["topics_over_time"]
        return {
            "countries": [{"code": c.code, "name": c.name} for c in countries],
            "url": request.build_absolute_uri(request.path.removesuffix(".json") + "/"),
            "meeting_count": context["meeting_count"],
            "sent_most": {
                c.code: [{"slug": s, "name": n, "meetings": k} for s, n, k in context["sent"][c.pk]]
                for c in countries
            },
            "partners": [{"code": c, "name": n, "meetings": k} for c, n, k in context["partners"]],
            "topics_over_time": {
                "periods": [span.label for span in spans],
                "topics": [
                    {"slug": s, "name": n, "meetings": total, "by_period": cells}
                    for s, n, total, cells in topics
                ],
            },
            "agreements": [
                {"title": a.title, "summary": a.summary, "meeting": a.meeting.slug}
                for a in context["agreements"]
            ],
            "trips_and_visits": [meeting_reference(m, request) for m in context["visits"]],
            **self.meetings_json(request, context, context["filter"]),
        }
