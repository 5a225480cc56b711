"""
The public site. Views stay thin: the FilterSet filters, QuerySet methods fetch, and each
page runs a fixed number of queries whatever the page size.
"""

import csv
import json
from collections import OrderedDict

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, Prefetch, Q
from django.db.models.expressions import RawSQL
from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .aggregates import facet_groups, published_facet_groups, top_linked
from .filters import SORTS, MeetingFilter, of_agency
from .models import (
    Agency,
    Country,
    Meeting,
    MeetingKind,
    Mention,
    Official,
    Participation,
    Position,
    Quote,
    Source,
    Topic,
)
from .querystring import QueryParams
from .search import parse as parse_search
from .streaming import export_records
from .versioning import cached, cached_page, conditional_page

MEETINGS_PER_PAGE = 20
RELATED_PER_PAGE = 50
FACET_LIMIT = 12
# Facet counts of a filtered list are computed when at most this many meetings match: beyond,
# each count reads tens of thousands of rows (a one-word search at 100,000 meetings took
# 0.5 s on PostgreSQL), so the page asks for a narrower filter instead. The unfiltered list
# always has them: computed once per data version, shared by all its pages.
FACETED_MAX = 5_000
FEW_MEETINGS = 1_000  # a list this short is read by id (see paginate_meetings)
EXPORT_CHUNK = 500
MeetingTopic = Meeting.topics.through


def published_meetings():
    return Meeting.objects.published()


def list_prefetch(queryset):
    """
    What a row of a meeting list shows: place, participants and topics, and only those
    columns (not the summaries, notes and source passages, which the rows do not show).
    """
    participants = (
        Participation.objects.select_related("official")
        .only("meeting", "order", "official__name", "official__slug")
        .order_by("order", "pk")
    )
    return (
        queryset.defer("summary", "notes")
        .select_related("city", "country")
        .prefetch_related(Prefetch("participations", queryset=participants), "topics")
    )


def paginate(request, queryset, per_page, count=None):
    """
    A page of `queryset` with links that keep every other parameter. A page number that is
    not a whole number from 1 gives page 1, one past the end the last page, each with a
    message saying so: never an error page. `count`, when already known, saves a query.
    """
    params = QueryParams(request.GET)
    raw = request.GET.get("page", "1")
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count
    message = ""
    try:
        number = int(raw)
        if number < 1:
            raise ValueError
    except (TypeError, ValueError):
        number = 1
        message = "The page number must be a whole number from 1; showing page 1."
    if number > paginator.num_pages:
        message = f"There is no page {number}; showing the last page, {paginator.num_pages}."
        number = paginator.num_pages
    page = paginator.page(number)
    links = [
        {
            "number": n,
            "url": params.page(n) if n != paginator.ELLIPSIS else "",
            "current": n == number,
        }
        for n in paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)
    ]
    return {
        "page": page,
        "message": message,
        "links": links,
        "previous": params.page(page.previous_page_number()) if page.has_previous() else "",
        "next": params.page(page.next_page_number()) if page.has_next() else "",
    }


def paginate_meetings(request, meetings, count):
    """
    paginate() for a list of meetings (an ordered queryset of `count` meetings), in two
    queries and a prefetch however long the list and however deep the page:

    * a short list is found by its filters alone, then put in order: asked for a page in
      order directly, PostgreSQL may walk the date index of every meeting looking for these
      few (60 ms for a rare name at 100,000 meetings, instead of 5);
    * a long list gives the page's ids from its order's index alone, then the page's
      meetings by id: OFFSET then skips index entries, not meetings (page 4,000 of 4,800 on
      PostgreSQL, 150 ms to 25 ms).
    """
    if count <= FEW_MEETINGS:
        ids = list(meetings.order_by().values_list("pk", flat=True))
        in_order = Meeting.objects.filter(pk__in=ids).order_by(*meetings.query.order_by)
        return paginate(request, list_prefetch(in_order), MEETINGS_PER_PAGE, count=count)
    pagination = paginate(
        request, meetings.values_list("pk", flat=True), MEETINGS_PER_PAGE, count=count
    )
    fill_page(pagination["page"], list_prefetch(Meeting.objects.all()))
    return pagination


