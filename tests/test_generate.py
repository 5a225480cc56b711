"""
generate_meetings: realistic, sourced, reproducible data; and on it, exports and pages that
keep to a fixed number of queries.
"""

import io
import json
import statistics

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, Max, Min
from django.http import QueryDict
from django.test import RequestFactory

from meetings.aggregates import (
    FACETS,
    facet_groups,
    published_facet_groups,
    top_linked,
)
from meetings.exports.records import meeting_data
from meetings.filters import SORTS, MeetingFilter
from meetings.functions import Year
from meetings.models import (
    Agency,
    AgencyAlias,
    Agreement,
    City,
    Country,
    Delegation,
    Meeting,
    Mention,
    Official,
    OfficialAlias,
    Participation,
    Position,
    Quote,
    Source,
    Topic,
)
from meetings.pictures.data import timeline_rows
from meetings.search import parse, search_meetings
from meetings.views import pagination

pytestmark = pytest.mark.django_db


def empty_database():
    """Delete every row of the app (inside the test's transaction, so only for this test)."""
    for model in (Quote, Agreement, Mention, Delegation, Participation, Meeting, Source):
        model.objects.all().delete()
    for model in (Position, OfficialAlias, Official, AgencyAlias):
        model.objects.all().delete()
    for model in (Agency, Topic):
        while model.objects.exists():  # parents are protected: leaves first
            model.objects.filter(children=None).delete()
    City.objects.all().delete()
    Country.objects.all().delete()


def generate(meetings, seed, **options):
    out = io.StringIO()
    call_command("generate_meetings", meetings=meetings, seed=seed, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def generated():
    empty_database()
    generate(400, seed=3)


def snapshot():
    meetings = list(
        Meeting.objects.order_by("slug").values_list(
            "slug", "title", "kind", "date", "date_end", "date_precision", "status", "summary"
        )
    )
    participations = list(
        Participation.objects.order_by("meeting__slug", "order").values_list(
            "meeting__slug", "official__slug", "side__code", "role", "position__title", "passage"
        )
    )
    officials = list(Official.objects.order_by("slug").values_list("slug", "name", "sort_name"))
    return meetings, participations, officials


def test_the_data_is_shaped_like_real_data(generated):
    assert Meeting.objects.count() == 400
    assert Official.objects.count() == 40
    assert Topic.objects.count() == 40
    assert Agency.objects.count() == 60
    assert OfficialAlias.objects.exists() and Position.objects.exists()

    sizes = Meeting.objects.annotate(n=Count("participations")).aggregate(Min("n"), Max("n"))
    assert sizes["n__min"] >= 2 and sizes["n__max"] <= 12
    for side in ("US", "MX"):  # both sides at every meeting
        assert not Meeting.objects.exclude(participations__side__code=side).exists()

    precisions = dict(
        Meeting.objects.values_list("date_precision").annotate(n=Count("pk")).order_by()
    )
    assert set(precisions) == {"day", "month", "year", "unknown"}
    assert precisions["day"] > sum(precisions.values()) * 0.7
    assert not Meeting.objects.filter(date_precision="month").exclude(date__day=1).exists()
    assert not Meeting.objects.filter(date_precision="year").exclude(date__month=1).exists()
    assert not Meeting.objects.filter(date_precision="unknown").exclude(date=None).exists()
    years = Meeting.objects.exclude(date=None).aggregate(Min("date"), Max("date"))
    assert (years["date__max"] - years["date__min"]).days > 50 * 365

    published = Meeting.objects.filter(status="published").count()
    assert 0.85 * 400 < published < 400

    # A few officials take part in many meetings, most in a handful.
    per_official = list(
        Official.objects.annotate(n=Count("participations")).values_list("n", flat=True)
    )
    assert max(per_official) > 3 * statistics.median(per_official)


def test_every_fact_quotes_its_source(generated):
    for model in (Participation, Agreement, Mention, Delegation):
        for passage, text in model.objects.values_list("passage", "source__text"):
            assert passage in text
    for quote, text in Quote.objects.values_list("text", "source__text"):
        assert quote in text
    assert not Meeting.objects.filter(sources=None).exists()
    # Each participant held the post recorded, at the meeting's date (the admin's own checks).
    for participation in Participation.objects.exclude(position=None)[:150]:
        participation.full_clean()


def test_generated_meetings_are_searchable(generated):
    busiest = Official.objects.annotate(n=Count("participations")).order_by("-n").first()
    theirs = set(busiest.participations.values_list("meeting_id", flat=True))
    found = set(
        search_meetings(Meeting.objects.all(), f'"{busiest.name}"').values_list("pk", flat=True)
    )
    assert theirs <= found


def test_the_same_seed_gives_the_same_data():
    empty_database()
    generate(150, seed=5)
    first = snapshot()
    empty_database()
    generate(150, seed=5)
    assert snapshot() == first
    empty_database()
    generate(150, seed=6)
    assert snapshot() != first


def test_a_dry_run_writes_nothing():
    before = Meeting.objects.count()
    output = generate(200, seed=1, dry_run=True)
    assert "Would create" in output and "200 meeting" in output
    assert Meeting.objects.count() == before


def test_it_refuses_a_database_that_has_data():
    with pytest.raises(CommandError, match="empty"):
        generate(10, seed=1)


def test_exports_give_meeting_data_in_a_fixed_number_of_queries(client, django_assert_num_queries):
    # The version, the count, the meetings, and one query per relation of theirs.
    with django_assert_num_queries(11):  # on the five meetings of the fixtures
        b"".join(client.get("/meetings/export.json").streaming_content)
    empty_database()
    generate(700, seed=2)  # more than one chunk of every result set
    with django_assert_num_queries(11):
        response = client.get("/meetings/export.json")
        exported = json.loads(b"".join(response.streaming_content))
    with django_assert_num_queries(10):
        b"".join(client.get("/meetings/export.csv").streaming_content)
    request = RequestFactory().get("/")
    expected = {
        meeting.slug: meeting_data(meeting, request)
        for meeting in Meeting.objects.published().with_related()
    }
    assert exported["count"] == len(expected) == len(exported["meetings"])
    assert {m["slug"]: m for m in exported["meetings"]} == expected
    in_order = Meeting.objects.published().order_by(*SORTS["-date"][1], "pk")
    assert [m["slug"] for m in exported["meetings"]] == [m.slug for m in in_order]


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The home page's figures and the whole list's count, facets and timeline: one query
        # each, from the summary rows (meetings/summary).
        ("/", 5),  # the summary rows give every figure
        ("/meetings/", 6),
        ("/meetings/?page=7&sort=title", 6),
        ("/meetings/?q=cooperation", 6),  # counted and charted with the facets
        ("/meetings/?topic=security&date_after=1990&date_before=2010", 7),  # + the topic
    ],
)
def test_pages_keep_their_query_counts_on_generated_data(
    client, django_assert_num_queries, monkeypatch, url, queries
):
    empty_database()
    generate(300, seed=4)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    if url.startswith("/meetings/"):  # a long list: the page's ids, then its meetings
        monkeypatch.setattr(pagination, "FEW_MEETINGS", 10)
        cache.clear()
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "query",
    ["", "page=3", "sort=title&page=2", "q=cooperation", "topic=security&date_after=1990"],
)
def test_short_and_long_lists_are_paged_alike(client, monkeypatch, query):
    empty_database()
    generate(300, seed=4)

    def pages():
        context = client.get("/meetings/?" + query).context
        return [m.slug for m in context["pagination"]["page"]], context["facets"]

    short = pages()  # 300 meetings or fewer: read by id, then ordered
    monkeypatch.setattr(pagination, "FEW_MEETINGS", 0)
    cache.clear()
    assert pages() == short  # on PostgreSQL, found first, then ordered
    monkeypatch.setattr(pagination, "FOUND_FIRST", 0)
    cache.clear()
    assert pages() == short  # asked for in order
    assert short[0]


