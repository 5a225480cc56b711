"""The Office of the Historian's XML, read: every record, its text normalised, its page."""

import datetime
import time

import pytest

from meetings.importers.historian import records


@pytest.fixture(scope="module")
def trips():
    return records.read_trips()


@pytest.fixture(scope="module")
def visits():
    return records.read_visits()


def test_every_trip_and_visit_is_read(trips, visits):
    assert len(trips) == 4271
    assert sum(trip.role == "president" for trip in trips) == 832
    assert sum(trip.role == "secretary" for trip in trips) == 3439
    assert len(visits) == 3264
    assert len({trip.id for trip in trips}) == 4271
    assert len({visit.id for visit in visits}) == 3264


def test_reading_everything_takes_well_under_a_few_seconds():
    started = time.perf_counter()
    records.read_trips()
    records.read_visits()
    assert time.perf_counter() - started < 3


def test_a_trip_with_its_remarks_unwrapped(trips):
    trip = next(trip for trip in trips if trip.id == 3914)
    assert trip.role == "secretary" and trip.who == "tillerson-rex-w"
    assert trip.name == "Rex W. Tillerson"
    assert (trip.start, trip.end) == (datetime.date(2017, 2, 22), datetime.date(2017, 2, 23))
    assert (trip.country_id, trip.country_label, trip.locale) == ("mexico", "Mexico", "Mexico City")
    assert trip.remarks == (
        "Discussed bilateral relations with President Enrique Pena Nieto and Foreign Minister "
        "Luis Videgaray. Was joined by Secretary of Homeland Security John Kelly."
    )
    assert (
        trip.url == "https://history.state.gov/departmenthistory/travels/secretary/tillerson-rex-w"
    )


def test_no_text_keeps_the_xml_line_wrapping(trips, visits):
    texts = [trip.remarks for trip in trips] + [visit.description for visit in visits]
    texts += [trip.country_label for trip in trips] + [visit.visitor for visit in visits]
    assert not [text for text in texts if "  " in text or "\n" in text or text != text.strip()]


def test_a_visit_and_the_page_of_its_year(visits):
    visit = next(visit for visit in visits if visit.id == 2076)
    assert (visit.visitor, visit.from_id, visit.description) == (
        "King Juan Carlos I",
        "spain",
        "Working visit.",
    )
    assert visit.url == "https://history.state.gov/departmenthistory/visits/2010"


def test_an_emphasised_word_keeps_its_place_in_the_description(tmp_path):
    folder = tmp_path / "visits" / "data"
    folder.mkdir(parents=True)
    (folder / "1950.xml").write_text(
        "<visits><visit><id>1</id><start-date>1951-01-02</start-date>"
        "<end-date>1951-01-03</end-date><visitor>Prime Minister\n   Attlee</visitor>"
        '<from id="united-kingdom">United Kingdom</from>'
        "<description>Arrived on the <em>Queen Mary</em>;\n  met with President Truman."
        "</description><created-by>a</created-by>"
        "<created-datetime>2012-04-02T10:53:34.11-04:00</created-datetime>"
        "<last-modified-by/><last-modified-datetime/></visit></visits>",
        encoding="utf-8",
    )
    (visit,) = records.read_visits(tmp_path)
    assert visit.description == "Arrived on the Queen Mary; met with President Truman."
    assert visit.visitor == "Prime Minister Attlee"
    assert visit.modified == datetime.datetime.fromisoformat("2012-04-02T10:53:34.110-04:00")


def test_modified_falls_back_to_created_when_never_modified(trips, visits):
    assert all(record.modified is not None for record in [*trips, *visits])
    assert all(record.modified.tzinfo is not None for record in [*trips, *visits])


def test_the_presidents_terms(trips):
    terms = records.read_president_terms()
    assert len(terms) == 47
    assert [term.start.year for term in terms if term.who == "trump-donald-j"] == [2017, 2025]
    assert terms[-1].end is None  # in office
    cleveland = [term for term in terms if term.name == "Grover Cleveland"]
    assert len(cleveland) == 2
