"""Rules the database itself enforces, and the helpers the pages rely on."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from meetings.models import (
    Agency,
    Country,
    Meeting,
    Official,
    Participation,
    Position,
    Quote,
    Source,
    format_date,
    iso_date,
)
from meetings.text import normalize_name

pytestmark = pytest.mark.django_db


def make_meeting(**fields):
    values = {"title": "T", "slug": "t", "date": datetime.date(2020, 1, 1), "date_precision": "day"}
    values.update(fields)
    return Meeting.objects.create(**values)


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "summit-of-the-world"},
        {"status": "archived"},
        {"date_precision": "week"},
        {"date": datetime.date(2018, 5, 3), "date_precision": "month"},
        {"date": datetime.date(2018, 5, 1), "date_precision": "year"},
        {"date": datetime.date(2018, 5, 1), "date_precision": "unknown"},
        {"date": None, "date_precision": "day"},
        {"date": datetime.date(2018, 5, 3), "date_end": datetime.date(2018, 5, 2)},
    ],
)
def test_the_database_rejects_impossible_meetings(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(**fields)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"date": datetime.date(2018, 5, 3), "date_precision": "month"}, "date"),
        ({"date": datetime.date(2018, 5, 1), "date_precision": "year"}, "date"),
        ({"date": datetime.date(2018, 5, 1), "date_precision": "unknown"}, "date_precision"),
        ({"date": None, "date_precision": "day"}, "date"),
        ({"date_end": datetime.date(2019, 12, 31)}, "date_end"),
    ],
)
def test_clean_explains_impossible_dates(fields, field):
    values = {"title": "T", "slug": "t", "date": datetime.date(2020, 1, 1), "date_precision": "day"}
    values.update(fields)
    with pytest.raises(ValidationError) as error:
        Meeting(**values).clean()
    assert field in error.value.message_dict


def test_a_month_and_a_year_are_stored_as_their_first_day():
    make_meeting(slug="m", date=datetime.date(2018, 5, 1), date_precision="month")
    make_meeting(slug="y", date=datetime.date(2018, 1, 1), date_precision="year")
    make_meeting(slug="u", date=None, date_precision="unknown")
    assert Meeting.objects.get(slug="m").display_date == "May 2018"
    assert Meeting.objects.get(slug="y").iso_date == "2018"
    assert Meeting.objects.get(slug="u").iso_date is None


def test_date_helpers():
    day = datetime.date(2018, 5, 3)
    assert format_date(day, "day") == "3 May 2018"
    assert iso_date(datetime.date(2018, 5, 1), "month") == "2018-05"
    assert format_date(None, "unknown") == "Date unknown"
    meeting = Meeting(date=datetime.date(2018, 2, 1), date_precision="month")
    assert meeting.period == (datetime.date(2018, 2, 1), datetime.date(2018, 2, 28))


def test_a_person_takes_part_once_per_meeting():
    participation = Participation.objects.first()
    duplicate = Participation(
        meeting=participation.meeting,
        official=participation.official,
        side=participation.side,
        source=participation.source,
        passage=participation.passage,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_quote_has_exactly_one_speaker():
    quote = Quote.objects.filter(speaker__isnull=False).first()
    quote.speaker_agency = Agency.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        quote.save()


def test_a_quote_must_be_in_its_source():
    quote = Quote.objects.first()
    quote.text = quote.text + " (and something nobody said)"
    with pytest.raises(ValidationError) as error:
        quote.clean()
    assert "text" in error.value.message_dict


def test_a_passage_must_be_in_its_source():
    participation = Participation.objects.first()
    participation.passage = "Nobody wrote this."
    with pytest.raises(ValidationError) as error:
        participation.clean()
    assert "passage" in error.value.message_dict


def test_a_participant_position_must_be_held_then():
    participation = Participation.objects.get(
        meeting__slug="2017-02-23-high-level-meeting-mexico-city",
        official__slug="jose-antonio-meade",
    )
    participation.position = Position.objects.get(
        official__slug="jose-antonio-meade", agency__slug="sre"
    )
    with pytest.raises(ValidationError) as error:
        participation.clean()
    assert "position" in error.value.message_dict
    participation.position = Position.objects.get(
        official__slug="luis-videgaray", agency__slug="sre"
    )
    with pytest.raises(ValidationError):
        participation.clean()


def test_country_codes_are_alpha2():
    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(code="mx", name="Nowhere")


def test_position_end_cannot_precede_start():
    official = Official.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.create(
            official=official,
            agency=Agency.objects.first(),
            title="X",
            start=datetime.date(2020, 1, 2),
            end=datetime.date(2020, 1, 1),
        )


def test_on_date_boundaries():
    tillerson = Official.objects.get(slug="rex-tillerson").positions
    assert tillerson.on_date(datetime.date(2017, 2, 1)).exists()
    assert tillerson.on_date(datetime.date(2018, 3, 31)).exists()
    assert not tillerson.on_date(datetime.date(2017, 1, 31)).exists()
    assert not tillerson.on_date(datetime.date(2018, 4, 1)).exists()


@pytest.mark.parametrize(
    "spelling", ["Enrique Peña Nieto", "enrique pena nieto", "PEÑA NIETO", "  Pena   Nieto "]
)
def test_name_matching_ignores_accents_case_and_spacing(spelling):
    assert [o.slug for o in Official.objects.matching(spelling)] == ["enrique-pena-nieto"]


def test_name_matching_finds_nobody_for_nothing():
    assert not Official.objects.matching("").exists()
    assert not Official.objects.matching("Nobody In Particular").exists()


def test_normalize_name():
    assert normalize_name("  María  de   HAAS ") == "maria de haas"


def test_str_is_readable():
    assert str(Meeting.objects.get(slug="2018-05-pompeo-videgaray-washington")).endswith(
        "(May 2018)"
    )
    assert str(Source.objects.get(slug="secure-trade-and-travel-between-us-and-mexico")).startswith(
        "Secure"
    )
    beltran = Position.objects.get(official__slug="alberto-elias-beltran")
    # Two posts of one person are told apart by their dates (the admin lists them so).
    assert str(beltran) == "Acting Attorney General, Alberto Elías Beltrán (from 2017-10-16)"


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_kind_and_a_role_are_labelled_as_django_labels_them(language):
    # The models' own get_kind_display and get_role_display skip rebuilding the choices.
    with translation.override(language):
        for kind in Meeting.Kind.values:
            meeting = Meeting(kind=kind)
            field = Meeting._meta.get_field("kind")
            assert meeting.get_kind_display() == meeting._get_FIELD_display(field)
        for role in Participation.Role.values:
            participation = Participation(role=role)
            field = Participation._meta.get_field("role")
            assert participation.get_role_display() == participation._get_FIELD_display(field)
    with translation.override("es"):
        assert Meeting(kind="phone-call").get_kind_display() != "Telephone call"