def fill_page(page, queryset, key="pk"):
    """Turn a page of ids into their rows from `queryset` (whose `key` they are), in order."""
    ids = list(page.object_list)
    rows = {getattr(row, key): row for row in queryset.filter(**{f"{key}__in": ids})}
    page.object_list = [rows[pk] for pk in ids if pk in rows]  # none deleted since


# ---------------------------------------------------------------- facets


def filters_key(params):
    """What a list's meetings depend on: its parameters but the page and the order."""
    return tuple(sorted((k, v) for k, v in params.multi_items if k not in ("page", "sort")))


def facet_links(params, rows):
    """The five facets' counts, each with the link that adds or removes its value."""
    topics, officials, countries, kinds, years = rows
    return [
        facet("Topic", "topic", params, topics, multi=True),
        facet("Official", "official", params, officials, multi=True),
        facet("Country", "country", params, countries),
        facet("Kind", "kind", params, kinds),
        year_facet(params, years),
    ]


def facet_rows(groups):
    kind_labels = dict(MeetingKind.choices)
    kinds = [(kind, kind_labels.get(kind, kind), n) for kind, n in groups["kind"]]
    return [groups["topic"], groups["official"], groups["country"], kinds, groups["year"]]


def list_summary(filtered, params, narrowed, search=None):
    """
    (count, facet rows or None) of a list's meetings, cached for these filters and the data
    version. `narrowed` names the filters in force. A filtered list is counted and grouped
    in one query, grouped only when FACETED_MAX meetings or fewer match: on PostgreSQL, a
    list only searched (`search`, its q) from the meetings' search rows alone
    (published_facet_groups: a search matching 5,700 meetings, 26 to 9 ms), any other by
    facet_groups. The whole list is counted on its own and always grouped (once per data
    version, shared by all its pages).
    """
    key = filters_key(params)
    if narrowed:

        def summary():
            if narrowed == {"q"} and connection.vendor == "postgresql":
                groups = published_facet_groups(
                    FACET_LIMIT, at_most=FACETED_MAX, search=parse_search(search)
                )
            else:
                groups = facet_groups(filtered, FACET_LIMIT, at_most=FACETED_MAX)
            if groups["count"] > FACETED_MAX:
                return groups["count"], None
            return groups["count"], facet_rows(groups)

        return cached(("summary", key), summary)
    count = cached(("count", key), filtered.count)
    rows = cached(
        ("facets", key),
        lambda: facet_rows(facet_groups(filtered, FACET_LIMIT, many=count > FACETED_MAX)),
    )
    return count, rows


def facet(title, key, params, rows, multi=False):
    items = []
    for value, label, count in rows:
        active = params.has(key, value)
        if multi:
            url = params.toggle(key, value)
        else:
            url = params.without(key) if active else params.replace(key, value)
        items.append({"label": label, "count": count, "url": url, "active": active})
    return {"title": title, "key": key, "items": items}


def year_facet(params, rows):
    items = []
    for year, count in rows:
        year = str(year)
        active = params.get("date_after") == year and params.get("date_before") == year
        if active:
            url = params.without("date_after", "date_before")
        else:
            url = params.replace_many(date_after=year, date_before=year)
        items.append({"label": year, "count": count, "url": url, "active": active})
    return {"title": "Year", "key": "year", "items": items}


def active_chips(filterset, params):
    """The filters in force, each with a link that removes it."""
    if not filterset.is_bound:
        return []
    cleaned = getattr(filterset.form, "cleaned_data", {})
    chips = []
    for key in ("topic", "official"):
        for obj in cleaned.get(key) or []:
            chips.append({"label": f"{key.title()}: {obj}", "url": params.toggle(key, obj.slug)})
    for key in ("agency", "country", "city"):
        obj = cleaned.get(key)
        if obj:
            chips.append({"label": f"{key.title()}: {obj}", "url": params.without(key)})
    if cleaned.get("kind"):
        chips.append(
            {
                "label": f"Kind: {dict(MeetingKind.choices)[cleaned['kind']]}",
                "url": params.without("kind"),
            }
        )
    for key, label in (("date_after", "From"), ("date_before", "Until")):
        if cleaned.get(key):
            chips.append({"label": f"{label}: {params.get(key)}", "url": params.without(key)})
    if cleaned.get("q"):
        chips.append({"label": f"Search: {cleaned['q']}", "url": params.without("q")})
    return chips


