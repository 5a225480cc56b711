"""
Entering a release in the admin: a meeting's rows are checked against the meeting in hand on
its first save, against each other across inlines, and filled in where the meeting already
says (the source, the side); a participant's position autocomplete offers the row's
official's posts at the meeting's date, with their dates.
"""

import pytest
from django.urls import reverse

from meetings.models import Country, Meeting, Official, Position, Source

from .admin_support import change_form_data, errors_of
from .test_admin import inline_management, new_meeting_form

pytestmark = pytest.mark.django_db

FOUR_AREAS = "four-areas-of-cooperation-between-us-mexico"
ADD = "admin:meetings_meeting_add"


def official(slug):
    return Official.objects.get(slug=slug)


def post_held(slug, title):
    return Position.objects.get(official__slug=slug, title=title)


def with_rows(data, prefix, rows):
    """The form data with `rows` (dicts of field → value) as the inline `prefix`'s rows."""
    data.update(inline_management(prefix, len(rows)))
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": str(value) for name, value in row.items()})
    return data


def participant(slug, passage, **fields):
    person = official(slug)
    return {
        "official": person.pk,
        "role": "head",
        "order": 0,
        "passage": passage,
        **fields,
    }


def videgaray(**fields):
    return participant("luis-videgaray", "Foreign Secretary Luis Videgaray", **fields)


def pompeo(**fields):
    return participant("mike-pompeo", "U.S. Secretary of State Mike Pompeo", **fields)


# ---------------------------------------------------------------- checks on the first save


def test_a_post_not_held_at_the_meeting_date_is_refused_when_the_meeting_is_added(
    admin_client_logged_in,
):
    data, source = new_meeting_form()
    finance = post_held("luis-videgaray", "Secretary of Finance and Public Credit")
    with_rows(data, "participations", [videgaray(position=finance.pk, source=source.pk)])
    response = admin_client_logged_in.post(reverse(ADD), data)
    assert response.status_code == 200
    assert "was not held at the meeting's date (May 2018)" in errors_of(response)
    assert not Meeting.objects.filter(slug="a-second-meeting").exists()

    foreign = post_held("luis-videgaray", "Secretary of Foreign Affairs")
    with_rows(data, "participations", [videgaray(position=foreign.pk, source=source.pk)])
    assert admin_client_logged_in.post(reverse(ADD), data).status_code == 302


def test_a_side_other_than_the_officials_country_needs_acting_for_another_party(
    admin_client_logged_in,
):
    data, source = new_meeting_form()
    us = Country.objects.get(code="US")
    with_rows(data, "participations", [videgaray(side=us.pk, source=source.pk)])
    response = admin_client_logged_in.post(reverse(ADD), data)
    assert response.status_code == 200
    assert "Luis Videgaray Caso is an official of Mexico" in errors_of(response)
    assert "acting for another party" in response.content.decode()  # the field is shown

    with_rows(data, "participations", [videgaray(side=us.pk, source=source.pk)])
    data["participations-0-for_other_party"] = "on"
    assert admin_client_logged_in.post(reverse(ADD), data).status_code == 302
    row = Meeting.objects.get(slug="a-second-meeting").participations.get()
    assert row.side == us and row.for_other_party


def test_one_person_cannot_be_participant_and_mention_in_one_submission(admin_client_logged_in):
    data, source = new_meeting_form()
    with_rows(data, "participations", [videgaray(source=source.pk)])
    mention = {"official": official("luis-videgaray").pk, "passage": "Luis Videgaray"}
    with_rows(data, "mentions", [mention])
    response = admin_client_logged_in.post(reverse(ADD), data)
    assert response.status_code == 200
    assert "took part in this meeting: a participant is not also a mention" in errors_of(response)
    assert not Meeting.objects.filter(slug="a-second-meeting").exists()

    data["mentions-0-DELETE"] = "on"  # removing the mention's row clears it
    assert admin_client_logged_in.post(reverse(ADD), data).status_code == 302


def test_the_cross_check_also_holds_when_a_saved_meeting_is_changed(admin_client_logged_in):
    meeting = Meeting.objects.get(slug="2018-05-pompeo-videgaray-washington")
    response = admin_client_logged_in.get(
        reverse("admin:meetings_meeting_change", args=[meeting.pk])
    )
    data = change_form_data(response)
    total = int(data["mentions-TOTAL_FORMS"])
    data.update(
        {
            "mentions-TOTAL_FORMS": str(total + 1),
            f"mentions-{total}-official": str(official("mike-pompeo").pk),
            f"mentions-{total}-passage": "Mike Pompeo",
        }
    )
    response = admin_client_logged_in.post(
        reverse("admin:meetings_meeting_change", args=[meeting.pk]), data
    )
    assert response.status_code == 200
    assert "a participant is not also a mention" in errors_of(response)


# ---------------------------------------------------------------- what need not be entered


