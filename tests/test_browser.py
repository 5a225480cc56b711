"""
The public site in a real browser: Debian's Chromium driven by Playwright against the live
server. Facets, chips, pagination, links between pages, search, the keyboard, axe-core on
every kind of page, phones and print, and the Spanish pages with the language switcher.

Skipped when Chromium is missing, except in CI (CI set), where that is an error.
Set SCREENSHOT_DIR to a folder outside the checkout to also save full-page screenshots.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect, sync_playwright

from meetings.models import Meeting

from .browser_support import (
    ALL,
    BLOCKING_IMPACTS,
    CHROMIUM,
    DESKTOP,
    DIALOGUE,
    EBRARD,
    HIGH_LEVEL,
    LAUNCH_ARGS,
    NIELSEN,
    PAGE_TYPES,
    PHONE,
    POMPEO,
    axe_violations,
    describe_violations,
    facet,
    facet_items,
    listed_slugs,
    query,
    result_count,
)
from .conftest import FIXTURES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM}"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: CI must run the browser tests.", pytrace=False)
        pytest.skip(message)
    # Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
    # here (loading fixtures, flushing) are not run concurrently with it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site_data(transactional_db):
    """The live server's database is flushed after each test: load the five releases anew."""
    call_command("loaddata", *FIXTURES, verbosity=0)


@pytest.fixture
def context(browser, live_server, site_data):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


def visit(page, path, status=200):
    response = page.goto(path)
    assert response.status == status, f"{path} answered {response.status}"
    return response


def published_slugs(**lookups):
    return set(
        Meeting.objects.published().filter(**lookups).distinct().values_list("slug", flat=True)
    )


def copy_meeting(slug, copies):
    """Published copies of a fixture meeting, with its topics and sources, under new slugs."""
    original = Meeting.objects.get(slug=slug)
    topics, sources = list(original.topics.all()), list(original.sources.all())
    made = []
    for number in range(1, copies + 1):
        copy = Meeting.objects.get(pk=original.pk)
        copy.pk = None
        copy._state.adding = True
        copy.slug = f"{slug}-copy-{number:02}"
        copy.title = f"{original.title} (copy {number:02})"
        copy.status = Meeting.Status.PUBLISHED
        copy.save()
        copy.topics.set(topics)
        copy.sources.set(sources)
        made.append(copy.slug)
    return made


# ---------------------------------------------------------------- facets and chips


def test_every_topic_and_official_facet_count_is_the_number_of_meetings_it_lists(page):
    visit(page, "/meetings/")
    assert result_count(page) == 5
    assert set(listed_slugs(page)) == ALL
    for title, key, lookup in (
        ("Topic", "topic", "topics__slug"),
        ("Official", "official", "participations__official__slug"),
    ):
        items = facet_items(page, title)
        assert items, title
        for label, count, href, active in items:
            assert not active
            (value,) = [v for k, v in query(href) if k == key]
            expected = published_slugs(**{lookup: value})
            facet(page, title).get_by_role("link", name=label, exact=True).click()
            page.wait_for_url(f"**/meetings/{href}")
            assert result_count(page) == count == len(expected), (title, label)
            assert set(listed_slugs(page)) == expected, (title, label)
            # The chosen value is marked in its facet, with the same count.
            chosen = [item for item in facet_items(page, title) if item[0] == label]
            assert chosen and chosen[0][1] == count and chosen[0][3], (title, label)
            page.go_back()
            assert result_count(page) == 5


