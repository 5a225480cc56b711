"""
The authenticator's set-up in Chromium, under the site's Content-Security-Policy: the QR code
is drawn (inline SVG styled by the stylesheet), the key read off the page gives the code that
confirms it, the ten recovery codes are shown, and the admin opens; no policy violation and
no serious accessibility problem on the way.
"""

import base64

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from .browser_support import BLOCKING_IMPACTS, axe_violations, describe_violations
from .test_security_browser import PASSWORD, in_browser, violations, visit  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_setting_up_an_authenticator_in_the_browser(in_browser, django_user_model):  # noqa: F811
    django_user_model.objects.create_superuser("newcomer", "n@example.org", PASSWORD)
    in_browser(set_up_an_authenticator)


def set_up_an_authenticator(page):
    visit(page, "/admin/login/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Set up your authenticator")).to_be_visible()
    qr_code = page.locator("svg.qr-code")
    expect(qr_code).to_be_visible()
    box = qr_code.bounding_box()
    assert box["width"] > 150 and box["height"] > 150  # sized by the stylesheet
    assert (
        page.locator(".qr-code-light").evaluate("e => getComputedStyle(e).fill")
        == "rgb(255, 255, 255)"
    )
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, describe_violations(blocking)

    secret = page.locator(".twofactor-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret)
    page.get_by_label("Code", exact=True).fill(f"{TOTP(key).token():06d}")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have kept them: continue").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    assert violations(page) == []
