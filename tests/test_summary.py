"""
The summary rows (meetings/summary) stay exact under every kind of write: each test writes,
then checks the rows against a recount from the records, and the home page's and the whole
list's figures against the queries they replaced. Run on SQLite and PostgreSQL.
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.urls import reverse

from meetings.aggregates import facet_groups, top_linked
from meetings.merging import merge_officials
from meetings.models import (
    Agency,
    Country,
    Delegation,
    Meeting,
    Official,
    Participation,
    Source,
    SummaryCount,
    Topic,
    is_published,
)
from meetings.pictures.data import timeline_rows
from meetings.summary.read import (
    cited_sources_count,
    home_figures,
    official_timeline,
    party_figures,
    topic_figures,
    whole_list,
    with_meeting_counts,
)
from meetings.summary.triggers import recount
from meetings.views.countries import party_meetings
from tests.admin_support import change_form_data
from tests.party_reference import party_counts, sent_most, topic_years

pytestmark = pytest.mark.django_db
PUBLISHED_MEETING = "2018-05-pompeo-videgaray-washington"


def rows():
    return {(r.facet, r.item): r.n for r in SummaryCount.objects.filter(n__gt=0)}


def recounted():
    """The summary rows as a recount from the records gives them (then rolled back)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            for sql in recount(connection.vendor):
                cursor.execute(sql)
        found = rows()
        transaction.set_rollback(True)
    return found


def assert_exact():
    kept = rows()
    assert kept == recounted()
    assert_every_country_exact()
    assert_every_topic_exact()
    assert_every_officials_timeline_exact()
    published = Meeting.objects.published()
    count, groups = whole_list(12)
    assert count == published.count()
    expected = facet_groups(published, 12)
    for facet in ("topic", "official", "party", "country", "kind", "year"):
        assert groups[facet] == expected[facet], facet
    assert sorted(groups["timeline"]) == sorted(timeline_rows(published))
    counts, topics, officials = home_figures(8)
    ids = published.order_by().values("pk")
    assert topics == top_linked("topic", ids, 8)
    assert officials == top_linked("official", ids, 8)
    assert counts == {
        "meetings": published.count(),
        "officials": Participation.objects.published().values("official_id").distinct().count(),
        "agencies": Agency.objects.count(),
        "topics": Topic.objects.count(),
        "sources": Source.objects.published().count(),
    }
    assert_index_counts_exact()


def assert_index_counts_exact():
    """The officials', topics' and sources' lists count from the summary rows, as grouped."""
    grouped = {
        "official": Official.objects.annotate(
            meeting_count=Count("participations", filter=is_published("participations__meeting"))
        ),
        "topic": Topic.objects.annotate(
            meeting_count=Count("meetings", filter=is_published("meetings"))
        ),
        "source": Source.objects.annotate(
            meeting_count=Count("meetings", filter=is_published("meetings"))
        ),
    }
    for facet, expected in grouped.items():
        summed = with_meeting_counts(expected.model.objects.all(), facet)
        assert dict(summed.values_list("pk", "meeting_count")) == dict(
            expected.values_list("pk", "meeting_count")
        ), facet
    cited = with_meeting_counts(Source.objects.all(), "source").filter(meeting_count__gt=0)
    assert set(cited) == set(Source.objects.published())
    assert cited_sources_count() == Source.objects.published().count()


def assert_every_topic_exact():
    """Each topic's timeline and officials (its page's) against a grouping of its meetings."""
    for topic in Topic.objects.all():
        figures = topic_figures(topic.pk, 1000)
        meetings = Meeting.objects.published().filter(topics=topic)
        assert sorted(figures["timeline"]) == sorted(timeline_rows(meetings)), topic.slug
        expected = top_linked("official", meetings.values("pk"), 1000)
        assert figures["officials"] == expected, topic.slug


def assert_every_officials_timeline_exact():
    """Each official's timeline (their page's) against a grouping of their meetings."""
    for official in Official.objects.all():
        meetings = Meeting.objects.published().filter(participations__official=official)
        expected = sorted(timeline_rows(meetings))
        assert sorted(official_timeline(official.pk)) == expected, official.slug


def published_sides():
    """{meeting id: {side ids}} of the published meetings."""
    found = {}
    for model in (Participation, Delegation):
        rows = model.objects.filter(meeting__status="published").values_list("meeting", "side")
        for meeting, side in rows:
            found.setdefault(meeting, set()).add(side)
    return found