def test_topic_facet_includes_and_excludes_then_unselects(page):
    visit(page, "/meetings/")
    facet(page, "Topic").get_by_role("link", name="Agriculture", exact=True).click()
    expect(page.locator("#results-heading")).to_have_text("2 meetings")
    assert query(page.url) == [("topic", "agriculture")]
    assert set(listed_slugs(page)) == {EBRARD, NIELSEN}
    for slug in ALL - {EBRARD, NIELSEN}:
        expect(page.locator(f'.meeting-list a[href="/meetings/{slug}/"]')).to_have_count(0)
    # A second topic widens the list: meetings on any of them.
    facet(page, "Topic").get_by_role("link", name="Arms trafficking", exact=True).click()
    expect(page.locator("#results-heading")).to_have_text("4 meetings")
    assert set(listed_slugs(page)) == {EBRARD, NIELSEN, POMPEO, HIGH_LEVEL}
    # The active value links back to the list without it.
    active = facet(page, "Topic").locator("a.active")
    expect(active).to_have_count(2)
    facet(page, "Topic").get_by_role("link", name="Remove filter: Agriculture").click()
    expect(page.locator("#results-heading")).to_have_text("3 meetings")
    assert query(page.url) == [("topic", "arms-trafficking")]
    assert set(listed_slugs(page)) == {EBRARD, POMPEO, HIGH_LEVEL}


def test_official_facet_narrows_to_meetings_where_all_chosen_officials_took_part(page):
    visit(page, "/meetings/")
    officials = facet(page, "Official")
    officials.get_by_role("link", name="Luis Videgaray Caso", exact=True).click()
    expect(page.locator("#results-heading")).to_have_text("4 meetings")
    assert set(listed_slugs(page)) == {POMPEO, NIELSEN, HIGH_LEVEL, DIALOGUE}
    assert EBRARD not in listed_slugs(page)
    # The facet now counts only among his meetings; adding Tillerson narrows further.
    items = {label: count for label, count, _, _ in facet_items(page, "Official")}
    assert items["Rex Tillerson"] == 2
    assert "Marcelo Ebrard" not in items
    officials.get_by_role("link", name="Rex Tillerson", exact=True).click()
    expect(page.locator("#results-heading")).to_have_text("2 meetings")
    assert set(listed_slugs(page)) == {HIGH_LEVEL, DIALOGUE}
    assert query(page.url) == [("official", "luis-videgaray"), ("official", "rex-tillerson")]


def test_country_kind_and_year_facets_replace_their_value(page):
    visit(page, "/meetings/")
    facet(page, "Country").get_by_role("link", name="Mexico", exact=True).click()
    expect(page.locator("#results-heading")).to_have_text("3 meetings")
    assert set(listed_slugs(page)) == published_slugs(country__code="MX")
    facet(page, "Year").get_by_role("link", name="2017", exact=True).click()
    expect(page.locator("#results-heading")).to_have_text("1 meeting")
    assert listed_slugs(page) == [HIGH_LEVEL]
    assert query(page.url) == [("country", "MX"), ("date_after", "2017"), ("date_before", "2017")]


def test_chips_show_each_filter_and_remove_only_their_own(page):
    visit(
        page,
        "/meetings/?topic=security&official=luis-videgaray&kind=high-level-dialogue&date_after=2017",
    )
    assert result_count(page) == 2
    chips = page.locator(".chips a.chip")
    expect(chips).to_have_count(4)
    expected_params = {
        ("topic", "security"),
        ("official", "luis-videgaray"),
        ("kind", "high-level-dialogue"),
        ("date_after", "2017"),
    }
    for label, removed, count in (
        ("Kind: High-level dialogue", ("kind", "high-level-dialogue"), 4),
        ("Official: Luis Videgaray Caso", ("official", "luis-videgaray"), 4),
        ("From: 2017", ("date_after", "2017"), 5),
        ("Topic: Security", ("topic", "security"), 5),
    ):
        chip = page.locator(".chips a.chip", has_text=label)
        expect(chip).to_have_count(1)
        # Its accessible name says what activating it does.
        expect(chip).to_have_accessible_name(f"{label} (remove this filter)")
        chip.click()
        expected_params.discard(removed)
        page.wait_for_load_state()
        assert set(query(page.url)) == expected_params, label
        assert result_count(page) == count, label
    expect(page.locator(".chips")).to_have_count(0)
    assert set(listed_slugs(page)) == ALL


# ---------------------------------------------------------------- pagination


