"""
The Spanish site in a real browser (Debian's Chromium, as tests/test_browser.py): axe-core
finds nothing serious at desktop and phone widths, the strict CSP blocks nothing, and the
language switcher leads to the same page, with its filters, in the other language.
"""

import pytest

from .browser_support import (
    BLOCKING_IMPACTS,
    DESKTOP,
    DIALOGUE,
    PHONE,
    axe_violations,
    describe_violations,
)
from .test_browser import browser, context, page, site_data, visit  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SPANISH_PAGES = [
    "/es/",
    "/es/meetings/?topic=security&sort=date",
    f"/es/meetings/{DIALOGUE}/",
    "/es/meetings/?date_after=2018-13",
]


@pytest.mark.parametrize("path", SPANISH_PAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_spanish_pages_pass_axe_under_the_csp(page, path, viewport):  # noqa: F811
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


def test_the_switcher_keeps_the_page_and_its_filters(page):  # noqa: F811
    visit(page, "/meetings/?topic=security&sort=date")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/meetings/?topic=security&sort=date")
    assert page.locator("h1").inner_text() == "Reuniones"
    assert "Tema: Security" in page.locator(".chips").inner_text()
    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    page.wait_for_url("**/meetings/?topic=security&sort=date")
    assert page.locator("h1").inner_text() == "Meetings"
