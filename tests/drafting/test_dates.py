"""The meeting's date at its true precision: never a day the text does not give."""

import datetime

import pytest

from meetings.drafting.dates import find_date, published_from_text

D = datetime.date


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "They met on December 14, 2017 in Washington.",
            None,
            (D(2017, 12, 14), None, "day", False),
        ),
        (
            "El canciller se reunió el 14 de diciembre de 2017 con el secretario.",
            None,
            (D(2017, 12, 14), None, "day", False),
        ),
        ("They met in Washington in early May 2018.", None, (D(2018, 5, 1), None, "month", False)),
        (
            "La reunión se realizó a mediados de mayo de 2019.",
            None,
            (D(2019, 5, 1), None, "month", False),
        ),
        (
            "They met on December 14-15, 2017 in Washington.",
            None,
            (D(2017, 12, 14), D(2017, 12, 15), "day", False),
        ),
        (
            "Los cancilleres se reunieron del 14 al 16 de marzo de 2023 en Washington.",
            None,
            (D(2023, 3, 14), D(2023, 3, 16), "day", False),
        ),
        (
            "The two met in Ottawa on March 30 – April 1, 2023.",
            None,
            (D(2023, 3, 30), D(2023, 4, 1), "day", False),
        ),
        (
            "The ministers met on Tuesday, May 3, 2022, at the State Department.",
            None,
            (D(2022, 5, 3), None, "day", False),
        ),
    ],
)
def test_explicit_dates(text, published, expected):
    fact = find_date(text, None, published)
    assert (fact.date, fact.date_end, fact.precision, fact.inferred) == expected
    assert text[fact.start : fact.end]


def test_a_date_without_a_year_and_no_publication_date_stays_unknown():
    fact = find_date(
        "U.S. Secretary Pompeo and Foreign Secretary Videgaray met in Washington in early May."
    )
    assert (fact.date, fact.precision) == (None, "unknown")
    assert "early May" in fact.note and fact.start is not None


def test_a_date_without_a_year_takes_the_publication_year_and_says_so():
    fact = find_date("They met on December 14.", "en", D(2018, 1, 10))
    assert (fact.date, fact.precision, fact.inferred) == (D(2017, 12, 14), "day", True)
    month = find_date("They met in Washington in early May.", "en", D(2018, 6, 2))
    assert (month.date, month.precision, month.inferred) == (D(2018, 5, 1), "month", True)


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        (
            "Secretary Blinken met today with Foreign Secretary Ebrard.",
            D(2022, 5, 3),
            D(2022, 5, 3),
        ),
        (
            "Secretary Blinken met Monday with President López Obrador.",
            D(2022, 9, 14),
            D(2022, 9, 12),
        ),
        ("The Secretary met yesterday with the Mexican delegation.", D(2020, 1, 5), D(2020, 1, 4)),
        ("El canciller sostuvo ayer una reunión con el embajador.", D(2020, 1, 5), D(2020, 1, 4)),
        (
            "El canciller se reunió este viernes con el secretario de Estado.",
            D(2022, 9, 12),
            D(2022, 9, 9),
        ),
        ("They held talks on Friday in Mexico City.", D(2018, 4, 13), D(2018, 4, 13)),
    ],
)
def test_relative_days_are_read_against_the_publication_date(text, published, day):
    fact = find_date(text, None, published)
    assert (fact.date, fact.precision, fact.inferred) == (day, "day", True)


def test_relative_days_without_a_publication_date_stay_unknown():
    assert (
        find_date("Secretary Blinken met today with Foreign Secretary Ebrard.").precision
        == "unknown"
    )


def test_dates_of_other_events_are_not_the_meeting_date():
    text = (
        "Monday, February 27, 2017\n\nWorking groups held a high-level meeting to follow up on "
        "matters agreed upon by the Presidents during their telephone conversation on January 27.\n\n"
        "The next meeting will be held in Washington on March 30, 2017."
    )
    assert find_date(text, "en", D(2017, 2, 27)).precision == "unknown"


def test_no_date_is_unknown():
    fact = find_date("Secretary Ebrard received a delegation of U.S. senators.")
    assert (fact.date, fact.precision, fact.start) == (None, "unknown", None)


def test_the_page_date_line_is_its_publication_date():
    text = "Secure Trade and Travel\n\nApr 13, 2018\n\nSecretary Nielsen recently met President Peña Nieto."
    assert published_from_text(text, "en").date == D(2018, 4, 13)
    assert find_date(text, "en", D(2018, 4, 13)).precision == "unknown"


def test_the_date_of_an_earlier_event_is_not_this_meeting_s():
    text = "Under Secretary Zeya led the U.S. delegation in a follow-on meeting of the October 2021 launch of the Dialogue."
    assert find_date(text).precision == "unknown"


@pytest.mark.parametrize(
    ("text", "language", "published", "expected"),
    [
        (
            "La cita se llevó a cabo en la ciudad de Santiago el último martes 10.",
            "es",
            D(2026, 3, 11),
            (D(2026, 3, 10), "day", True),
        ),
        (
            "El ministro ha hablado este viernes con el secretario de Estado.",
            "es",
            D(2026, 1, 9),
            (D(2026, 1, 9), "day", True),
        ),
        (
            "The MoU, which was signed in Juba on Monday, will focus on capacity building.",
            "en",
            D(2018, 3, 12),
            (D(2018, 3, 12), "day", True),
        ),
        ("The ministers met on 2023-11-15 in Lima.", "en", None, (D(2023, 11, 15), "day", False)),
        ("Los cancilleres se reunieron el 03/04/2023.", "es", None, (D(2023, 4, 3), "day", False)),
        ("The ministers met on 04/23/2023.", "en", None, (D(2023, 4, 23), "day", False)),
        ("The ministers met on 03/04/2023.", "en", None, (None, "unknown", False)),
        # A weekday and a day of the month that do not agree: no day is invented.
        ("La cita se llevó a cabo el martes 11.", "es", D(2026, 3, 12), (None, "unknown", False)),
    ],
)
def test_days_of_the_month_numeric_dates_and_past_clauses(text, language, published, expected):
    fact = find_date(text, language, published)
    assert (fact.date, fact.precision, fact.inferred) == expected


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Miércoles, 15 de noviembre 2023\n\nLa ministra recibió hoy a la viceministra.",
            D(2023, 11, 15),
        ),
        (
            "EAM Jaishankar met the delegation on Friday.\n\n"
            "Published on: Friday, November 12, 2021, 07:23 PM IST",
            D(2021, 11, 12),
        ),
    ],
)
def test_date_lines_with_a_weekday_or_a_label(text, day):
    assert published_from_text(text, None).date == day