def assert_every_country_exact():
    """Each side's and each pair's page figures against a grouping of their meetings."""
    scopes = {(side,) for sides in published_sides().values() for side in sides}
    scopes |= {
        (a, b) for sides in published_sides().values() for a in sides for b in sides if a < b
    }
    countries = Country.objects.in_bulk({side for scope in scopes for side in scope})
    for scope in sorted(scopes):
        figures = party_figures(list(scope), 1000, 1000)
        meetings = party_meetings([countries[side] for side in scope])
        assert figures["count"] == meetings.count(), scope
        assert figures["sent"] == sent_most(meetings, list(scope), 1000), scope
        if len(scope) == 1:
            assert figures["partners"] == party_counts(meetings, 1000, scope), scope
        assert sorted(figures["topic_years"]) == sorted(topic_years(meetings)), scope
        assert sorted(figures["timeline"]) == sorted(timeline_rows(meetings)), scope


def test_the_loaded_fixtures_are_summed_exactly():
    assert_exact()
    assert rows()[("meetings", "")] == Meeting.objects.published().count() > 0


def test_an_admin_save_that_unpublishes_and_republishes(admin_client_logged_in):
    meeting = Meeting.objects.get(slug=PUBLISHED_MEETING)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = change_form_data(admin_client_logged_in.get(url))
    before = rows()
    data["status"] = "draft"
    assert admin_client_logged_in.post(url, data).status_code == 302
    assert rows()[("meetings", "")] == before[("meetings", "")] - 1
    assert_exact()
    data["status"] = "published"
    data["kind"] = "phone-call"
    assert admin_client_logged_in.post(url, data).status_code == 302
    assert rows()[("kind", "phone-call")] == before.get(("kind", "phone-call"), 0) + 1
    assert_exact()


def test_status_kind_country_and_date_changes_by_queryset_update():
    Meeting.objects.filter(slug=PUBLISHED_MEETING).update(status="review")
    assert_exact()
    Meeting.objects.all().update(status="published")  # drafts too, many rows in one statement
    assert_exact()
    Meeting.objects.filter(slug=PUBLISHED_MEETING).update(
        kind="visit",
        country=Country.objects.get(code="MX"),
        date=datetime.date(1999, 3, 1),
        date_precision="day",
    )
    assert rows()[("year", "1999")] == 1
    assert rows()[("timeline", "1999-03 day")] == 1
    assert_exact()
    Meeting.objects.filter(slug=PUBLISHED_MEETING).update(date_precision="month")
    assert ("timeline", "1999-03 day") not in rows()
    assert rows()[("timeline", "1999-03 month")] == 1
    assert_exact()
    Meeting.objects.all().update(status="draft")
    assert rows().get(("meetings", ""), 0) == 0
    assert not [key for key in rows() if key[0] in ("topic", "official", "party")]


def test_links_added_and_removed_one_by_one_and_in_bulk():
    meeting = Meeting.objects.get(slug=PUBLISHED_MEETING)
    extra = Topic.objects.create(name="Extra", slug="extra")
    meeting.topics.add(extra)
    assert rows()[("topic", str(extra.pk))] == 1
    assert_exact()
    meeting.topics.clear()
    assert_exact()
    first = meeting.participations.first()
    people = Official.objects.exclude(participations__meeting=meeting)[:3]
    # Several rows of one side in one statement: the side counts the meeting once.
    Participation.objects.bulk_create(
        [
            Participation(
                meeting=meeting,
                official=person,
                side=person.country,
                source=first.source,
                passage=first.passage,
                order=10 + index,
            )
            for index, person in enumerate(people)
        ]
    )
    assert_exact()
    Participation.objects.filter(meeting=meeting).delete()
    assert_exact()


def test_a_source_counts_while_a_published_meeting_cites_it():
    meeting = Meeting.objects.get(slug=PUBLISHED_MEETING)
    source = Source.objects.create(
        title="Readout", slug="readout", url="https://example.org/r", text="Words."
    )
    draft = Meeting.objects.create(
        title="Draft", slug="draft", status="draft", date_precision="unknown"
    )
    draft.sources.add(source)  # cited by a draft only: not public, not counted
    assert ("source", str(source.pk)) not in rows()
    assert_exact()
    meeting.sources.add(source)
    assert rows()[("source", str(source.pk))] == 1
    assert_exact()
    Meeting.objects.filter(pk=meeting.pk).update(status="draft")
    assert ("source", str(source.pk)) not in rows()
    assert_exact()
    Meeting.objects.filter(pk__in=[meeting.pk, draft.pk]).update(status="published")
    assert rows()[("source", str(source.pk))] == 2
    assert_exact()
    meeting.sources.remove(source)
    draft.delete()
    assert ("source", str(source.pk)) not in rows()
    assert_exact()


