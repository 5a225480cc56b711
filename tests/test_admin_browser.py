"""
The admin's participant rows in Chromium: the position autocomplete offers the posts of the
row's official held at the meeting's date, with their dates, and follows the official when
it changes; a meeting entered this way saves with its rows' sources and sides left empty.
All under the site's Content-Security-Policy, with no violation.
"""

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting

from .test_security_browser import PASSWORD, in_browser, violations, visit  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIDEGARAY_FOREIGN = "Secretary of Foreign Affairs, Luis Videgaray Caso (2017-01-04 to 2018-11-30)"
POMPEO_STATE = "Secretary of State, Mike Pompeo (2018-04-26 to 2021-01-20)"
FOUR_AREAS = "Four Areas of Cooperation Between U.S., Mexico"


def sign_in(page, username="chief"):
    visit(page, "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def open_autocomplete(page, select_id):
    page.locator(f"#{select_id}").locator("xpath=..").locator(".select2-selection").click()
    return page.locator(".select2-container--open .select2-results__option")


def choose(page, select_id, term, label):
    options = open_autocomplete(page, select_id)
    page.locator(".select2-container--open .select2-search__field").fill(term)
    options.filter(has_text=label).first.click()


def offered_positions(page, row):
    options = open_autocomplete(page, f"id_participations-{row}-position")
    expect(options.first).not_to_have_text("Searching…")
    labels = options.all_inner_texts()
    page.keyboard.press("Escape")
    return labels


def test_the_position_choices_follow_the_rows_official_and_the_date(in_browser):  # noqa: F811
    in_browser(enter_a_readout)
    meeting = Meeting.objects.get(title="Pompeo and Videgaray in Washington")
    rows = {p.official.slug: p for p in meeting.participations.select_related("side", "source")}
    assert {slug: row.side.code for slug, row in rows.items()} == {
        "mike-pompeo": "US",
        "luis-videgaray": "MX",
    }
    assert {row.source.title for row in rows.values()} == {FOUR_AREAS}
    assert str(rows["luis-videgaray"].position) == VIDEGARAY_FOREIGN


def enter_a_readout(page):
    sign_in(page)
    visit(page, "/admin/meetings/meeting/add/")
    page.locator("#id_title").fill("Pompeo and Videgaray in Washington")
    page.locator("#id_date").fill("2018-05-01")
    page.locator("#id_date_precision").select_option("month")
    choose(page, "id_sources", "four areas", FOUR_AREAS)

    choose(page, "id_participations-0-official", "videgaray", "Luis Videgaray Caso")
    assert offered_positions(page, 0) == [VIDEGARAY_FOREIGN]
    choose(page, "id_participations-0-position", "", VIDEGARAY_FOREIGN)

    # Another official: the row's position is emptied, and their posts offered instead.
    choose(page, "id_participations-0-official", "pompeo", "Mike Pompeo")
    expect(page.locator("#id_participations-0-position")).to_have_value("")
    assert offered_positions(page, 0) == [POMPEO_STATE]
    choose(page, "id_participations-0-position", "", POMPEO_STATE)
    page.locator("#id_participations-0-passage").fill("U.S. Secretary of State Mike Pompeo")

    choose(page, "id_participations-1-official", "videgaray", "Luis Videgaray Caso")
    choose(page, "id_participations-1-position", "", VIDEGARAY_FOREIGN)
    page.locator("#id_participations-1-passage").fill("Foreign Secretary Luis Videgaray")
    assert violations(page) == []

    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    assert violations(page) == []
