"""The officials' list, and one official's page with its JSON twin."""

from django.db import connection
from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, render

from ..aggregates import facet_groups, published_facet_groups
from ..exports.records import meeting_reference
from ..filters import SORTS
from ..models import Country, Meeting, Official, Participation, Position
from ..pictures.data import official_network, timeline_chart
from ..querystring import QueryParams
from ..summary.read import official_timeline, with_meeting_counts
from ..versioning import cached
from .facets import FACET_LIMIT
from .pagination import fill_page, materialized, paginate
from .resource import Resource, meetings_page_data, public_page

OFFICIALS_PER_PAGE = 100
RELATED_PER_PAGE = 50
OFFICIAL_QUOTES_SHOWN = 10


@public_page(params=("country", "page"))
def official_list(request):
    officials = with_meeting_counts(
        Official.objects.select_related("country").order_by("sort_name", "pk"), "official"
    )
    country = request.GET.get("country", "").upper()
    countries = list(Country.objects.all())
    if country and any(c.code == country for c in countries):
        officials = officials.filter(country__code=country)
    else:
        country = ""
    pagination = paginate(QueryParams(request.GET), officials, OFFICIALS_PER_PAGE)
    return render(
        request,
        "meetings/official_list.html",
        {"pagination": pagination, "countries": countries, "country": country},
    )


class OfficialDetail(Resource):
    """/officials/<slug>/ and its .json twin: posts over time, meetings, people met, topics."""

    template_name = "meetings/official_detail.html"

    def context(self, request, slug):
        official = get_object_or_404(
            Official.objects.select_related("country").prefetch_related(
                "aliases",
                Prefetch(
                    "positions",
                    queryset=Position.objects.select_related("agency").order_by("start", "title"),
                ),
            ),
            slug=slug,
        )
        # Grouped over all their meetings (thousands, for some): cached for the data version.
        met_most, topics = cached(("official", official.pk), lambda: official_facets(official))
        return {
            "official": official,
            "participations": official_participations(official),
            "met_most": met_most,
            "topics": topics,
            "mentions": official.mentions.published().select_related("meeting"),
        }

    def html(self, request, context):
        official = context["official"]
        pagination = self.participation_pagination(request, context)
        quotes, quote_count = latest_quotes(official)
        network, together = official_network(official, context["met_most"])
        timeline = timeline_chart(official_timeline(official.pk), [("official", official.slug)])
        context = {**context, "pagination": pagination, "quotes": quotes, "timeline": timeline}
        context.update(network=network, together=together)
        return render(request, self.template_name, {**context, "quote_count": quote_count})

    def participation_pagination(self, request, context):
        """
        The page of their meetings, as their participations in them. All their meetings' ids
        in order, then the page's rows by meeting. Asked for a page directly (ORDER BY date
        LIMIT 50), PostgreSQL walks the date index of every meeting looking for this
        official's (150 ms for some at 100,000 meetings); the whole list is read from the
        official's own meetings (15 ms), gives the count, and is cached for the next pages.
        """
        official = context["official"]
        ids = cached(("official-meetings", official.pk), lambda: official_meeting_ids(official))
        pagination = paginate(QueryParams(request.GET), ids, RELATED_PER_PAGE)
        participations = context["participations"]
        fill_page(
            pagination["page"], lambda ids: participations.filter(meeting_id__in=ids), "meeting_id"
        )
        return pagination

    def json(self, request, context):
        official = context["official"]
        pagination = self.participation_pagination(request, context)
        return {
            "slug": official.slug,
            "url": request.build_absolute_uri(official.get_absolute_url()),
            "name": official.name,
            "country": official.country.code,
            "aliases": [alias.name for alias in official.aliases.all()],
            "positions": [position_data(position) for position in official.positions.all()],
            **meetings_page_data(
                request,
                pagination,
                [
                    {**meeting_reference(p.meeting, request), "role": p.role, "title_held": p.title}
                    for p in pagination["page"]
                ],
                [("official", official.slug)],
            ),
            "met_most_often": [
                {"slug": s, "name": n, "meetings": c} for s, n, c in context["met_most"]
            ],
            "topics": [{"slug": s, "name": n, "meetings": c} for s, n, c in context["topics"]],
        }


def position_data(position):
    return {
        "title": position.display_title,
        "agency": position.agency.name,
        "agency_slug": position.agency.slug,
        "start": position.start.isoformat() if position.start else None,
        "end": position.end.isoformat() if position.end else None,
    }


def official_participations(official):
    """What their list of meetings shows of each, and only that (thousands of rows, for some)."""
    return (
        Participation.objects.published()
        .filter(official=official)
        .select_related("meeting__city", "position")
        .only(
            "role",
            *(f"meeting__{name}" for name in ("title", "slug", "date", "date_end")),
            "meeting__date_precision",
            "meeting__city__name",
            "position__title",
            "position__acting",
        )
        .order_by(F("meeting__date").desc(nulls_last=True), "meeting__title", "pk")
    )


def latest_quotes(official):
    """
    (their latest quotes, how many they have). Their quotes' ids in order, then the latest
    few by id: asked for the first ten in order directly, PostgreSQL walked the date index of
    every meeting looking for theirs (27,000 meetings, 5 s, for one official at 100,000).
    """
    quotes = official.quotes.published().order_by(
        F("meeting__date").desc(nulls_last=True), "meeting__title", "number"
    )
    quote_ids = list(quotes.values_list("pk", flat=True))
    latest = quotes.select_related("meeting", "source").filter(
        pk__in=quote_ids[:OFFICIAL_QUOTES_SHOWN]
    )
    return latest, len(quote_ids)


def official_meetings(official):
    """
    The published meetings an official took part in. Asked for them in order in one
    statement, PostgreSQL misjudges how many there are and reads all 100,000 meetings to
    find someone's 5,440; their ids gathered first, in a materialized common table
    expression, it looks them up instead (their ordered ids 28 to 23 ms). SQLite plans the
    plain subquery better, so it gets that.
    """
    ids = Participation.objects.filter(official=official).values("meeting_id")
    if connection.vendor == "postgresql":
        ids = materialized(ids)
    return Meeting.objects.published().filter(pk__in=ids)


def official_meeting_ids(official):
    meetings = official_meetings(official).order_by(*SORTS["-date"][1])
    return list(meetings.values_list("pk", flat=True))


def official_facets(official):
    """
    The ten people an official met most often and their meetings' topics, and no other
    facet (with the four others, someone's 5,440 meetings took 54 ms on PostgreSQL instead
    of 19). On PostgreSQL, from their meetings' search rows (53 ms by the joins, 25 ms).
    """
    shown = ("official", "topic")
    if connection.vendor == "postgresql":
        groups = published_facet_groups(FACET_LIMIT, official=official.pk, facets=shown)
    else:
        groups = facet_groups(official_meetings(official), FACET_LIMIT, facets=shown)
    # They take part in every one of these meetings, so they lead the officials' group.
    met_most = [row for row in groups["official"] if row[0] != official.slug][:10]
    return met_most, groups["topic"]
