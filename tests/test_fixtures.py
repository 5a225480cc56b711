"""The fixtures say what the five press releases say: nothing more, nothing less."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from meetings.models import (
    Agreement,
    Delegation,
    Meeting,
    Mention,
    Official,
    Participation,
    Position,
    Quote,
    Source,
    SummaryCount,
)
from meetings.models.history import history_labels

pytestmark = pytest.mark.django_db

PRESS_RELEASES = Path(__file__).resolve().parents[2] / "shared" / "press-releases"

POMPEO = "2018-05-pompeo-videgaray-washington"
EBRARD = "ebrard-receives-us-congressional-delegation"
HIGH_LEVEL = "2017-02-23-high-level-meeting-mexico-city"
DIALOGUE = "2017-12-14-second-strategic-dialogue-on-tcos"
NIELSEN = "2018-03-26-nielsen-pena-nieto-mexico-city"


def participants(slug):
    return set(
        Participation.objects.filter(meeting__slug=slug).values_list("official__slug", "side__code")
    )


@pytest.mark.skipif(
    not PRESS_RELEASES.is_dir(), reason="../shared/press-releases is not beside the checkout"
)
def test_source_texts_are_the_press_releases_verbatim():
    files = {path.name: path.read_text(encoding="utf-8") for path in PRESS_RELEASES.glob("*.txt")}
    assert len(files) == 5
    for source in Source.objects.all():
        assert source.text == files[source.file_name], source.slug
    assert set(Source.objects.values_list("file_name", flat=True)) == set(files)


def test_five_published_meetings_each_citing_a_source():
    assert Meeting.objects.published().count() == 5
    for meeting in Meeting.objects.prefetch_related("sources"):
        assert len(meeting.sources.all()) >= 1, meeting.slug


def test_every_quote_is_verbatim_in_its_source_and_the_source_is_cited():
    quotes = Quote.objects.select_related("source", "meeting").prefetch_related("meeting__sources")
    assert quotes.count() == 14
    for quote in quotes:
        assert quote.text in quote.source.text, quote.text
        assert quote.source in quote.meeting.sources.all()
        assert quote.speaker_id or quote.speaker_agency_id


@pytest.mark.parametrize("model", [Participation, Delegation, Mention, Agreement])
def test_every_fact_cites_a_passage_of_a_cited_source(model):
    rows = model.objects.select_related("source").prefetch_related("meeting__sources")
    assert rows.exists()
    for row in rows:
        assert row.passage and row.passage in row.source.text, row
        assert row.source in row.meeting.sources.all(), row


@pytest.mark.parametrize(
    ("slug", "date", "precision", "iso", "shown"),
    [
        (POMPEO, datetime.date(2018, 5, 1), "month", "2018-05", "May 2018"),
        (EBRARD, None, "unknown", None, "Date unknown"),
        (HIGH_LEVEL, datetime.date(2017, 2, 23), "day", "2017-02-23", "23 February 2017"),
        (DIALOGUE, datetime.date(2017, 12, 14), "day", "2017-12-14", "14 December 2017"),
        (NIELSEN, datetime.date(2018, 3, 26), "day", "2018-03-26", "26 March 2018"),
    ],
)
def test_dates_keep_the_precision_the_releases_give(slug, date, precision, iso, shown):
    meeting = Meeting.objects.get(slug=slug)
    assert meeting.date == date
    assert meeting.date_precision == precision
    assert meeting.iso_date == iso
    assert meeting.display_date == shown


def test_dates_that_rest_on_outside_knowledge_say_so():
    # "early May" with no year, "December 14" with no year, "recently": the notes explain.
    assert "early May" in Meeting.objects.get(slug=POMPEO).notes
    assert "no year" in Meeting.objects.get(slug=DIALOGUE).notes
    assert "caption" in Meeting.objects.get(slug=NIELSEN).notes
    assert "no date" in Meeting.objects.get(slug=EBRARD).notes


@pytest.mark.parametrize(
    ("slug", "city", "country"),
    [
        (POMPEO, "washington-dc", "US"),
        (EBRARD, "mexico-city", "MX"),
        (HIGH_LEVEL, "mexico-city", "MX"),
        (DIALOGUE, "washington-dc", "US"),
        (NIELSEN, "mexico-city", "MX"),
    ],
)
def test_cities(slug, city, country):
    meeting = Meeting.objects.select_related("city", "country").get(slug=slug)
    assert meeting.city.slug == city
    assert meeting.country.code == country
    assert meeting.city.country == meeting.country


def test_participants_of_each_meeting():
    assert participants(POMPEO) == {("mike-pompeo", "US"), ("luis-videgaray", "MX")}
    assert participants(EBRARD) == {
        ("marcelo-ebrard", "MX"),
        ("roberto-velasco-alvarez", "MX"),
        ("maria-de-haas", "MX"),
    }
    assert participants(HIGH_LEVEL) == {
        ("luis-videgaray", "MX"),
        ("miguel-angel-osorio-chong", "MX"),
        ("jose-antonio-meade", "MX"),
        ("rex-tillerson", "US"),
        ("john-kelly", "US"),
        ("roberta-jacobson", "US"),
    }
    assert participants(DIALOGUE) == {
        ("rex-tillerson", "US"),
        ("kirstjen-nielsen", "US"),
        ("luis-videgaray", "MX"),
        ("miguel-angel-osorio-chong", "MX"),
        ("alberto-elias-beltran", "MX"),
    }
    assert participants(NIELSEN) == {
        ("kirstjen-nielsen", "US"),
        ("enrique-pena-nieto", "MX"),
        ("luis-videgaray", "MX"),
    }


def test_heads_of_delegation_and_hosts():
    heads = set(
        Participation.objects.filter(role__in=["head", "host"]).values_list(
            "meeting__slug", "official__slug"
        )
    )
    assert (HIGH_LEVEL, "luis-videgaray") in heads
    assert (HIGH_LEVEL, "rex-tillerson") in heads
    assert (EBRARD, "marcelo-ebrard") in heads
    assert (HIGH_LEVEL, "john-kelly") not in heads


def test_people_only_mentioned_are_not_participants():
    mentioned = set(Mention.objects.values_list("meeting__slug", "official__slug"))
    assert mentioned == {
        (HIGH_LEVEL, "enrique-pena-nieto"),
        (HIGH_LEVEL, "donald-trump"),
        (DIALOGUE, "jeff-sessions"),
    }
    for meeting_slug, official_slug in mentioned:
        assert not Participation.objects.filter(
            meeting__slug=meeting_slug, official__slug=official_slug
        ).exists()
    assert not Participation.objects.filter(
        official__slug__in=["donald-trump", "jeff-sessions"]
    ).exists()


def test_an_unnamed_delegation_stays_unnamed():
    delegation = Delegation.objects.get(meeting__slug=EBRARD)
    assert delegation.side.code == "US"
    assert "Senate and House of Representatives" in delegation.description
    assert set(delegation.agencies.values_list("slug", flat=True)) == {"us-senate", "us-house"}
    # Nobody was invented for the U.S. side.
    assert not Participation.objects.filter(meeting__slug=EBRARD, side__code="US").exists()


def test_the_same_person_across_releases_is_one_record():
    videgaray = Official.objects.get(slug="luis-videgaray")
    assert set(videgaray.participations.values_list("meeting__slug", flat=True)) == {
        POMPEO,
        HIGH_LEVEL,
        DIALOGUE,
        NIELSEN,
    }
    osorio = Official.objects.get(slug="miguel-angel-osorio-chong")
    assert set(osorio.participations.values_list("meeting__slug", flat=True)) == {
        HIGH_LEVEL,
        DIALOGUE,
    }
    # The release spellings all lead to the one record.
    for spelling in ["Miguel Ángel Osorio Chong", "Miguel Angel Osorio Chong", "Miguel Osorio"]:
        assert list(Official.objects.matching(spelling)) == [osorio]
    assert list(Official.objects.matching("Pena Nieto")) == [
        Official.objects.get(slug="enrique-pena-nieto")
    ]
    assert Official.objects.filter(name__icontains="Videgaray").count() == 1


def test_each_participants_title_is_the_post_held_on_the_meeting_date():
    checked = 0
    for participation in Participation.objects.select_related("meeting", "position", "official"):
        assert participation.position is not None, participation
        assert participation.position.official_id == participation.official_id
        meeting = participation.meeting
        if meeting.date is None:
            continue
        first, last = meeting.period
        held = Position.objects.filter(official=participation.official).during(first, last)
        assert list(held) == [participation.position], participation
        checked += 1
    assert checked == 16


def test_titles_change_over_time_but_the_person_does_not():
    meade = Official.objects.get(slug="jose-antonio-meade")
    assert [p.title for p in meade.positions.on_date(datetime.date(2017, 2, 23))] == [
        "Secretary of Finance and Public Credit"
    ]
    assert [p.title for p in meade.positions.on_date(datetime.date(2014, 1, 1))] == [
        "Secretary of Foreign Affairs"
    ]
    beltran = Participation.objects.get(
        meeting__slug=DIALOGUE, official__slug="alberto-elias-beltran"
    )
    assert beltran.title == "Acting Attorney General"


def test_agreements():
    assert (
        list(Agreement.objects.filter(meeting__slug=NIELSEN).values_list("kind", flat=True))
        == ["agreement"] * 3
    )
    assert not Agreement.objects.filter(meeting__slug=POMPEO).exists()


def test_quotes_have_the_right_speakers():
    speakers = {
        (q.meeting.slug, q.number): q.speaker_name
        for q in Quote.objects.select_related("meeting", "speaker", "speaker_agency")
    }
    assert speakers[(POMPEO, 1)] == "Mike Pompeo"
    assert speakers[(EBRARD, 2)] == "Roberto Velasco Álvarez"
    assert speakers[(HIGH_LEVEL, 2)] == "Miguel Ángel Osorio Chong"
    assert speakers[(DIALOGUE, 6)] == "Alberto Elías Beltrán"
    assert speakers[(DIALOGUE, 1)].startswith("Secretariat of Foreign Affairs")


def dump():
    out = io.StringIO()
    call_command(
        "dumpdata",
        "meetings",
        # Fixtures hold records: not their history, nor the summary rows counted from them
        # (ids of deleted records in their items; the triggers count the loaded records).
        exclude=[*history_labels(), SummaryCount._meta.label],
        natural_foreign=True,
        natural_primary=True,
        indent=None,
        stdout=out,
    )
    return json.loads(out.getvalue())


def test_loading_the_fixtures_twice_changes_nothing():
    before = dump()
    call_command("loaddata", "reference", "officials", "sources", "meetings", verbosity=0)
    assert dump() == before


def test_dumpdata_round_trip_with_natural_keys(tmp_path):
    before = dump()
    path = tmp_path / "all.json"
    path.write_text(json.dumps(before))
    Meeting.objects.all().delete()
    Source.objects.all().delete()
    assert not Quote.objects.exists()
    call_command("loaddata", str(path), verbosity=0)
    assert dump() == before


def test_a_meeting_on_a_subtopic_is_also_on_its_parent():
    for meeting in Meeting.objects.prefetch_related("topics"):
        slugs = {topic.slug for topic in meeting.topics.all()}
        for topic in meeting.topics.all():
            if topic.parent_id:
                assert topic.parent.slug in slugs, (meeting.slug, topic.slug)