def test_links_written_before_their_meeting_in_a_bulk_load():
    # As generate_meetings writes: rows numbered first, links before meetings, keys checked
    # at the commit.
    original = Meeting.objects.get(slug=PUBLISHED_MEETING)
    participation = original.participations.first()
    new_id = Meeting.objects.order_by("-pk").first().pk + 1000
    with transaction.atomic():
        Participation.objects.bulk_create(
            [
                Participation(
                    meeting_id=new_id,
                    official=participation.official,
                    side=participation.side,
                    source=participation.source,
                    passage=participation.passage,
                    order=1,
                )
            ]
        )
        Meeting.topics.through.objects.bulk_create(
            [Meeting.topics.through(meeting_id=new_id, topic=Topic.objects.first())]
        )
        Meeting.objects.bulk_create(
            [
                Meeting(
                    pk=new_id,
                    title="Bulk",
                    slug="bulk",
                    status="published",
                    kind="visit",
                    date=datetime.date(2001, 5, 3),
                )
            ]
        )
    assert_exact()


def test_delegations_count_their_side_once():
    meeting = Meeting.objects.get(slug=PUBLISHED_MEETING)
    source = meeting.sources.first()
    sides = list(Country.objects.exclude(code__in=["US", "MX"])[:1]) + [
        Country.objects.get(code="US")
    ]
    for side in sides:
        Delegation.objects.create(meeting=meeting, side=side, description="Staff", source=source)
        assert_exact()
    Delegation.objects.filter(meeting=meeting).update(side=Country.objects.get(code="MX"))
    assert_exact()
    Delegation.objects.filter(meeting=meeting).delete()
    assert_exact()


def test_deleting_meetings_their_records_and_whole_tables():
    Meeting.objects.get(slug=PUBLISHED_MEETING).delete()
    assert_exact()
    Topic.objects.create(name="Another", slug="another")
    Agency.objects.create(
        name="A new agency",
        slug="a-new-agency",
        kind=Agency.Kind.values[0],
        country=Country.objects.get(code="MX"),
    )
    assert_exact()
    Meeting.objects.all().delete()
    assert_exact()
    assert rows().get(("meetings", ""), 0) == 0


def test_merging_two_records_of_one_person():
    kept = Official.objects.get(slug="rex-tillerson")
    twin = Official.objects.create(
        name="Rex Wayne Tillerson",
        sort_name="Tillerson, Rex Wayne",
        slug="rex-wayne-tillerson",
        country=Country.objects.get(code="US"),
    )
    meeting = Participation.objects.filter(official=kept).first().meeting
    elsewhere = Participation.objects.exclude(meeting=meeting).exclude(official=kept).first()
    for place in (meeting, elsewhere.meeting):  # one where both took part: that row goes
        Participation.objects.create(
            meeting=place,
            official=twin,
            side=twin.country,
            source=elsewhere.source,
            passage=elsewhere.passage,
            order=9,
        )
    assert_exact()
    merge_officials(twin, kept)
    assert (("official", str(twin.pk))) not in rows()
    assert_exact()


def test_a_bulk_import_of_the_historical_record(historical_record):
    assert Meeting.objects.count() > 100
    assert_exact()


def test_the_home_page_and_the_whole_list_read_the_summary(client):
    Meeting.objects.filter(slug=PUBLISHED_MEETING).update(status="draft")
    home = client.get(reverse("home"))
    assert home.context["counts"]["meetings"] == Meeting.objects.published().count()
    listed = client.get(reverse("meeting-list"))
    assert (
        listed.context["pagination"]["page"].paginator.count == home.context["counts"]["meetings"]
    )
    kinds = {f["key"]: f for f in listed.context["facets"]}["kind"]["items"]
    assert sum(item["count"] for item in kinds) == Meeting.objects.published().count()


def test_a_restore_recounts_the_summary_once(tmp_path):
    """A restore sets the summary's triggers aside and counts everything once at the end."""
    path = tmp_path / "kb.json"
    call_command("backup", output=str(path), verbosity=0)
    before = counts_by_facet()
    call_command("restore", str(path), replace=True, verbosity=0)
    assert counts_by_facet() == before  # the records come back with new ids
    assert_exact()


def counts_by_facet():
    found = {}
    for (facet, _), n in rows().items():  # "sent:12:34": restored records take new ids
        found.setdefault(facet.split(":")[0], []).append(n)
    return {facet: sorted(ns) for facet, ns in found.items()}
