"""Editors enter a release quickly, and the admin's lists stay O(1) in queries."""

import pytest
from django.urls import reverse

from meetings.models import Meeting, Official, Source

pytestmark = pytest.mark.django_db

# Session, user, the session's second factor, count, rows, plus each model's filters: fixed
# whatever the number of rows.
CHANGELIST_QUERIES = {
    "meeting": 11,  # with the "drafted by" filter: who drafted meetings
    "official": 7,
    "agency": 7,
    "position": 9,
    "topic": 6,
    "source": 8,
    "quote": 6,
    "city": 7,
    "country": 6,
}


@pytest.mark.parametrize(("model", "queries"), CHANGELIST_QUERIES.items())
def test_changelists_run_a_fixed_number_of_queries(
    admin_client_logged_in, django_assert_num_queries, model, queries
):
    url = reverse(f"admin:meetings_{model}_changelist")
    with django_assert_num_queries(queries):
        response = admin_client_logged_in.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("model", ["meeting", "official", "agency", "source", "topic"])
def test_change_pages_open(admin_client_logged_in, model):
    obj = {
        "meeting": Meeting.objects.first,
        "official": Official.objects.first,
        "source": Source.objects.first,
    }.get(model)
    if obj is None:
        from django.apps import apps

        obj = apps.get_model("meetings", model).objects.first
    response = admin_client_logged_in.get(
        reverse(f"admin:meetings_{model}_change", args=[obj().pk])
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("pena nieto", "Enrique Peña Nieto"),
        ("Miguel Osorio", "Miguel Ángel Osorio Chong"),
        ("alvarez", "Roberto Velasco Álvarez"),
    ],
)
def test_official_search_finds_aliases_without_accents(admin_client_logged_in, term, expected):
    response = admin_client_logged_in.get(
        reverse("admin:meetings_official_changelist"), {"q": term}
    )
    assert expected in response.content.decode()
    assert "Mike Pompeo" not in response.content.decode()


def test_meeting_search_by_participant_alias(admin_client_logged_in):
    response = admin_client_logged_in.get(
        reverse("admin:meetings_meeting_changelist"), {"q": "Miguel Osorio"}
    )
    content = response.content.decode()
    assert "Second Strategic High-level Dialogue" in content
    assert "Foreign Secretary Ebrard" not in content


def test_autocomplete_for_officials(admin_client_logged_in):
    response = admin_client_logged_in.get(
        reverse("admin:autocomplete"),
        {
            "term": "pena",
            "app_label": "meetings",
            "model_name": "participation",
            "field_name": "official",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Enrique Peña Nieto"]


def inline_management(prefix, total=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def new_meeting_form(**extra):
    source = Source.objects.get(slug="four-areas-of-cooperation-between-us-mexico")
    data = {
        "title": "A second meeting",
        "slug": "a-second-meeting",
        "kind": "bilateral",
        "status": "draft",
        "date": "2018-05-01",
        "date_precision": "month",
        "summary": "",
        "notes": "",
        "venue": "",
        "sources": [str(source.pk)],
    }
    for prefix in ["participations", "delegations", "mentions", "agreements", "quotes"]:
        data.update(inline_management(prefix))
    data.update(extra)
    return data, source


def test_an_editor_adds_a_meeting_with_a_participant_and_a_quote(admin_client_logged_in):
    data, source = new_meeting_form()
    pompeo = Official.objects.get(slug="mike-pompeo")
    data.update(inline_management("participations", 1))
    data.update(inline_management("quotes", 1))
    data.update(
        {
            "participations-0-official": str(pompeo.pk),
            "participations-0-side": str(pompeo.country_id),
            "participations-0-role": "head",
            "participations-0-position": str(pompeo.positions.get().pk),
            "participations-0-source": str(source.pk),
            "participations-0-passage": "U.S. Secretary of State Mike Pompeo",
            "participations-0-order": "1",
            "quotes-0-number": "1",
            "quotes-0-speaker": str(pompeo.pk),
            "quotes-0-text": "Our security is linked to one another’s",
            "quotes-0-source": str(source.pk),
        }
    )
    response = admin_client_logged_in.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get(slug="a-second-meeting")
    assert meeting.participations.get().official == pompeo
    assert meeting.quotes.get().speaker == pompeo


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"date": "2018-05-03"}, "first day of the month"),
        ({"date_end": "2018-04-01"}, "cannot be before the start date"),
    ],
)
def test_the_admin_rejects_impossible_dates(admin_client_logged_in, extra, message):
    data, _ = new_meeting_form(**extra)
    response = admin_client_logged_in.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.filter(slug="a-second-meeting").exists()


def test_the_admin_rejects_a_quote_not_in_the_source(admin_client_logged_in):
    data, source = new_meeting_form()
    pompeo = Official.objects.get(slug="mike-pompeo")
    data.update(inline_management("quotes", 1))
    data.update(
        {
            "quotes-0-number": "1",
            "quotes-0-speaker": str(pompeo.pk),
            "quotes-0-text": "Words nobody said",
            "quotes-0-source": str(source.pk),
        }
    )
    response = admin_client_logged_in.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 200
    assert "not, word for word, in the source" in response.content.decode()


def test_the_admin_rejects_the_same_participant_twice(admin_client_logged_in):
    data, source = new_meeting_form()
    pompeo = Official.objects.get(slug="mike-pompeo")
    data.update(inline_management("participations", 2))
    for index in range(2):
        data.update(
            {
                f"participations-{index}-official": str(pompeo.pk),
                f"participations-{index}-side": str(pompeo.country_id),
                f"participations-{index}-role": "member",
                f"participations-{index}-source": str(source.pk),
                f"participations-{index}-passage": "Mike Pompeo",
                f"participations-{index}-order": str(index),
            }
        )
    response = admin_client_logged_in.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 200
    assert "duplicate" in response.content.decode().lower()


def test_meeting_changelist_queries_do_not_grow_with_rows(
    admin_client_logged_in, django_assert_num_queries
):
    original = Meeting.objects.get(slug="2017-12-14-second-strategic-dialogue-on-tcos")
    for index in range(20):
        copy = Meeting.objects.get(pk=original.pk)
        copy.pk = None
        copy.slug = f"copy-{index}"
        copy.save()
        copy.topics.set(original.topics.all())
    with django_assert_num_queries(CHANGELIST_QUERIES["meeting"]):
        admin_client_logged_in.get(reverse("admin:meetings_meeting_changelist"))


def test_saving_a_meeting_adds_the_broader_topics(admin_client_logged_in):
    from meetings.models import Topic

    data, _ = new_meeting_form()
    data["topics"] = [str(Topic.objects.get(slug="fentanyl-and-synthetic-drugs").pk)]
    response = admin_client_logged_in.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 302
    slugs = set(Meeting.objects.get(slug="a-second-meeting").topics.values_list("slug", flat=True))
    assert slugs == {"fentanyl-and-synthetic-drugs", "drug-trafficking", "security"}