@pytest.mark.parametrize("many", [False, True])
@pytest.mark.parametrize(
    "query", ["", "q=cooperation", "topic=security&date_after=1990", "kind=visit&sort=title"]
)
def test_facets_in_one_query_equal_each_counted_on_its_own(query, many):
    empty_database()
    generate(300, seed=4)
    filtered = MeetingFilter(QueryDict(query), queryset=Meeting.objects.published()).qs
    groups = facet_groups(filtered, 12, many=many)
    ids = filtered.order_by().values("pk")
    meetings = filtered.order_by()
    assert groups["topic"] == top_linked("topic", ids, 12)
    assert groups["official"] == top_linked("official", ids, 12)
    assert groups["country"] == list(
        meetings.exclude(country=None)
        .values_list("country__code", "country__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "country__name")
    )
    assert groups["kind"] == list(
        meetings.values_list("kind").annotate(n=Count("pk")).order_by("-n", "kind")
    )
    assert groups["year"] == list(
        meetings.exclude(date=None)
        .annotate(year=Year("date"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
    )
    assert sum(n for _, n in groups["kind"]) == filtered.count() > 0
    # Counted in the same query, and grouped only up to a size.
    counted = facet_groups(filtered, 12, many=many, at_most=filtered.count())
    assert counted == {**groups, "count": filtered.count()}
    too_many = facet_groups(filtered, 12, many=many, at_most=filtered.count() - 1)
    assert too_many == {name: [] for name in groups} | {"count": filtered.count()}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search rows carry facts there")
@pytest.mark.parametrize("at_most", [None, 10_000, 20])
def test_facets_from_search_rows_equal_those_from_the_joins(at_most):
    empty_database()
    generate(300, seed=4)
    published = Meeting.objects.published()
    Meeting.objects.filter(pk__in=published.values("pk")[:30]).update(status="draft")
    queries = [
        "cooperation",
        "secretar -cooperation",
        "-cooperation",
        '"public health"',
        "zzqx",
        "!!!",
    ]
    for query in queries:
        joined = facet_groups(search_meetings(published, query), 12, at_most=at_most)
        assert published_facet_groups(12, at_most=at_most, search=parse(query)) == joined
    for official in Official.objects.annotate(n=Count("participations")).order_by("-n")[:3]:
        joined = facet_groups(published.filter(participations__official=official), 12)
        assert published_facet_groups(12, official=official.pk) == joined
        assert joined["official"][0][0] == official.slug
    assert published_facet_groups(12) == facet_groups(published, 12)
    assert published_facet_groups(12, at_most=10**6)["count"] == published.count() > 200


def test_a_lists_timeline_from_its_facets_query_equals_its_own_grouping():
    empty_database()
    generate(300, seed=4)
    published = Meeting.objects.published()
    Meeting.objects.filter(pk__in=published.values("pk")[:30]).update(
        date=None, date_end=None, date_precision="unknown"
    )
    topic = Topic.objects.annotate(n=Count("meetings")).latest("n")
    lists = [published, published.filter(topics=topic), published.filter(kind="visit")]
    lists.append(search_meetings(published, "cooperation"))
    for meetings in lists:
        grouped = facet_groups(meetings, 12, at_most=10_000, facets=(*FACETS, "timeline"))
        assert sorted(grouped["timeline"]) == sorted(timeline_rows(meetings))
        assert grouped["timeline"]
    # More than at_most: no facets, but the timeline still, and the count it gave.
    too_many = facet_groups(published, 12, at_most=10, facets=(*FACETS, "timeline"))
    assert sorted(too_many["timeline"]) == sorted(timeline_rows(published))
    assert too_many["count"] == published.count() and too_many["topic"] == []
    assert all(type(n) is int for *_, n in too_many["timeline"])  # not PostgreSQL's numeric
    if connection.vendor == "postgresql":
        for query in ["cooperation", "-cooperation", "!!!"]:
            joined = timeline_rows(search_meetings(published, query))
            for at_most in (10, 10_000):
                searched = published_facet_groups(
                    12, at_most=at_most, search=parse(query), facets=(*FACETS, "timeline")
                )
                assert sorted(searched["timeline"]) == sorted(joined), (query, at_most)


def test_facet_groups_computes_only_the_facets_asked_for():
    empty_database()
    generate(300, seed=4)
    published = Meeting.objects.published()
    shown = ("official", "topic")
    whole = facet_groups(published, 12, at_most=10_000)
    unshown = {facet: [] for facet in ("party", "country", "kind", "year")}
    assert facet_groups(published, 12, at_most=10_000, facets=shown) == {**whole, **unshown}
    assert all(whole[facet] for facet in unshown)
    if connection.vendor == "postgresql":
        official = Official.objects.annotate(n=Count("participations")).latest("n")
        whole = published_facet_groups(12, official=official.pk)
        assert published_facet_groups(12, official=official.pk, facets=shown) == {
            **whole,
            **unshown,
        }


def test_a_list_is_counted_up_to_count_most_and_charted_only_that_far():
    empty_database()
    generate(300, seed=4)
    published = Meeting.objects.published()
    total = published.count()
    listed = {"at_most": 10, "facets": (*FACETS, "timeline")}
    groups = [facet_groups(published, 12, count_most=total - 1, **listed)]
    if connection.vendor == "postgresql":
        groups.append(published_facet_groups(12, count_most=total - 1, **listed))
    for beyond in groups:  # one more than count_most read, nothing grouped
        assert beyond["count"] == total and not beyond["timeline"] and not beyond["topic"]
    groups = [facet_groups(published, 12, count_most=total, **listed)]
    if connection.vendor == "postgresql":
        groups.append(published_facet_groups(12, count_most=total, **listed))
    for within in groups:  # counted exactly, and charted
        assert within["count"] == total and not within["topic"]
        assert sorted(within["timeline"]) == sorted(timeline_rows(published))
    ten = published.filter(pk__in=published.values("pk")[:10])
    few = facet_groups(ten, 12, count_most=total, **listed)
    assert few["count"] == 10 and few["topic"] and few["timeline"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search rows carry facts there")
def test_a_searchs_timeline_from_its_search_rows_equals_that_from_the_joins():
    empty_database()
    generate(300, seed=4)
    published = Meeting.objects.published()
    Meeting.objects.filter(pk__in=published.values("pk")[:30]).update(status="draft")
    for query in ["cooperation", "secretar -cooperation", '"public health"', "zzqx", "!!!"]:
        matches = search_meetings(published, query)
        searched = published_facet_groups(1, at_most=0, search=parse(query), facets=["timeline"])
        assert sorted(searched["timeline"]) == sorted(timeline_rows(matches)), query
        assert searched["count"] == matches.count(), query
    assert published_facet_groups(1, at_most=0, search=parse("!!!"))["count"] > 200


def test_facets_of_no_meetings_are_empty():
    none = Meeting.objects.filter(pk__in=[])  # Django knows this is empty without asking
    assert facet_groups(none, 12) == {
        "topic": [],
        "official": [],
        "party": [],
        "country": [],
        "kind": [],
        "year": [],
    }
    assert facet_groups(none, 12, at_most=10)["count"] == 0
    assert top_linked("official", none.values("pk"), 12) == []
