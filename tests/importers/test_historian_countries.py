"""Every country id of the records as a two-letter code, synonyms merged, odd cases decided."""

import datetime
import re

import pycountry
import pytest

from meetings.importers.historian import countries, records

D = datetime.date


@pytest.fixture(scope="module")
def record_countries():
    found = {(trip.country_id, trip.country_label, trip.start) for trip in records.read_trips()}
    found |= {(visit.from_id, visit.from_label, visit.start) for visit in records.read_visits()}
    return found


def test_every_country_of_every_record_has_a_two_letter_code_and_a_name(record_countries):
    for data_id, label, day in record_countries:
        country = countries.country(data_id, label, day)
        assert re.fullmatch(r"[A-Z][A-Z]", country.code), (data_id, label)
        assert country.name


def test_the_data_has_210_ids_and_they_make_203_countries(record_countries):
    assert len({data_id for data_id, _, _ in record_countries}) == 210
    codes = {countries.country_code(*key) for key in record_countries}
    assert len(codes) == 203


@pytest.mark.parametrize(
    "one, other",
    [
        ("czech-republic", "czechia"),
        ("turkey", "turkiye"),
        ("macedonia", "north-macedonia"),
        ("swaziland", "eswatini"),
        ("congo-kinshasa", "congo-democratic-republic"),
        ("somoa", "samoa"),
        ("korea", "korea-south"),
    ],
)
def test_synonyms_merge_into_one_code(one, other):
    assert countries.country_code(one) == countries.country_code(other)


@pytest.mark.parametrize(
    "data_id, label, day, code, name",
    [
        ("russia", "U.S.S.R.", D(1985, 11, 19), "SU", "Soviet Union"),
        ("russia", "U.S.S.R.", D(1992, 2, 16), "RU", "Russian Federation"),
        ("yugoslavia", "Yugoslavia", D(1955, 11, 6), "YU", "Yugoslavia"),
        ("czechoslovakia", "Czechoslovakia", D(1990, 2, 6), "CS", "Czechoslovakia"),
        ("german-democratic-republic", "German Democratic Republic", D(1989, 12, 12), "DD", None),
        ("netherlands-antilles", "Netherlands Antilles", D(1970, 2, 22), "AN", None),
        ("serbia", "Serbia and Montenegro", D(2003, 4, 2), "YU", "Yugoslavia"),
        ("serbia", "Serbia", D(2010, 10, 12), "RS", None),
    ],
)
def test_historic_codes(data_id, label, day, code, name):
    country = countries.country(data_id, label, day)
    assert country.code == code
    if name:
        assert country.name == name
    historic = {entry.alpha_2 for entry in pycountry.historic_countries}
    assert code in historic or pycountry.countries.get(alpha_2=code)


def test_the_republic_of_china_is_tw_whatever_its_id():
    assert countries.country_code("china", "China, Republic of", D(1945, 4, 26)) == "TW"
    assert countries.country_code("china", "China, People’s Republic of", D(1972, 2, 21)) == "CN"
    assert countries.country_code("taiwan", "Republic of China", D(1954, 9, 9)) == "TW"


def test_odd_cases():
    assert countries.country("hawaii", "Hawaii", D(1874, 12, 12)).code == "XH"
    assert countries.country("kosovo", "Serbia-Montenegro (Kosovo)", D(1999, 7, 29)).code == "XK"
    assert (
        countries.country_code("west-bank")
        == countries.country_code("palestinian-authority")
        == "PS"
    )
    assert countries.country_code("holy-see", "Vatican City") == "VA"
    assert countries.country_code("antarctica") == "AQ"


def test_every_table_row_is_used_by_the_data_and_explained(record_countries):
    data_ids = {data_id for data_id, _, _ in record_countries}
    labels = {(data_id, label) for data_id, label, _ in record_countries}
    for row in countries.table_rows():
        assert row.data_id in data_ids and row.note
        assert not row.label or (row.data_id, row.label) in labels
        assert re.fullmatch(r"[A-Z][A-Z]", row.code)


def test_user_assigned_and_historic_codes_are_named_by_the_table():
    for code in ("XK", "XH", "SU", "YU", "CS", "DD", "AN"):
        assert countries.country_name(code)
    with pytest.raises(LookupError):
        countries.country_name("QQ")
    with pytest.raises(LookupError):
        countries.country_code("atlantis")