# ---------------------------------------------------------------- pages


@require_safe
@conditional_page
@cached_page
def home(request):
    published = published_meetings()
    counts, top_topics, top_officials = cached("home", home_counts)
    latest = list_prefetch(published.order_by(*SORTS["-date"][1]))[:5]
    return render(
        request,
        "meetings/home.html",
        {
            "counts": counts,
            "latest": latest,
            "top_topics": top_topics,
            "top_officials": top_officials,
        },
    )


def home_counts():
    """The home page's figures: whole-table counts, cached for the data version."""
    published = published_meetings()
    counts = {
        "meetings": published.count(),
        "officials": Participation.objects.filter(meeting__status="published")
        .values("official_id")
        .distinct()
        .count(),
        "agencies": Agency.objects.count(),
        "topics": Topic.objects.count(),
        "sources": Source.objects.count(),
    }
    ids = published.order_by().values("pk")
    return counts, top_linked("topic", ids, 8), top_linked("official", ids, 8)


@require_safe
@conditional_page
@cached_page
def meeting_list(request):
    filterset = MeetingFilter(request.GET, queryset=published_meetings())
    valid = filterset.is_valid()
    params = QueryParams(request.GET)
    filtered = filterset.qs
    cleaned = getattr(filterset.form, "cleaned_data", {})
    narrowed = {name for name, value in cleaned.items() if value and name != "sort"}
    count, facet_table = list_summary(filtered, params, narrowed, cleaned.get("q"))
    pagination = paginate_meetings(request, filtered, count)
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "pagination": pagination,
        "params": params,
        "facets": facet_links(params, facet_table) if facet_table else [],
        "faceted_max": None if facet_table else FACETED_MAX,
        "chips": active_chips(filterset, params),
        "export_query": params.without("page"),
        "sorts": [
            {
                "label": label,
                "url": params.replace("sort", key),
                "active": key == (params.get("sort") or "-date"),
            }
            for key, (label, _) in SORTS.items()
        ],
    }
    return render(request, "meetings/meeting_list.html", context, status=200 if valid else 400)


def get_published_meeting(slug):
    queryset = (
        published_meetings()
        .with_related()
        .prefetch_related(Prefetch("mentions", queryset=Mention.objects.select_related("official")))
    )
    return get_object_or_404(queryset, slug=slug)


@require_safe
@conditional_page
@cached_page
def meeting_detail(request, slug):
    meeting = get_published_meeting(slug)
    sides = OrderedDict()
    for participation in meeting.participations.all():
        sides.setdefault(participation.side, {"participants": [], "delegations": []})
        sides[participation.side]["participants"].append(participation)
    for delegation in meeting.delegations.all():
        sides.setdefault(delegation.side, {"participants": [], "delegations": []})
        sides[delegation.side]["delegations"].append(delegation)
    return render(
        request,
        "meetings/meeting_detail.html",
        {"meeting": meeting, "sides": sides.items()},
    )


@require_safe
@conditional_page
@cached_page
def meeting_detail_json(request, slug):
    meeting = get_published_meeting(slug)
    return JsonResponse(meeting_data(meeting, request), json_dumps_params={"ensure_ascii": False})


@require_safe
@conditional_page
@cached_page
def official_list(request):
    officials = (
        Official.objects.select_related("country")
        .annotate(
            meeting_count=Count(
                "participations", filter=Q(participations__meeting__status="published")
            )
        )
        .order_by("sort_name")
    )
    country = request.GET.get("country", "").upper()
    countries = list(Country.objects.all())
    if country and any(c.code == country for c in countries):
        officials = officials.filter(country__code=country)
    else:
        country = ""
    pagination = paginate(request, officials, 100)
    return render(
        request,
        "meetings/official_list.html",
        {
            "pagination": pagination,
            "countries": countries,
            "country": country,
        },
    )


OFFICIAL_QUOTES_SHOWN = 10


