"""
Production's cookies, read from the real Set-Cookie headers of gunicorn serving the
production settings (tests/test_deploy.py's server): the session and CSRF cookies carry the
__Host- prefix (Secure, Path=/, no Domain), HttpOnly and SameSite=Lax; and with those
settings a password alone does not open the admin.
"""

import re
import urllib.parse
import urllib.request

import pytest

from .test_deploy import PRODUCTION, NoRedirect, environment, manage, server  # noqa: F401

HTTPS = {"Host": "bilateral.example.org", "X-Forwarded-Proto": "https"}
ORIGIN = "https://bilateral.example.org"
PASSWORD = "a-long-pass-phrase"


def exchange(url, headers=None, data=None):
    """(status, headers) of one request, redirects not followed; a POST when `data`."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={**HTTPS, **(headers or {})})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def cookie(headers, name):
    """The Set-Cookie header that sets `name`, as its attributes (lower-cased names)."""
    for line in headers.get_all("Set-Cookie") or []:
        first, *attributes = [part.strip() for part in line.split(";")]
        key, _, value = first.partition("=")
        if key == name:
            parsed = {"value": value}
            for attribute in attributes:
                attribute_name, _, attribute_value = attribute.partition("=")
                parsed[attribute_name.lower()] = attribute_value
            return parsed
    raise AssertionError(f"no Set-Cookie for {name}: {headers.get_all('Set-Cookie')}")


def assert_host_prefixed(attributes):
    assert "secure" in attributes
    assert attributes["path"] == "/"
    assert "domain" not in attributes
    assert "httponly" in attributes
    assert attributes["samesite"] in {"Lax", "Strict"}


@pytest.fixture(scope="module")
def staff(server):  # noqa: F811
    base, static_root = server
    env = environment(static_root.parent, **PRODUCTION, DJANGO_SUPERUSER_PASSWORD=PASSWORD)
    manage(
        "createsuperuser", "--no-input", "--username", "chief", "--email", "c@example.org", env=env
    )
    return base


def test_production_cookies_carry_the_host_prefix_and_a_password_alone_opens_no_admin(staff):
    status, headers, page = exchange(f"{staff}/admin/login/")
    assert status == 200
    csrf = cookie(headers, "__Host-csrftoken")
    assert_host_prefixed(csrf)
    assert not any(line.startswith("csrftoken=") for line in headers.get_all("Set-Cookie"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    status, headers, _ = exchange(
        f"{staff}/admin/login/",
        {"Cookie": f"__Host-csrftoken={csrf['value']}", "Origin": ORIGIN, "Referer": ORIGIN + "/"},
        {
            "csrfmiddlewaretoken": token,
            "username": "chief",
            "password": PASSWORD,
            "next": "/admin/",
        },
    )
    assert status == 302
    session = cookie(headers, "__Host-sessionid")
    assert_host_prefixed(session)

    # The production settings never skip the second factor.
    status, headers, _ = exchange(
        f"{staff}/admin/", {"Cookie": f"__Host-sessionid={session['value']}"}
    )
    assert status == 302
    assert headers["Location"] == "/admin/two-factor/set-up/?next=%2Fadmin%2F"
    status, _, page = exchange(
        f"{staff}/admin/two-factor/set-up/?next=%2Fadmin%2F",
        {"Cookie": f"__Host-sessionid={session['value']}"},
    )
    assert status == 200
    assert '<svg class="qr-code"' in page