def test_pagination_keeps_every_filter_and_facets_drop_the_page(page):
    copies = copy_meeting(POMPEO, 24)  # 25 bilateral NAFTA meetings in all
    visit(page, "/meetings/?topic=nafta&kind=bilateral&sort=title")
    expect(page.locator("#results-heading")).to_have_text("25 meetings, page 1 of 2")
    first = listed_slugs(page)
    assert len(first) == 20
    pagination = page.get_by_role("navigation", name="Pagination")
    expect(pagination.locator('[aria-current="page"]')).to_have_text("Page 1")
    pagination.get_by_role("link", name="Next page").click()
    expect(page.locator("#results-heading")).to_have_text("25 meetings, page 2 of 2")
    assert query(page.url) == sorted(
        [("topic", "nafta"), ("kind", "bilateral"), ("sort", "title"), ("page", "2")]
    )
    second = listed_slugs(page)
    assert len(second) == 5
    assert set(first) | set(second) == {POMPEO, *copies}
    titles = page.locator(".meeting-item__title a").all_inner_texts()
    assert titles == sorted(titles)
    expect(page.locator(".chips a.chip")).to_have_count(2)
    expect(pagination.get_by_role("link", name="Next page")).to_have_count(0)
    # Sorting, facets and chips start again from page 1, keeping the other filters.
    for link in [
        *page.locator(".facets a").all(),
        *page.locator(".chips a").all(),
        *page.locator(".sort a").all(),
    ]:
        assert "page" not in dict(query(link.get_attribute("href"))), link.inner_text()
    pagination.get_by_role("link", name="Previous page").click()
    expect(page.locator("#results-heading")).to_have_text("25 meetings, page 1 of 2")
    assert listed_slugs(page) == first
    assert ("page", "1") in query(page.url) and ("topic", "nafta") in query(page.url)


def test_a_page_past_the_end_shows_the_last_page_with_a_message(page):
    copy_meeting(POMPEO, 24)
    visit(page, "/meetings/?topic=nafta&page=99")
    expect(page.get_by_role("status")).to_have_text(
        "There is no page 99; showing the last page, 2."
    )
    expect(page.locator("#results-heading")).to_have_text("25 meetings, page 2 of 2")


# ---------------------------------------------------------------- links between pages


def test_links_lead_from_a_meeting_to_its_people_agencies_topics_and_sources_and_back(page):
    visit(page, f"/meetings/{POMPEO}/")
    steps = [
        # meeting → official
        (
            page.locator(".participants a", has_text="Luis Videgaray Caso"),
            "/officials/luis-videgaray/",
        ),
        # official → agency
        (page.locator(".positions a", has_text="Secretariat of Foreign Affairs"), "/agencies/sre/"),
        # agency → topic, from a meeting in its list
        (page.locator(".meeting-list .tags a", has_text="Security"), "/topics/security/"),
        # topic → meeting
        (page.locator(f'.meeting-list a[href="/meetings/{DIALOGUE}/"]'), f"/meetings/{DIALOGUE}/"),
        # meeting → source
        (
            page.locator("section[aria-labelledby='sources-heading'] li a"),
            "/sources/second-strategic-high-level-dialogue-on-disrupting-tcos/",
        ),
    ]
    headings = [page.locator("h1").inner_text()]
    for link, path in steps:
        link.first.click()
        page.wait_for_url(f"**{path}")
        headings.append(page.locator("h1").inner_text())
    assert headings[1:4] == [
        "Luis Videgaray Caso",
        "Secretariat of Foreign Affairs (SRE)",
        "Security",
    ]
    # A highlighted quote in the source leads to that quote on its meeting's page.
    quote = page.locator(".source-text a.quote-mark").first
    quoted = quote.locator("mark").inner_text()
    href = quote.get_attribute("href")
    quote.click()
    page.wait_for_url(f"**{href}")
    target = page.locator("#" + urlsplit(href).fragment)
    expect(target).to_be_in_viewport()
    expect(target.locator("blockquote")).to_have_text(quoted)
    # And the browser's Back button retraces every step.
    for heading in reversed(headings):
        page.go_back()
        expect(page.locator("h1")).to_have_text(heading)
    assert urlsplit(page.url).path == f"/meetings/{POMPEO}/"


