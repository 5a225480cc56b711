"""The Office of the Historian's records imported: counts, identity, provenance, idempotence."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from meetings.importers.historian.records import DATA_ROOT
from meetings.loading.conflicts import keep_current, take_incoming
from meetings.models import (
    Delegation,
    ExternalRecord,
    LoadConflict,
    LoadedRecord,
    Meeting,
    MergeCandidate,
    Official,
    OfficialAlias,
    Participation,
)
from meetings.text import normalize_name

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("historical_record")]

HIGH_LEVEL = "2017-02-23-high-level-meeting-mexico-city"


def xml_count(folder, tag):
    return sum(
        len(ET.parse(path).getroot().findall(tag)) for path in (DATA_ROOT / folder).rglob("*.xml")
    )


def run_import(*args):
    out = io.StringIO()
    call_command("import_historian", *args, stdout=out)
    return out.getvalue()


def test_every_record_is_a_meeting_with_its_record_id():
    trips = xml_count("travels", "trip")
    visits = xml_count("visits/data", "visit")
    assert (trips, visits) == (4271, 3264)
    records = ExternalRecord.objects
    assert records.filter(scheme="history.state.gov/travels").count() == trips
    assert records.filter(scheme="history.state.gov/visits").count() == visits
    assert Meeting.objects.filter(kind="visit", records__isnull=False).count() == visits
    merged = Meeting.objects.filter(kind="trip").count()
    assert merged < trips  # a Secretary who went with the President shares the President's trip
    assert Meeting.objects.filter(records__isnull=False, status="published").distinct().count() == (
        merged + visits
    )


def test_running_it_again_changes_nothing():
    before = (Meeting.objects.count(), Official.objects.count(), Participation.objects.count())
    out = run_import()
    assert "0 meetings created, 0 meetings updated, 7,159 meetings unchanged" in out
    assert (
        Meeting.objects.count(),
        Official.objects.count(),
        Participation.objects.count(),
    ) == before


def test_a_trip_with_its_traveller_post_and_counterparts():
    trip = Meeting.objects.get(
        records__scheme="history.state.gov/travels", records__record_id="3914"
    )
    assert (trip.kind, trip.date.isoformat(), trip.date_end.isoformat()) == (
        "trip",
        "2017-02-22",
        "2017-02-23",
    )
    assert (trip.country.code, trip.city.name) == ("MX", "Mexico City")
    people = {
        p.official.slug: (p.side.code, p.role, p.position.title if p.position else "")
        for p in trip.participations.select_related("official", "side", "position")
    }
    # The releases' people, one record each, with the posts the releases gave them.
    assert people["rex-tillerson"] == ("US", "head", "Secretary of State")
    assert people["enrique-pena-nieto"][0] == "MX"
    assert people["luis-videgaray"][0] == "MX"
    assert people["john-kelly"] == ("US", "member", "Secretary of Homeland Security")


def test_every_passage_is_in_its_records_text():
    for model in (Participation, Delegation):
        rows = model.objects.filter(source__slug__startswith="hsg-").select_related("source")
        assert rows.exists()
        for row in rows.iterator(chunk_size=2000):
            assert row.passage in row.source.text, (row.pk, row.passage)


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("Enrique Pena Nieto", "enrique-pena-nieto"),
        ("Enrico Pena Nieto", "enrique-pena-nieto"),
        ("Marcelo Luis Ebrard Casaubon", "marcelo-ebrard"),
        ("Jose Antonio Meade", "jose-antonio-meade"),
        ("Michael R. Pompeo", "mike-pompeo"),
        ("Rex W. Tillerson", "rex-tillerson"),
    ],
)
def test_one_person_one_record_across_spellings(written, slug):
    official = Official.objects.get(slug=slug)
    names = {official.name, *official.aliases.values_list("name", flat=True)}
    # Found under this spelling (accents aside), and no second record of it.
    assert normalize_name(written) in {normalize_name(name) for name in names}
    assert not Official.objects.matching(written).exclude(pk=official.pk).exists()


def test_the_president_elect_visit_is_pena_nietos():
    visit = Meeting.objects.get(
        kind="visit",
        records__record_id__in=ExternalRecord.objects.filter(
            scheme="history.state.gov/visits"
        ).values("record_id"),
        date__year=2012,
        participations__official__slug="enrique-pena-nieto",
    )
    assert visit.country.code == "US"


def test_doubtful_matches_are_listed_not_merged():
    assert MergeCandidate.objects.open().exists()
    doubt = MergeCandidate.objects.select_related("official", "candidate").first()
    assert doubt.official_id != doubt.candidate_id


def test_a_release_meeting_links_to_the_trip_it_took_place_during():
    meeting = Meeting.objects.get(slug=HIGH_LEVEL)
    assert meeting.part_of.records.get().record_id == "3914"


def test_an_edited_meeting_is_kept_and_a_changed_record_is_listed(tmp_path, settings):
    trip = Meeting.objects.get(
        records__record_id="3914", records__scheme="history.state.gov/travels"
    )
    trip.summary = "An editor's summary."
    trip.save()
    run_import()
    trip.refresh_from_db()
    assert trip.summary == "An editor's summary."
    assert not LoadConflict.objects.exists()  # the record did not change: nothing to review


def test_aliases_record_new_spellings():
    assert OfficialAlias.objects.filter(name="Enrico Pena Nieto").exists()


def changed_record_conflict():
    """Trip 3914's meeting edited, then its record changed: the import lists a conflict."""
    trip = Meeting.objects.get(
        records__record_id="3914", records__scheme="history.state.gov/travels"
    )
    trip.summary = "An editor's summary."
    trip.save()
    LoadedRecord.objects.filter(origin="history.state.gov", key="travels/3914").update(
        fingerprint="a record as it was before"
    )
    assert "1 conflicts" in run_import()
    return trip, LoadConflict.objects.get(key="travels/3914")


def test_a_record_changed_under_an_edited_meeting_is_listed_and_can_be_kept():
    trip, conflict = changed_record_conflict()
    assert conflict.current["fields"]["summary"] == "An editor's summary."
    assert conflict.incoming["fields"]["summary"].startswith("Discussed bilateral relations")
    keep_current(conflict, None)
    trip.refresh_from_db()
    assert trip.summary == "An editor's summary."
    assert "1 conflicts" not in run_import()  # kept: not listed again


def test_a_conflict_taken_rewrites_the_meeting_from_its_record():
    trip, conflict = changed_record_conflict()
    take_incoming(conflict, None)
    trip.refresh_from_db()
    assert trip.summary.startswith("Discussed bilateral relations")
    assert "7,159 meetings unchanged" in run_import()
