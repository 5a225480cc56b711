"""
The Content-Security-Policy in a real browser: Chromium signs in to the admin and uses it
as an editor does (search, autocomplete, inlines, the calendar, a new source's form),
then reads the public pages, and the browser must report no violation of the policy. That the
widgets work shows the admin's scripts ran under it.

Skipped when Chromium is missing, except in CI (CI set), where that is an error.
"""

import os

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect, sync_playwright

from meetings.models import Meeting

from .browser_support import CHROMIUM, DESKTOP, LAUNCH_ARGS, run_on_own_thread
from .conftest import FIXTURES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase"
TOTP_KEY = "3132333435363738393031323334353637383930"  # the chief's authenticator (RFC 6238's)

# Registered before any page script runs; the DevTools protocol is not subject to the policy.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def in_browser(live_server, transactional_db, django_user_model, settings, monkeypatch):
    """
    Runs `work(page)` in Chromium, on a thread of its own: the other browser tests keep a
    Playwright session open on the main thread, and there can be only one per thread.
    """
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM}"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: CI must run the browser tests.", pytrace=False)
        pytest.skip(message)
    # Another Playwright session's event loop may be running on this thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("loaddata", *FIXTURES, verbosity=0)
    chief = django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    TOTPDevice.objects.create(user=chief, name="authenticator", key=TOTP_KEY)

    def session(work):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            try:
                context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
                context.set_default_timeout(10_000)
                context.add_init_script(LISTEN)
                page = context.new_page()
                page.console_messages = []
                page.on(
                    "console",
                    lambda message: (
                        page.console_messages.append(message.text)
                        if "Content Security Policy" in message.text
                        else None
                    ),
                )
                work(page)
            finally:
                browser.close()

    def run(work):
        run_on_own_thread(lambda: session(work))

    return run


def violations(page):
    return page.evaluate("() => window.__cspViolations") + page.console_messages


def visit(page, path):
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    return response


def test_the_admin_works_under_the_policy(in_browser):
    meeting = Meeting.objects.get(slug="2018-05-pompeo-videgaray-washington")
    in_browser(lambda page: use_the_admin(page, meeting.pk))


def sign_in(page, username="chief"):
    """
    Both steps, as an editor does: the password, then the authenticator's code (every
    staff user of the browser tests has an authenticator with the key TOTP_KEY).
    """
    visit(page, "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Second step")).to_be_visible()
    page.get_by_label("Code", exact=True).fill(f"{TOTP(bytes.fromhex(TOTP_KEY)).token():06d}")
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def use_the_admin(page, meeting_pk):
    sign_in(page)
    assert violations(page) == []

    # Changelist: search, filters and the actions bar.
    visit(page, "/admin/meetings/meeting/?q=pompeo")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    page.locator("#action-toggle").check()
    expect(page.locator(".action-counter")).to_contain_text("1 of 1 selected")
    assert violations(page) == []

    # A meeting: autocomplete, an inline added, the calendar.
    visit(page, f"/admin/meetings/meeting/{meeting_pk}/change/")
    page.locator("#id_city").locator("xpath=..").locator(".select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill("mex")
    expect(page.locator(".select2-results__option").first).to_contain_text("Mexico City")
    page.keyboard.press("Escape")
    rows = page.locator("#participations-group tr.form-row:not(.empty-form)")
    before = rows.count()
    page.locator("#participations-group .add-row a").click()
    expect(rows).to_have_count(before + 1)
    page.locator("#id_date").locator("xpath=..").locator(".date-icon").click()
    expect(page.locator(".calendarbox:visible")).to_have_count(1)
    assert violations(page) == []

    # A new source: the slug may be left empty (the model makes one from the title).
    visit(page, "/admin/meetings/source/add/")
    page.locator("#id_title").press_sequentially("Joint Statement on Security")
    expect(page.locator("#id_slug_helptext")).to_contain_text("Leave empty")
    assert violations(page) == []


def test_the_public_site_works_under_the_policy(in_browser):
    in_browser(read_the_public_site)


def read_the_public_site(page):
    for path in (
        "/",
        "/meetings/",
        "/meetings/?topic=security&sort=date",
        "/meetings/2018-05-pompeo-videgaray-washington/",
        "/officials/luis-videgaray/",
        "/sources/",
        # Issue 15: SVG pictures styled by the stylesheet's classes, the country pages.
        "/countries/",
        "/countries/MX/",
        "/countries/US/MX/",
        "/topics/security/",
    ):
        visit(page, path)
        # The stylesheet was allowed and applied.
        assert page.evaluate("() => document.styleSheets.length") >= 1
        assert page.evaluate("() => document.styleSheets[0].cssRules.length") > 0
        assert violations(page) == [], path