def test_breadcrumbs_and_main_navigation(page):
    visit(page, "/officials/luis-videgaray/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Officials")).to_have_attribute("aria-current", "page")
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Officials").click()
    expect(page.locator("h1")).to_have_text("Officials")
    for name, heading in (
        ("Agencies", "Agencies"),
        ("Topics", "Topics"),
        ("Sources", "Sources"),
        ("Meetings", "Meetings"),
    ):
        nav.get_by_role("link", name=name).click()
        expect(page.locator("h1")).to_have_text(heading)
        expect(nav.get_by_role("link", name=name)).to_have_attribute("aria-current", "page")
        if name == "Agencies":  # each number says what it counts
            expect(page.locator(".agency-list li", has_text="(SRE)")).to_contain_text("3 officials")
    page.get_by_role("link", name="Bilateral", exact=True).click()
    assert urlsplit(page.url).path == "/"


# ---------------------------------------------------------------- search


def test_header_search_ignores_accents_and_keeps_the_words_in_the_form(page):
    visit(page, "/topics/")
    search = page.get_by_role("search").get_by_role("searchbox", name="Search meetings")
    search.fill("pena nieto")
    search.press("Enter")
    page.wait_for_url("**/meetings/?q=pena+nieto")
    # Peña Nieto took part in one meeting; another's summary names him.
    assert set(listed_slugs(page)) == {NIELSEN, HIGH_LEVEL}
    expect(page.locator("#id_q")).to_have_value("pena nieto")
    expect(page.locator(".chips a.chip")).to_have_text("Search: pena nieto × (remove this filter)")
    # Searching again from the filter form keeps the other filters.
    page.goto("/meetings/?topic=security")
    page.locator("#id_q").fill("Tillerson")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state()
    assert ("q", "Tillerson") in query(page.url) and ("topic", "security") in query(page.url)
    assert set(listed_slugs(page)) == {HIGH_LEVEL, DIALOGUE}
    page.locator("#id_q").fill("words that match nothing")
    page.locator("#id_q").press("Enter")
    expect(page.locator("#results-heading")).to_have_text("0 meetings")
    expect(page.locator(".empty")).to_contain_text("No meetings match these filters.")


def test_home_page_search(page):
    visit(page, "/")
    page.get_by_label("Search meetings by person, topic or words").fill("fentanyl")
    page.locator(".big-search").get_by_role("button", name="Search").click()
    page.wait_for_url("**/meetings/?q=fentanyl")
    assert listed_slugs(page) == [EBRARD]


def test_form_errors_are_shown_beside_their_fields_and_linked_from_the_summary(page):
    visit(page, "/meetings/?date_after=2018-13&topic=no-such-topic&kind=nope", status=400)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Some filters could not be used")
    expect(page.locator("#id_date_after")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_date_after")).to_have_accessible_description(
        "Dates may be a year (2018), a month (2018-05) or a day (2018-05-03). "
        "2018-13 is not a real date."
    )
    expect(page.locator("#id_kind")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_kind")).to_have_accessible_description(
        "Select a valid choice. nope is not one of the available choices."
    )
    alert.get_by_role("link", name="From").click()
    expect(page.locator("#id_date_after")).to_be_visible()
    expect(alert.get_by_role("link", name="Topic")).to_have_count(1)
    target = alert.get_by_role("link", name="Topic").get_attribute("href")
    expect(page.locator(target)).to_have_count(1)
    # The invalid filters are left out: every meeting is listed.
    assert result_count(page) == 5


# ---------------------------------------------------------------- keyboard


def test_tab_reaches_the_skip_link_and_enter_moves_focus_to_main(page):
    visit(page, "/meetings/")
    page.keyboard.press("Tab")
    focused = page.evaluate_handle("document.activeElement")
    assert focused.evaluate("el => el.textContent") == "Skip to content"
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0 and box["width"] > 20, box
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    assert urlsplit(page.url).fragment == "main"
    # The next Tab goes on from main (the search field), not back to the header.
    page.keyboard.press("Tab")
    expect(page.locator("#id_q")).to_be_focused()
    outline = page.locator("#id_q").evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"


