"""The post a traveller held on a date, from presidents.xml and the Secretaries' table."""

import datetime

from meetings.importers.historian import positions, records

D = datetime.date


def test_a_secretary_on_a_date_within_the_term():
    term = positions.position_on("secretary", "tillerson-rex-w", D(2017, 2, 22))
    assert term.title == "Secretary of State"
    assert (term.name, term.start, term.end) == ("Rex W. Tillerson", D(2017, 2, 1), D(2018, 3, 31))
    assert "HistoryAtState/pocom" in term.source


def test_a_president_on_a_date_and_the_second_term_of_a_returning_president():
    assert positions.position_on("president", "obama-barack", D(2013, 3, 20)).title == (
        "President of the United States"
    )
    assert positions.position_on("president", "trump-donald-j", D(2025, 5, 13)).start == D(
        2025, 1, 20
    )
    assert positions.position_on("president", "trump-donald-j", D(2022, 1, 1)) is None


def test_a_date_outside_every_term_is_none_not_a_guess():
    assert positions.position_on("secretary", "tillerson-rex-w", D(2017, 1, 25)) is None
    assert positions.position_on("secretary", "nobody-at-all", D(2017, 3, 1)) is None


def test_the_serving_president():
    assert positions.serving_president(D(1990, 2, 15)).who == "bush-george-h-w"
    assert positions.serving_president(D(2021, 1, 20)).who == "biden-joseph-r"  # the incoming one


def test_the_secretaries_table_covers_every_secretary_who_travelled():
    travellers = {trip.who for trip in records.read_trips() if trip.role == "secretary"}
    assert travellers <= {term.who for term in positions.secretary_terms()}
    terms = positions.secretary_terms()
    assert all(term.end is None or term.start <= term.end for term in terms)
    assert terms[-1].who == "rubio-marco" and terms[-1].end is None


def test_trips_outside_the_terms_are_the_presidents_elect_trips():
    outside = positions.trips_outside_terms(records.read_trips())
    assert len(outside) == 17
    assert all(trip.role == "president" for trip in outside)
    assert all("[Visit made as President-elect.]" in trip.remarks for trip in outside)