def official_detail_context(request, slug):
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
    # What their list of meetings shows of each, and only that (thousands of rows, for some).
    participations = (
        Participation.objects.filter(official=official, meeting__status="published")
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
    # Grouped over all their meetings (thousands, for some): cached for the data version.
    met_most, topics = cached(("official", official.pk), lambda: official_facets(official))
    mentions = official.mentions.filter(meeting__status="published").select_related("meeting")
    return official, participations, met_most, topics, mentions


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
        sql, params = ids.query.sql_with_params()
        ids = RawSQL(f"WITH found AS MATERIALIZED ({sql}) SELECT * FROM found", params)
    return published_meetings().filter(pk__in=ids)


def official_facets(official):
    """
    The ten people an official met most often and their meetings' topics. On PostgreSQL,
    from their meetings' search rows (someone's 5,440 meetings: 53 ms by the joins, 25 ms).
    """
    if connection.vendor == "postgresql":
        groups = published_facet_groups(FACET_LIMIT, official=official.pk)
    else:
        groups = facet_groups(official_meetings(official), FACET_LIMIT)
    # They take part in every one of these meetings, so they lead the officials' group.
    met_most = [row for row in groups["official"] if row[0] != official.slug][:10]
    return met_most, groups["topic"]


@require_safe
@conditional_page
@cached_page
def official_detail(request, slug):
    official, participations, met_most, topics, mentions = official_detail_context(request, slug)
    # All their meetings' ids in order, then the page's rows by meeting. Asked for a page
    # directly (ORDER BY date LIMIT 50), PostgreSQL walks the date index of every meeting
    # looking for this official's (150 ms for some at 100,000 meetings); the whole list is
    # read from the official's own meetings (15 ms), gives the count, and is cached for the
    # next pages.
    ids = cached(
        ("official-meetings", official.pk),
        lambda: list(
            official_meetings(official).order_by(*SORTS["-date"][1]).values_list("pk", flat=True)
        ),
    )
    pagination = paginate(request, ids, RELATED_PER_PAGE)
    fill_page(pagination["page"], participations, key="meeting_id")
    # Their quotes' ids in order, then the latest few by id. Asked for the first ten in
    # order directly, PostgreSQL walked the date index of every meeting looking for theirs
    # (27,000 meetings, 5 s, for one official at 100,000 meetings).
    quotes = official.quotes.filter(meeting__status="published").order_by(
        F("meeting__date").desc(nulls_last=True), "meeting__title", "number"
    )
    quote_ids = list(quotes.values_list("pk", flat=True))
    latest_quotes = quotes.select_related("meeting").filter(
        pk__in=quote_ids[:OFFICIAL_QUOTES_SHOWN]
    )
    return render(
        request,
        "meetings/official_detail.html",
        {
            "official": official,
            "pagination": pagination,
            "met_most": met_most,
            "topics": topics,
            "mentions": mentions,
            "quotes": latest_quotes,
            "quote_count": len(quote_ids),
        },
    )


@require_safe
@conditional_page
@cached_page
def official_detail_json(request, slug):
    official, participations, met_most, topics, mentions = official_detail_context(request, slug)
    data = {
        "slug": official.slug,
        "url": request.build_absolute_uri(official.get_absolute_url()),
        "name": official.name,
        "country": official.country.code,
        "aliases": [alias.name for alias in official.aliases.all()],
        "positions": [
            {
                "title": position.display_title,
                "agency": position.agency.name,
                "agency_slug": position.agency.slug,
                "start": position.start.isoformat() if position.start else None,
                "end": position.end.isoformat() if position.end else None,
            }
            for position in official.positions.all()
        ],
        "meetings": [
            {
                **meeting_reference(p.meeting, request),
                "role": p.role,
                "title_held": p.title,
            }
            for p in participations
        ],
        "met_most_often": [{"slug": s, "name": n, "meetings": c} for s, n, c in met_most],
        "topics": [{"slug": s, "name": n, "meetings": c} for s, n, c in topics],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_safe
@conditional_page
@cached_page
def agency_list(request):
    agencies = (
        Agency.objects.select_related("country", "parent")
        .annotate(official_count=Count("positions__official", distinct=True))
        .order_by("country__name", "name")
    )
    return render(request, "meetings/agency_list.html", {"agencies": agencies})


def agency_detail_context(slug):
    agency = get_object_or_404(
        Agency.objects.select_related("country", "parent").prefetch_related("aliases", "children"),
        slug=slug,
    )
    meetings = of_agency(published_meetings(), agency)
    positions = agency.positions.select_related("official").order_by("-start", "title")
    return agency, meetings, positions


@require_safe
@conditional_page
@cached_page
def agency_detail(request, slug):
    agency, meetings, positions = agency_detail_context(slug)
    meetings = meetings.order_by(*SORTS["-date"][1])
    pagination = paginate_meetings(request, meetings, meetings.count())
    return render(
        request,
        "meetings/agency_detail.html",
        {
            "agency": agency,
            "pagination": pagination,
            "positions": positions,
        },
    )


@require_safe
@conditional_page
@cached_page
def agency_detail_json(request, slug):
    agency, meetings, positions = agency_detail_context(slug)
    data = {
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
            for p in positions
        ],
        "meetings": [meeting_reference(m, request) for m in meetings.order_by(*SORTS["-date"][1])],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_safe
@conditional_page
@cached_page
def topic_list(request):
    topics = Topic.objects.select_related("parent").annotate(
        meeting_count=Count("meetings", filter=Q(meetings__status="published"))
    )
    by_parent = {}
    for topic in topics:
        by_parent.setdefault(topic.parent_id, []).append(topic)
    tree = [(topic, by_parent.get(topic.pk, [])) for topic in by_parent.get(None, [])]
    return render(request, "meetings/topic_list.html", {"tree": tree})


def topic_detail_context(slug):
    topic = get_object_or_404(
        Topic.objects.select_related("parent").prefetch_related("children"), slug=slug
    )
    meetings = published_meetings().filter(topics=topic)
    agreements = topic.agreements.filter(meeting__status="published").select_related("meeting")
    officials = top_linked("official", meetings.values("pk"), FACET_LIMIT)
    return topic, meetings, agreements, officials


@require_safe
@conditional_page
@cached_page
def topic_detail(request, slug):
    topic, meetings, agreements, officials = topic_detail_context(slug)
    meetings = meetings.order_by(*SORTS["-date"][1])
    pagination = paginate_meetings(request, meetings, meetings.count())
    return render(
        request,
        "meetings/topic_detail.html",
        {
            "topic": topic,
            "pagination": pagination,
            "agreements": agreements,
            "officials": officials,
        },
    )


@require_safe
@conditional_page
@cached_page
def topic_detail_json(request, slug):
    topic, meetings, agreements, officials = topic_detail_context(slug)
    data = {
        "slug": topic.slug,
        "url": request.build_absolute_uri(topic.get_absolute_url()),
        "name": topic.name,
        "description": topic.description,
        "parent": topic.parent.slug if topic.parent else None,
        "children": [child.slug for child in topic.children.all()],
        "meetings": [meeting_reference(m, request) for m in meetings.order_by(*SORTS["-date"][1])],
        "agreements": [
            {"title": a.title, "summary": a.summary, "meeting": a.meeting.slug} for a in agreements
        ],
        "officials": [{"slug": s, "name": n, "meetings": c} for s, n, c in officials],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_safe
@conditional_page
@cached_page
def source_list(request):
    sources = Source.objects.annotate(
        meeting_count=Count("meetings", filter=Q(meetings__status="published"))
    ).order_by("title")
    return render(request, "meetings/source_list.html", {"sources": sources})


def highlighted_text(text, quotes):
    """
    The source's text as (segment, quote) pairs, the quote None outside recorded quotes,
    so the template can escape each segment and mark and link the quoted ones.
    """
    spans = []
    for quote in quotes:
        start = text.find(quote.text)
        if start >= 0:
            spans.append((start, start + len(quote.text), quote))
    spans.sort(key=lambda span: (span[0], -span[1]))
    segments, position = [], 0
    for start, end, quote in spans:
        if start < position:  # overlapping quotes: the first one wins
            continue
        segments.append((text[position:start], None))
        segments.append((text[start:end], quote))
        position = end
    segments.append((text[position:], None))
    return [(segment, quote) for segment, quote in segments if segment]


def source_detail_context(slug):
    source = get_object_or_404(Source, slug=slug)
    quotes = list(
        Quote.objects.filter(source=source, meeting__status="published").select_related(
            "meeting", "speaker", "speaker_agency"
        )
    )
    meetings = source.meetings.filter(status="published").select_related("city")
    return source, quotes, meetings


@require_safe
@conditional_page
@cached_page
def source_detail(request, slug):
    source, quotes, meetings = source_detail_context(slug)
    return render(
        request,
        "meetings/source_detail.html",
        {
            "source": source,
            "segments": highlighted_text(source.text, quotes),
            "quotes": quotes,
            "meetings": meetings,
        },
    )


@require_safe
@conditional_page
@cached_page
def source_detail_json(request, slug):
    source, quotes, meetings = source_detail_context(slug)
    data = {
        **source_data(source),
        "slug": source.slug,
        "url": request.build_absolute_uri(source.get_absolute_url()),
        "text": source.text,
        "notes": source.notes,
        "meetings": [m.slug for m in meetings],
        "quotes": [
            {"meeting": q.meeting.slug, "speaker": q.speaker_name, "text": q.text} for q in quotes
        ],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


# ---------------------------------------------------------------- exports


def source_data(source):
    return {
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "published": source.published.isoformat() if source.published else None,
    }


def meeting_reference(meeting, request):
    """A meeting as the detail pages' JSON twins list it: enough to find and follow it."""
    return {
        "slug": meeting.slug,
        "url": request.build_absolute_uri(meeting.get_absolute_url()),
        "title": meeting.title,
        "date": meeting.iso_date,
    }


def meeting_data(meeting, request):
    """One meeting as the exports and the .json twin give it (relations prefetched)."""
    return {
        "slug": meeting.slug,
        "url": request.build_absolute_uri(meeting.get_absolute_url()),
        "title": meeting.title,
        "kind": meeting.kind,
        "date": meeting.iso_date,
        "date_end": meeting.iso_date_end,
        "date_precision": meeting.date_precision,
        "city": meeting.city.name if meeting.city else None,
        "country": meeting.country.code if meeting.country else None,
        "venue": meeting.venue,
        "summary": meeting.summary,
        "participants": [
            {
                "name": p.official.name,
                "slug": p.official.slug,
                "country": p.side.code,
                "title": p.title,
                "agency": p.position.agency.name if p.position else None,
                "role": p.role,
            }
            for p in meeting.participations.all()
        ],
        "delegations": [
            {"country": d.side.code, "description": d.description}
            for d in meeting.delegations.all()
        ],
        "topics": [{"slug": t.slug, "name": t.name} for t in meeting.topics.all()],
        "agreements": [{"title": a.title, "summary": a.summary} for a in meeting.agreements.all()],
        "quotes": [{"speaker": q.speaker_name, "text": q.text} for q in meeting.quotes.all()],
        "sources": [source_data(s) for s in meeting.sources.all()],
    }


def export_filterset(request):
    filterset = MeetingFilter(request.GET, queryset=published_meetings())
    if not filterset.is_valid():
        return filterset, JsonResponse(
            {"errors": filterset.form.errors.get_json_data()}, status=400
        )
    return filterset, None


def export_meetings(filterset, request):
    """
    The matching meetings as meeting_data() gives them, streamed: one query per relation
    whatever their number, in constant memory (see streaming.py).
    """
    return export_records(filterset.qs, request, chunk_size=EXPORT_CHUNK)


def batched(pieces, size=100):
    """Strings joined `size` at a time, so a long export is not written a line at a time."""
    batch = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) == size:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


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


CSV_COLUMNS = [
    "slug",
    "url",
    "title",
    "kind",
    "date",
    "date_end",
    "date_precision",
    "city",
    "country",
    "venue",
    "summary",
    "participants",
    "delegations",
    "topics",
    "agreements",
    "sources",
]


class Echo:
    """A file-like object that hands back what is written, for streaming csv.writer rows."""

    def write(self, value):
        return value


def csv_row(data):
    participants = "; ".join(
        f"{p['name']} ({', '.join(x for x in [p['title'], p['agency'], p['country']] if x)})"
        for p in data["participants"]
    )
    return [
        *(data[key] or "" for key in CSV_COLUMNS[:11]),
        participants,
        "; ".join(f"{d['description']} ({d['country']})" for d in data["delegations"]),
        "; ".join(t["name"] for t in data["topics"]),
        "; ".join(a["title"] for a in data["agreements"]),
        "; ".join(s["title"] for s in data["sources"]),
    ]


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
