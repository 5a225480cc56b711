"""
From a pasted release to a published meeting, in Chromium: an editor pastes a release that is
not among the five (from the held-out test set), reviews the proposals (accepts a few, rejects
one), submits the draft for review; a reviewer publishes it; the public page shows its
participants, quote and topic. Under the site's Content-Security-Policy, with no violation.
Prints the time from paste to publish.
"""

import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from meetings.management.commands.create_editor_group import GROUP_NAME, REVIEWER_GROUP_NAME

from .test_admin_browser import sign_in
from .test_security_browser import PASSWORD, TOTP_KEY, in_browser, violations, visit  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RELEASE = Path(__file__).parent / "drafting" / "testset" / "02_hague-espinosa-carlton-gardens.txt"
QUOTE_START = "It was a great pleasure to host the Mexican Minister of Foreign Affairs"


def staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group))
    TOTPDevice.objects.create(user=user, name="authenticator", key=TOTP_KEY)


@pytest.fixture
def desk_and_reviewer(django_user_model):
    call_command("create_editor_group", verbosity=0)
    staff(django_user_model, "desk", GROUP_NAME)
    staff(django_user_model, "reviewer1", REVIEWER_GROUP_NAME)


def proposal(page, kind, text):
    return page.locator(f"li.proposal:has(span.proposed--{kind})", has_text=text).first


def decide(page, kind, text, decision):
    item = proposal(page, kind, text)
    item.get_by_role("button", name=decision).click()
    expect(proposal(page, kind, text).locator(".proposal-decision")).to_have_text(
        "Accepted" if decision == "Accept" else "Rejected"
    )


def test_an_editor_goes_from_a_pasted_release_to_a_published_meeting(in_browser, desk_and_reviewer):  # noqa: F811
    timings = {}
    in_browser(lambda page: paste_review_publish(page, timings))
    print(f"\nFrom paste to publish: {timings['seconds']:.1f} s")
    assert timings["seconds"] < 180  # "a few minutes", here far fewer


def paste_review_publish(page, timings):
    sign_in(page, "desk")
    visit(page, "/admin/meetings/meeting/")
    page.get_by_role("link", name="New meeting from a release").click()
    started = time.monotonic()
    page.locator("#id_text").fill(RELEASE.read_text(encoding="utf-8"))
    page.locator("#id_publisher").fill("Foreign & Commonwealth Office")
    page.locator("#id_published").fill("2011-06-30")
    page.get_by_role("button", name="Draft the meeting").click()
    expect(page.locator("#meeting-status")).to_have_text("Draft")
    expect(page.locator("mark.proposed--participant").first).to_be_visible()

    decide(page, "title", "Mexico", "Accept")
    decide(page, "date", "2011-06-30", "Accept")
    decide(page, "participant", "William Hague", "Accept")
    decide(page, "participant", "Patricia Espinosa", "Accept")
    decide(page, "participant", "Jeremy Browne", "Reject")
    decide(page, "quote", "William Hague", "Accept")
    decide(page, "topic", "trade", "Accept")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("#meeting-status")).to_have_text("In review")
    review = page.url
    assert violations(page) == []

    page.context.clear_cookies()
    sign_in(page, "reviewer1")
    page.goto(review)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("#meeting-status")).to_have_text("Published")
    page.get_by_role("link", name="View the published meeting").click()
    timings["seconds"] = time.monotonic() - started

    participants = page.locator("section[aria-labelledby=participants-heading]")
    expect(participants).to_contain_text("William Hague")
    expect(participants).to_contain_text("Patricia Espinosa")
    expect(page.locator("figure.quote")).to_contain_text(QUOTE_START)
    expect(page.locator("ul.tags")).to_contain_text("Trade")
    expect(page.locator("body")).not_to_contain_text("Jeremy Browne")
    expect(page.locator(".last-changed")).to_be_visible()
    assert violations(page) == []
