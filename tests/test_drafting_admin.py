"""
From a release to a published meeting in the admin: "New meeting from a release" stores the
source verbatim and a draft with one proposal per fact; the review page highlights each at its
passage; accepting writes the real rows with their passages, rejecting writes nothing; editors
submit for review and only reviewers publish.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from meetings.drafting.db import known_world
from meetings.management.commands.create_editor_group import GROUP_NAME, REVIEWER_GROUP_NAME
from meetings.models import Meeting, Official, Participation, Proposal, Quote, Source

from .admin_support import sign_in_with_second_factor

pytestmark = pytest.mark.django_db

TESTSET = Path(__file__).parent / "drafting" / "testset"
HAGUE = (TESTSET / "02_hague-espinosa-carlton-gardens.txt").read_text(encoding="utf-8")
TILLERSON = (TESTSET / "05_tillerson-videgaray-harvey.txt").read_text(encoding="utf-8")
PASSWORD = "a-long-pass-phrase"
# The session, the user, the session's second factor, the meeting, the user's and their
# groups' permissions (may they publish?), the proposals and their source.
REVIEW_QUERIES = 8


def member_of(client, django_user_model, group, username):
    call_command("create_editor_group", verbosity=0)
    user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group))
    return sign_in_with_second_factor(client, user)


@pytest.fixture
def editor(client, django_user_model):
    return member_of(client, django_user_model, GROUP_NAME, "desk")


@pytest.fixture
def reviewer(django_user_model):
    from django.test import Client

    return member_of(Client(), django_user_model, REVIEWER_GROUP_NAME, "chief-reviewer")


def paste(client, text, **extra):
    data = {"text": text, "publisher": "", "url": "", "title": "", "published": "", **extra}
    return client.post(reverse("admin:meetings_meeting_from_release"), data, secure=True)


def drafted(client, text=HAGUE, **extra):
    response = paste(client, text, **extra)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Meeting.objects.get(pk=re.search(r"/(\d+)/review/", response["Location"]).group(1))


def decide(client, proposal, decision):
    url = reverse("admin:meetings_meeting_decide", args=[proposal.pk])
    return client.post(url, {"decision": decision}, secure=True)


def proposal(meeting, kind, label=None):
    for found in meeting.proposals.filter(kind=kind):
        if label is None or found.label == label:
            return found
    raise AssertionError(f"no {kind} proposal {label!r}")


# ---------------------------------------------------------------- drafting


def test_the_links_are_on_the_changelist_and_the_index(editor):
    url = reverse("admin:meetings_meeting_from_release")
    for page in ("admin:meetings_meeting_changelist", "admin:index"):
        assert url in editor.get(reverse(page), secure=True).content.decode()


def test_a_pasted_release_becomes_a_source_and_a_draft_with_its_proposals(editor):
    meeting = drafted(editor, publisher="UK Foreign Office", url="https://www.gov.uk/x")
    source = meeting.sources.get()
    assert source.text == HAGUE  # verbatim
    assert (source.publisher, source.url) == ("UK Foreign Office", "https://www.gov.uk/x")
    assert meeting.status == Meeting.Status.DRAFT
    assert meeting.drafted_by.username == "desk"
    kinds = set(meeting.proposals.values_list("kind", flat=True))
    assert {"title", "date", "participant", "quote", "topic"} <= kinds
    for found in meeting.proposals.exclude(start=None):
        assert found.passage == source.text[found.start : found.end] and found.passage
    # Nothing is written but the proposals, and nothing is public.
    assert not meeting.participations.exists() and not meeting.quotes.exists()
    assert editor.get(meeting.get_absolute_url()).status_code == 404


def test_an_html_file_is_reduced_to_text(editor):
    html = b"<html><body><h1>Foreign Secretary meets Mexican Foreign Minister</h1>" + (
        b"<p>Foreign Secretary William Hague met Mexican Foreign Minister Patricia Espinosa "
        b"in London on 30 June 2011.</p></body></html>"
    )
    upload = SimpleUploadedFile("release.html", html, content_type="text/html")
    response = editor.post(
        reverse("admin:meetings_meeting_from_release"), {"file": upload}, secure=True
    )
    assert response.status_code == 302
    source = Source.objects.get(file_name="release.html")
    assert "<p>" not in source.text and "Patricia Espinosa" in source.text
    assert "\n\n" in source.text  # paragraphs kept


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Paste the release"),
        ({"file": SimpleUploadedFile("a.pdf", b"%PDF")}, "Upload a .txt or .html file"),
        ({"file": SimpleUploadedFile("a.txt", b"\xff\xfe\x00bad")}, "not UTF-8"),
        ({"text": "Some text", "published": "yesterday"}, "valid date"),
    ],
)
def test_bad_input_is_refused_with_a_message(editor, data, message):
    count = Meeting.objects.count()
    response = editor.post(reverse("admin:meetings_meeting_from_release"), data, secure=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Meeting.objects.count() == count


def test_the_known_world_is_read_in_a_fixed_number_of_queries(django_assert_num_queries):
    with django_assert_num_queries(5):
        known = known_world()
    assert any(official[0] == "luis-videgaray" for official in known.officials)
    Official.objects.create(name="Some One", sort_name="One, Some", country_id=1, slug="some-one")
    with django_assert_num_queries(5):
        known_world()


# ---------------------------------------------------------------- review


def test_the_review_page_highlights_every_proposal_at_its_passage(editor):
    meeting = drafted(editor)
    page = editor.get(reverse("admin:meetings_meeting_review", args=[meeting.pk]), secure=True)
    assert page.status_code == 200
    html = page.content.decode()
    for found in meeting.proposals.exclude(start=None):
        assert f'id="passage-{found.pk}"' in html and f'id="proposal-{found.pk}"' in html
    assert 'class="proposed proposed--participant' in html
    content = html[html.index('id="content-main"') :]
    assert "style=" not in content and "<script" not in content  # strict CSP


def test_accepting_writes_the_rows_with_their_passages(editor):
    meeting = drafted(editor)
    hague = proposal(meeting, "participant", "William Hague")
    assert decide(editor, hague, "accept").status_code == 302
    row = Participation.objects.get(meeting=meeting, official__name="William Hague")
    assert row.side.code == "GB" and row.passage == hague.passage
    assert row.source == meeting.sources.get()
    quote = proposal(meeting, "quote")
    decide(editor, quote, "accept")
    written = Quote.objects.get(meeting=meeting)
    assert written.speaker == row.official and written.text in HAGUE
    decide(editor, proposal(meeting, "date"), "accept")
    decide(editor, proposal(meeting, "topic", "trade"), "accept")
    meeting.refresh_from_db()
    assert (str(meeting.date), meeting.date_precision) == ("2011-06-30", "day")
    assert list(meeting.topics.values_list("slug", flat=True)) == ["trade"]
    accepted = meeting.proposals.filter(decision=Proposal.Decision.ACCEPTED)
    assert accepted.count() == 4 and {p.decided_by.username for p in accepted} == {"desk"}


def test_a_known_official_is_matched_not_added(editor):
    meeting = drafted(editor, TILLERSON)
    count = Official.objects.count()
    for found in meeting.proposals.filter(kind="participant"):
        decide(editor, found, "accept")
    names = set(meeting.participations.values_list("official__slug", flat=True))
    assert {"rex-tillerson", "luis-videgaray"} <= names
    assert Official.objects.count() == count


def test_a_quote_whose_speaker_is_unknown_says_so_and_writes_nothing(editor):
    meeting = drafted(editor)
    response = decide(editor, proposal(meeting, "quote"), "accept")
    page = editor.get(response["Location"], secure=True).content.decode()
    assert "accept the speaker as a participant first" in page
    assert not meeting.quotes.exists()
    assert proposal(meeting, "quote").decision == Proposal.Decision.PENDING


def test_rejecting_writes_nothing(editor):
    meeting = drafted(editor)
    found = proposal(meeting, "participant", "William Hague")
    decide(editor, found, "reject")
    found.refresh_from_db()
    assert found.decision == Proposal.Decision.REJECTED
    assert not meeting.participations.exists()
    assert not Official.objects.filter(name="William Hague").exists()


def test_an_edited_proposal_is_accepted_as_edited(editor):
    meeting = drafted(editor)
    found = proposal(meeting, "participant", "Jeremy Browne")
    url = reverse("admin:meetings_meeting_edit", args=[found.pk])
    assert editor.get(url, secure=True).status_code == 200
    data = {"name": "Jeremy Browne", "country": "GB", "title": "Minister", "role": "member"}
    assert editor.post(url, data, secure=True).status_code == 302
    row = meeting.participations.get()
    assert (row.official.name, row.side.code, row.role) == ("Jeremy Browne", "GB", "member")


def test_an_edit_that_cannot_be_accepted_shows_why(editor):
    meeting = drafted(editor)
    found = proposal(meeting, "participant", "Jeremy Browne")
    url = reverse("admin:meetings_meeting_edit", args=[found.pk])
    data = {"name": "Jeremy Browne", "country": "ZZ", "role": "member"}
    response = editor.post(url, data, secure=True)
    assert response.status_code == 200 and "not a country code" in response.content.decode()
    assert not meeting.participations.exists()


def test_decisions_are_posted_only(editor):
    meeting = drafted(editor)
    url = reverse("admin:meetings_meeting_decide", args=[proposal(meeting, "title").pk])
    assert editor.get(url, secure=True).status_code == 405
    missing = reverse("admin:meetings_meeting_decide", args=[999999])
    assert editor.post(missing, {"decision": "accept"}, secure=True).status_code == 404


# ---------------------------------------------------------------- roles


def test_editors_submit_for_review_and_reviewers_publish(editor, reviewer):
    meeting = drafted(editor)
    publish = reverse("admin:meetings_meeting_publish", args=[meeting.pk])
    submit = reverse("admin:meetings_meeting_submit", args=[meeting.pk])
    assert reviewer.post(publish, secure=True).status_code == 302  # a draft: not yet
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT
    assert editor.post(submit, secure=True).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.IN_REVIEW
    assert editor.post(publish, secure=True).status_code == 403
    assert reviewer.post(publish, secure=True).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED


def test_the_reviewer_group_alone_may_publish():
    call_command("create_editor_group", verbosity=0)
    editors = Group.objects.get(name=GROUP_NAME).permissions.values_list("codename", flat=True)
    reviewers = Group.objects.get(name=REVIEWER_GROUP_NAME).permissions
    assert "publish_meeting" not in editors
    assert set(reviewers.values_list("codename", flat=True)) == {*editors, "publish_meeting"}


def test_an_editor_cannot_publish_from_the_meeting_form_nor_the_list(editor):
    meeting = drafted(editor)
    changelist = editor.get(reverse("admin:meetings_meeting_changelist"), secure=True)
    assert 'value="publish"' not in changelist.content.decode()
    from .admin_support import change_form_data

    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = change_form_data(editor.get(url, secure=True))
    data["status"] = "published"
    response = editor.post(url, data, secure=True)
    assert response.status_code == 200 and "Only reviewers publish" in response.content.decode()


def test_the_changelist_shows_who_drafted_what_awaits_review(editor):
    meeting = drafted(editor)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.IN_REVIEW)
    url = reverse("admin:meetings_meeting_changelist")
    awaiting = editor.get(f"{url}?status__exact=review", secure=True)
    assert list(awaiting.context["cl"].result_list) == [meeting]  # the published await nothing
    assert re.search(r"field-drafted_by[^>]*>desk<", awaiting.content.decode())
    by_desk = editor.get(f"{url}?drafted_by__id__exact={meeting.drafted_by_id}", secure=True)
    assert by_desk.context["cl"].result_count == 1


def test_the_drafting_pages_have_nothing_the_policy_would_block(editor):
    from .test_security import inline_code

    meeting = drafted(editor)
    found = proposal(meeting, "participant", "William Hague")
    for url in (
        reverse("admin:meetings_meeting_from_release"),
        reverse("admin:meetings_meeting_review", args=[meeting.pk]),
        reverse("admin:meetings_meeting_edit", args=[found.pk]),
    ):
        response = editor.get(url, secure=True)
        assert response.status_code == 200
        assert inline_code(response.content.decode()) == []


def test_the_review_page_runs_a_fixed_number_of_queries(editor, django_assert_num_queries):
    small = drafted(editor, HAGUE)
    large = drafted(editor, TILLERSON + "\n\n" + HAGUE)
    assert large.proposals.count() > small.proposals.count()
    for meeting in (small, large):
        url = reverse("admin:meetings_meeting_review", args=[meeting.pk])
        with django_assert_num_queries(REVIEW_QUERIES):
            assert editor.get(url, secure=True).status_code == 200


def test_a_drafted_meetings_page_links_to_its_review(editor):
    meeting = drafted(editor)
    page = editor.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]), secure=True)
    assert reverse("admin:meetings_meeting_review", args=[meeting.pk]) in page.content.decode()


def test_a_meeting_entered_by_hand_has_a_review_page_without_proposals(editor):
    meeting = Meeting.objects.get(slug="2018-05-pompeo-videgaray-washington")
    page = editor.get(reverse("admin:meetings_meeting_review", args=[meeting.pk]), secure=True)
    assert page.status_code == 200 and "The reader proposed nothing." in page.content.decode()
    assert (
        editor.get(reverse("admin:meetings_meeting_review", args=[999999]), secure=True).status_code
        == 404
    )


def test_staff_who_may_only_view_cannot_decide(editor, django_user_model):
    from django.contrib.auth.models import Permission
    from django.test import Client

    meeting = drafted(editor)
    viewer = django_user_model.objects.create_user("viewer", "v@example.org", PASSWORD)
    viewer.is_staff = True
    viewer.save()
    viewer.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client = sign_in_with_second_factor(Client(), viewer)
    review = reverse("admin:meetings_meeting_review", args=[meeting.pk])
    assert client.get(review, secure=True).status_code == 200
    assert decide(client, proposal(meeting, "title"), "accept").status_code == 403
    submit = reverse("admin:meetings_meeting_submit", args=[meeting.pk])
    assert client.post(submit, secure=True).status_code == 403
    assert proposal(meeting, "title").decision == Proposal.Decision.PENDING


def test_a_draft_is_previewed_by_staff_before_it_is_published(editor):
    meeting = drafted(editor)
    decide(editor, proposal(meeting, "participant", "William Hague"), "accept")
    preview = editor.get(reverse("meeting-preview", args=[meeting.slug]), secure=True)
    assert preview.status_code == 200 and "William Hague" in preview.content.decode()


def test_an_edit_offers_the_choices_and_refuses_others(editor):
    meeting = drafted(editor)
    found = proposal(meeting, "participant", "Jeremy Browne")
    url = reverse("admin:meetings_meeting_edit", args=[found.pk])
    assert '<option value="host"' in editor.get(url, secure=True).content.decode()
    data = {"name": "Jeremy Browne", "country": "GB", "title": "", "role": "boss"}
    response = editor.post(url, data, secure=True)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not meeting.participations.exists()
