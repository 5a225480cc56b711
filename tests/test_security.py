"""
The security headers every response carries, as a TLS proxy passes it on: a strict
Content-Security-Policy (nothing inline, nothing from elsewhere, never framed), HSTS,
nosniff, Referrer-Policy, Cross-Origin-Opener-Policy, and secure HttpOnly cookies. Together
they are what the Mozilla Observatory grades A+.

The test settings differ from production only in not redirecting plain HTTP (the test client
cannot follow it); the redirect is checked here with it switched back on.
"""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from meetings.project.middleware import client_ip

pytestmark = pytest.mark.django_db

POMPEO = "2018-05-pompeo-videgaray-washington"

# One of each kind of response: pages, errors, exports, the feed, health, the admin.
RESPONSES = [
    ("/", 200),
    ("/meetings/", 200),
    ("/meetings/?date_after=2018-13", 400),
    (f"/meetings/{POMPEO}/", 200),
    (f"/meetings/{POMPEO}.json", 200),
    ("/meetings/export.csv", 200),
    ("/meetings/feed/", 200),
    ("/officials/luis-videgaray/", 200),
    ("/sources/", 200),
    ("/no-such-page/", 404),
    ("/healthz", 200),
    ("/admin/login/", 200),
]

STRICT_POLICY = {
    "default-src": ["'none'"],
    "base-uri": ["'none'"],
    "connect-src": ["'self'"],
    "font-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "img-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
}


def parse_csp(header):
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def get(client, path, **extra):
    """A request as the TLS proxy forwards it: HTTPS to the browser."""
    response = client.get(path, secure=True, **extra)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize(("path", "status"), RESPONSES)
def test_every_response_carries_the_security_headers(client, path, status):
    response = get(client, path)
    assert response.status_code == status
    assert parse_csp(response["Content-Security-Policy"]) == STRICT_POLICY
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_policy_allows_nothing_inline_or_from_elsewhere(client):
    policy = get(client, "/")["Content-Security-Policy"]
    for loose in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "data:", "http", "*"):
        assert loose not in policy


def test_hsts_is_only_sent_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/")


def test_the_proxy_header_marks_a_request_secure(client):
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response


def test_plain_http_is_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/meetings/?topic=security")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/meetings/?topic=security"
    # The proxy's word that the browser used HTTPS is enough.
    assert client.get("/meetings/", headers={"X-Forwarded-Proto": "https"}).status_code == 200
    # Load balancers probe over plain HTTP inside the network.
    assert client.get("/healthz").status_code == 200


def test_csrf_cookie_is_secure_and_http_only(client):
    response = get(client, reverse("admin:login"))
    cookie = response.cookies["__Host-csrftoken"]  # tests/test_cookies.py: the real headers
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_session_cookie_is_secure_and_http_only(client, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-pass-phrase")
    response = client.post(
        reverse("admin:login"),
        {"username": "chief", "password": "a-long-pass-phrase", "next": "/admin/"},
        secure=True,
    )
    assert response.status_code == 302
    cookie = response.cookies["__Host-sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_public_pages_set_no_cookies(client):
    for path in ("/", "/meetings/", f"/meetings/{POMPEO}/"):
        assert not get(client, path).cookies


INLINE = [
    (re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style[\s>]", re.I), "a <style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an event handler attribute"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def inline_code(html):
    return [what for pattern, what in INLINE if pattern.search(html)]


@pytest.mark.parametrize(
    "path", ["/", "/meetings/", f"/meetings/{POMPEO}/", "/officials/", "/topics/", "/sources/"]
)
def test_public_pages_have_nothing_the_policy_would_block(client, path):
    assert inline_code(get(client, path).content.decode()) == []


@pytest.mark.parametrize(
    "name",
    [
        "admin:index",
        "admin:meetings_meeting_changelist",
        "admin:meetings_meeting_add",
        "admin:meetings_source_add",
        "admin:meetings_official_changelist",
        "admin:auth_user_changelist",
        "admin:password_change",
    ],
)
def test_admin_pages_have_nothing_the_policy_would_block(admin_client_logged_in, name):
    response = get(admin_client_logged_in, reverse(name))
    assert response.status_code == 200
    assert inline_code(response.content.decode()) == []


def test_the_meeting_change_page_has_nothing_the_policy_would_block(admin_client_logged_in):
    from meetings.models import Meeting

    meeting = Meeting.objects.get(slug=POMPEO)
    response = get(
        admin_client_logged_in, reverse("admin:meetings_meeting_change", args=[meeting.pk])
    )
    assert response.status_code == 200
    assert inline_code(response.content.decode()) == []


# ---------------------------------------------------------------- the client's address


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "", "10.0.0.1"),
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy: the header is the client's own words
        (1, "", "10.0.0.1"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.66, 203.0.113.9", "203.0.113.9"),  # the first entry was forged
        (2, "203.0.113.9, 192.0.2.1", "203.0.113.9"),
        (2, "192.0.2.1", "192.0.2.1"),
    ],
)
def test_client_ip_trusts_only_the_proxies_in_front(settings, proxies, forwarded, expected):
    settings.PROXY_COUNT = proxies
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", headers=headers)
    assert client_ip(request) == expected