def test_rows_without_a_source_get_the_meetings_first_chosen_source(admin_client_logged_in):
    data, four_areas = new_meeting_form()
    # Chosen second, though the sources' own order would put it first, or the other way.
    other = Source.objects.exclude(pk=four_areas.pk).first()
    data["sources"] = [str(four_areas.pk), str(other.pk)]
    with_rows(data, "participations", [pompeo(), videgaray()])
    quote = {
        "number": 1,
        "speaker": official("mike-pompeo").pk,
        "text": "Our security is linked to one another’s",
    }
    with_rows(data, "quotes", [quote])
    response = admin_client_logged_in.post(reverse(ADD), data)
    assert response.status_code == 302, errors_of(response)
    meeting = Meeting.objects.get(slug="a-second-meeting")
    assert {row.source for row in meeting.participations.all()} == {four_areas}
    assert meeting.quotes.get().source == four_areas

    data["sources"] = [str(other.pk), str(four_areas.pk)]
    data["slug"] = "a-third-meeting"
    response = admin_client_logged_in.post(reverse(ADD), data)
    assert response.status_code == 200  # the passages are not in the other release
    assert "This passage is not in the source's text" in errors_of(response)


def test_a_row_without_a_source_on_a_meeting_without_one_is_refused(admin_client_logged_in):
    data, _ = new_meeting_form()
    del data["sources"]
    with_rows(data, "participations", [pompeo()])
    response = admin_client_logged_in.post(reverse(ADD), data)
    assert response.status_code == 200
    assert "Choose a source, or choose the meeting's sources." in errors_of(response)


def test_the_side_defaults_to_the_officials_country(admin_client_logged_in):
    data, _ = new_meeting_form()
    with_rows(data, "participations", [pompeo(), videgaray()])
    response = admin_client_logged_in.post(reverse(ADD), data)
    assert response.status_code == 302, errors_of(response)
    sides = {
        row.official.slug: row.side.code
        for row in Meeting.objects.get(slug="a-second-meeting").participations.all()
    }
    assert sides == {"mike-pompeo": "US", "luis-videgaray": "MX"}


def test_the_add_page_offers_two_participant_rows_and_a_quote(admin_client_logged_in):
    response = admin_client_logged_in.get(reverse(ADD))
    page = response.content.decode()
    assert 'name="participations-TOTAL_FORMS" value="2"' in page
    assert 'name="quotes-TOTAL_FORMS" value="1"' in page
    assert "js/position_autocomplete.js" in page
    assert "Leave empty for the meeting&#x27;s first source." in page


# ---------------------------------------------------------------- the position autocomplete


def position_choices(client, **params):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "",
            "app_label": "meetings",
            "model_name": "participation",
            "field_name": "position",
            **params,
        },
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_the_position_autocomplete_follows_the_rows_official_and_the_date(
    admin_client_logged_in,
):
    person = official("luis-videgaray")
    assert position_choices(admin_client_logged_in, official=person.pk) == [
        "Secretary of Finance and Public Credit, Luis Videgaray Caso (2012-12-01 to 2016-09-07)",
        "Secretary of Foreign Affairs, Luis Videgaray Caso (2017-01-04 to 2018-11-30)",
    ]
    in_may_2018 = {"date": "2018-05-01", "date_precision": "month"}
    assert position_choices(admin_client_logged_in, official=person.pk, **in_may_2018) == [
        "Secretary of Foreign Affairs, Luis Videgaray Caso (2017-01-04 to 2018-11-30)",
    ]
    # No official chosen yet: everyone's posts held then. Tillerson had left on 31 March.
    anyone = position_choices(admin_client_logged_in, **in_may_2018)
    assert "Secretary of State, Mike Pompeo (2018-04-26 to 2021-01-20)" in anyone
    assert not [label for label in anyone if "Tillerson" in label]
    # A meeting spanning days: the posts held on any of them.
    spanning = {"date": "2018-03-30", "date_end": "2018-04-27", "date_precision": "day"}
    both = position_choices(admin_client_logged_in, term="secretary of state", **spanning)
    assert [label.split(",")[1].split("(")[0].strip() for label in both] == [
        "Mike Pompeo",
        "Rex Tillerson",
    ]


def test_unreadable_narrowing_is_ignored_and_other_autocompletes_are_not_narrowed(
    admin_client_logged_in,
):
    person = official("luis-videgaray")
    labels = position_choices(admin_client_logged_in, official=person.pk, date="soon")
    assert len(labels) == 2  # the official still narrows; a date that is no date does not
    response = admin_client_logged_in.get(
        reverse("admin:meetings_position_changelist"), {"official": "999999"}
    )
    assert response.status_code in (200, 302)  # the list's own filters, untouched


def test_a_source_added_without_a_slug_gets_one_from_its_title(admin_client_logged_in):
    data = {"title": "Joint Statement on Security", "language": "en", "text": "The text."}
    response = admin_client_logged_in.post(reverse("admin:meetings_source_add"), data)
    assert response.status_code == 302
    assert Source.objects.get(title="Joint Statement on Security").slug == (
        "joint-statement-on-security"
    )