def test_facets_and_pagination_work_from_the_keyboard(page):
    copy_meeting(POMPEO, 24)
    visit(page, "/meetings/")
    link = facet(page, "Topic").get_by_role("link", name="NAFTA", exact=True)
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#results-heading")).to_have_text("25 meetings, page 1 of 2")
    page.get_by_role("link", name="Next page").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#results-heading")).to_have_text("25 meetings, page 2 of 2")


# ---------------------------------------------------------------- accessibility


@pytest.mark.parametrize(("name", "path", "status"), PAGE_TYPES, ids=[p[0] for p in PAGE_TYPES])
def test_axe_finds_no_serious_or_critical_violations(page, name, path, status):
    visit(page, path, status=status)
    # What axe takes for granted: one main heading, a title, and ARIA references that resolve.
    expect(page.locator("h1")).to_have_count(1)
    assert page.title().endswith(" · Bilateral")
    dangling = page.evaluate(
        """() => [...document.querySelectorAll('[aria-describedby], [aria-labelledby]')]
            .flatMap(el => ['aria-describedby', 'aria-labelledby']
                .flatMap(name => (el.getAttribute(name) || '').split(/\\s+/).filter(Boolean))
                .filter(id => !document.getElementById(id))
                .map(id => `${el.tagName.toLowerCase()}#${el.id} -> ${id}`))"""
    )
    assert not dangling, dangling
    violations = axe_violations(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{path}\n{describe_violations(blocking)}"
    if violations:  # shown with -s or -rP: moderate and minor findings, for a person to judge
        print(f"{path}\n{describe_violations(violations)}")


def test_axe_reports_a_violation_it_is_shown(page):
    """The scan is not vacuous: an image without a text alternative is found."""
    visit(page, "/")
    page.evaluate(
        """() => {
            const img = document.createElement('img');
            img.src = '/static/css/site.css';
            document.querySelector('main').appendChild(img);
        }"""
    )
    found = {v["id"]: v["impact"] for v in axe_violations(page)}
    assert found.get("image-alt") == "critical"


def test_axe_runs_under_a_strict_content_security_policy(page):
    """The site will forbid inline scripts: the scan must still work when it does."""
    policy = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'"

    def with_policy(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": policy}
        route.fulfill(response=response, headers=headers)

    page.route("**/meetings/", with_policy)
    visit(page, "/meetings/")
    # Under this policy an inline script is refused ...
    assert (
        page.evaluate(
            """() => {
            const s = document.createElement('script');
            s.textContent = 'window.__inline_ran = true';
            document.head.appendChild(s);
            return window.__inline_ran === true;
        }"""
        )
        is False
    )
    # ... and axe, evaluated through the DevTools protocol, still runs.
    violations = axe_violations(page)
    assert isinstance(violations, list)
    assert not [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


# ---------------------------------------------------------------- phones and print


@pytest.mark.parametrize(("name", "path", "status"), PAGE_TYPES, ids=[p[0] for p in PAGE_TYPES])
def test_no_page_scrolls_sideways_on_a_phone(page, name, path, status):
    page.set_viewport_size(PHONE)
    visit(page, path, status=status)
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{path} is {widths[0]}px wide on a {widths[1]}px screen"
    wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(el => el.tagName + '.' + el.className).slice(0, 5)"""
    )
    assert not wide, f"{path}: {wide}"


def test_phone_layout_puts_results_before_facets_and_keeps_targets_usable(page):
    page.set_viewport_size(PHONE)
    visit(page, "/meetings/?topic=security")
    results = page.locator("#results-heading").bounding_box()
    facets = page.locator(".facets").bounding_box()
    assert results["y"] < facets["y"]
    assert facets["width"] > PHONE["width"] * 0.8  # full width, not a cramped column
    for selector in (".site-search input", ".site-search button", ".chips a.chip"):
        box = page.locator(selector).first.bounding_box()
        assert box["height"] >= 24, (selector, box)


@pytest.mark.parametrize(
    "path", [f"/meetings/{POMPEO}/", "/meetings/?topic=security", "/sources/"], ids=str
)
def test_print_shows_the_record_without_navigation(page, path):
    visit(page, path)
    page.emulate_media(media="print")
    for selector in (".site-header nav", ".site-search", ".filters", ".facets", ".pagination"):
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()
    expect(page.locator("main h1")).to_be_visible()
    color = page.locator("main h1").evaluate("el => getComputedStyle(el).color")
    assert color in ("rgb(0, 0, 0)", "rgb(27, 31, 36)"), color
    if "?" in path:  # a printed list says which filters made it
        expect(page.get_by_role("heading", name="Active filters")).to_be_visible()
        expect(page.locator(".chips")).to_contain_text("Topic: Security")
    if "/meetings/" in path and "?" not in path:
        expect(page.get_by_role("heading", name="Participants")).to_be_visible()
        expect(page.get_by_role("heading", name="Sources")).to_be_visible()


def test_screenshots_of_every_page_type(page, tmp_path_factory):
    """Full-page screenshots at desktop and phone widths and in print, for a person to look at."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if not folder:
        pytest.skip("set SCREENSHOT_DIR to save screenshots")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, path, status in PAGE_TYPES:
        for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page.emulate_media(media="screen")
            page.set_viewport_size(viewport)
            visit(page, path, status=status)
            page.screenshot(path=folder / f"{name}-{label}.png", full_page=True)
        page.set_viewport_size(DESKTOP)
        page.emulate_media(media="print")
        page.screenshot(path=folder / f"{name}-print.png", full_page=True)


# ---------------------------------------------------------------- in Spanish

SPANISH_PAGES = [
    "/es/",
    "/es/meetings/?topic=security&sort=date",
    f"/es/meetings/{DIALOGUE}/",
    "/es/meetings/?date_after=2018-13",
]


@pytest.mark.parametrize("path", SPANISH_PAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_spanish_pages_pass_axe_under_the_csp(page, path, viewport):
    errors = []  # what the browser refused or failed to run, but the page's own status

    def console(message):
        if message.type == "error" and "Failed to load resource" not in message.text:
            errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size(viewport)
    visit(page, path, status=400 if "2018-13" in path else 200)
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.title().endswith(" · Bilateral")
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{path}\n{describe_violations(blocking)}"
    assert not errors, errors
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{path} scrolls sideways at {viewport['width']} px"


def test_the_switcher_keeps_the_page_and_its_filters(page):
    visit(page, "/meetings/?topic=security&sort=date")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/meetings/?topic=security&sort=date")
    assert page.locator("h1").inner_text() == "Reuniones"
    assert "Tema: Security" in page.locator(".chips").inner_text()
    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    page.wait_for_url("**/meetings/?topic=security&sort=date")
    assert page.locator("h1").inner_text() == "Meetings"


# ---------------------------------------------------------------- pictures (issue 15)

PICTURE_PAGES = [
    (name, path, status)
    for name, path, status in PAGE_TYPES
    if name.startswith(("meeting-list", "official-detail", "topic-detail", "country"))
]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize(
    ("name", "path", "status"), PICTURE_PAGES, ids=[p[0] for p in PICTURE_PAGES]
)
def test_pages_with_pictures_pass_axe_with_no_console_errors(page, viewport, name, path, status):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(f"{message.text} ({message.location.get('url')})")
            if message.type == "error"
            and not message.location.get("url", "").endswith("favicon.ico")
            else None
        ),
    )
    page.set_viewport_size(viewport)
    visit(page, path, status=status)
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{path}\n{describe_violations(blocking)}"
    # The page's own 400 (bad filters) is reported too: expected, not an error of the page.
    errors = [e for e in errors if status == 200 or f"({page.url})" not in e]
    assert errors == [], errors


def test_a_timeline_bar_and_a_network_node_lead_to_their_lists(page):
    visit(page, "/meetings/")
    page.locator(".timeline .picture__links a").filter(has_text="May 2018").click()
    assert query(page.url) == [("date_after", "2018-05"), ("date_before", "2018-05")]
    assert listed_slugs(page) == [POMPEO]
    visit(page, "/officials/luis-videgaray/")
    page.locator(".network .picture__links a").filter(has_text="Mike Pompeo").click()
    assert query(page.url) == [("official", "luis-videgaray"), ("official", "mike-pompeo")]
    assert listed_slugs(page) == [POMPEO]
