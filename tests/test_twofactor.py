"""
Two-factor sign-in for staff (meetings/twofactor/): a session signed in with a password alone
reaches no admin page and no draft preview; the set-up shows a QR code and ten recovery codes
once; codes from the authenticator and recovery codes sign in; wrong codes count towards
django-axes' lockout; `reset_second_factor` removes a lost phone's devices; DEBUG skips
nothing.
"""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from meetings.management.commands.create_editor_group import GROUP_NAME
from meetings.models import Country, Meeting
from meetings.twofactor import codes, qr

from .admin_support import current_code, second_step, sign_in_with_second_factor
from .test_security import inline_code

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-phrase"
ADDRESS = "192.0.2.10"


@pytest.fixture(autouse=True)
def quick_settings(settings):
    """A fast hasher, and no growing wait after a wrong code (django-otp's own throttle)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def editor(django_user_model):
    call_command("create_editor_group", verbosity=0)
    user = django_user_model.objects.create_user("desk", "desk@example.org", PASSWORD)
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=GROUP_NAME))
    return user


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)


def sign_in(client, username, password=PASSWORD, address=ADDRESS):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
        secure=True,
    )


def get(client, url, **extra):
    return client.get(url, REMOTE_ADDR=ADDRESS, secure=True, **extra)


def setup_step(client, code):
    return client.post(reverse("twofactor:setup"), {"code": code}, REMOTE_ADDR=ADDRESS, secure=True)


def admin_pages():
    """The index, every changelist, a change and a history page, the draft preview."""
    meeting = Meeting.objects.first()
    pages = [reverse("admin:index")]
    pages += [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    pages += [
        reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        reverse("admin:meetings_meeting_history", args=[meeting.pk]),
        reverse("admin:password_change"),
        reverse("meeting-preview", args=[meeting.slug]),
    ]
    return pages


# ---------------------------------------------------------------- the gate


def test_a_password_only_session_without_a_device_reaches_no_admin_page(client, chief):
    assert sign_in(client, "chief").status_code == 302
    pages = admin_pages()
    assert len(pages) > 20
    for url in pages:
        response = get(client, url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("twofactor:setup") + "?next="), url
    # A POST does nothing either: it is sent to the set-up too.
    response = client.post(
        reverse("admin:meetings_country_add"), {"code": "CA", "name": "Canada"}, secure=True
    )
    assert response.status_code == 302
    assert not Country.objects.filter(code="CA").exists()


def test_a_password_only_session_with_a_device_is_sent_to_the_second_step(client, editor):
    TOTPDevice.objects.create(user=editor, name="authenticator")
    assert sign_in(client, "desk").status_code == 302
    for url in admin_pages():
        response = get(client, url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("twofactor:verify") + "?next="), url


def test_a_verified_session_reaches_the_admin_and_the_public_site_is_open_to_all(client, editor):
    client.force_login(editor)
    assert get(client, "/").status_code == 200  # public pages never ask
    assert get(client, reverse("admin:index")).status_code == 302
    sign_in_with_second_factor(client, editor)
    assert get(client, reverse("admin:index")).status_code == 200
    assert get(client, reverse("admin:meetings_meeting_changelist")).status_code == 200


def test_non_staff_and_anonymous_see_the_admin_as_before(client, django_user_model):
    response = get(client, reverse("admin:index"))
    assert response["Location"].startswith(reverse("admin:login"))
    reader = django_user_model.objects.create_user("reader", "r@example.org", PASSWORD)
    client.force_login(reader)
    response = get(client, reverse("admin:index"))
    assert response["Location"].startswith(reverse("admin:login"))
    # The second step itself sends them to sign in.
    response = get(client, reverse("twofactor:verify"))
    assert response["Location"].startswith(reverse("admin:login"))


def test_debug_does_not_skip_the_second_factor(client, chief, settings):
    settings.DEBUG = True
    client.force_login(chief)
    response = get(client, reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("twofactor:setup"))


# ---------------------------------------------------------------- set-up and signing in


def test_set_up_shows_a_qr_code_and_ten_recovery_codes_once(client, editor):
    sign_in(client, "desk")
    page = get(client, reverse("twofactor:setup") + "?next=/admin/meetings/meeting/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<svg class="qr-code"' in html and 'class="qr-code-dark"' in html
    assert inline_code(html) == []
    assert "default-src 'none'" in page["Content-Security-Policy"]
    assert page["Cache-Control"].startswith("max-age=0")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert get(client, reverse("twofactor:setup")).status_code == 200  # a reload: same key
    assert TOTPDevice.objects.filter(user=editor).count() == 1

    wrong = setup_step(client, "000000" if current_code(device) != "000000" else "111111")
    assert wrong.status_code == 200
    assert "That code is not right" in wrong.content.decode()
    done = client.post(
        reverse("twofactor:setup"),
        {"code": current_code(device), "next": "/admin/meetings/meeting/"},
        REMOTE_ADDR=ADDRESS,
        secure=True,
    )
    assert done.status_code == 200
    shown = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", done.content.decode())
    assert len(shown) == len(set(shown)) == 10
    stored = set(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True))
    assert {code.replace("-", "") for code in shown} == stored
    assert 'href="/admin/meetings/meeting/"' in done.content.decode()

    # Verified now; the set-up shows nothing again.
    assert get(client, reverse("admin:index")).status_code == 200
    again = get(client, reverse("twofactor:setup"))
    assert again.status_code == 302
    assert "<code>" not in again.content.decode()


def test_an_authenticator_code_signs_in_and_is_not_accepted_twice(client, editor, settings):
    device = TOTPDevice.objects.create(user=editor, name="authenticator")
    sign_in(client, "desk")
    password_only = client.cookies[settings.SESSION_COOKIE_NAME].value
    code = current_code(device)
    response = second_step(client, code, next_url="/admin/meetings/meeting/")
    assert response.status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != password_only  # a new key
    assert response["Location"] == "/admin/meetings/meeting/"
    assert get(client, reverse("admin:meetings_meeting_changelist")).status_code == 200
    client.logout()
    sign_in(client, "desk")
    assert second_step(client, code).status_code == 200  # replayed
    assert get(client, reverse("admin:index")).status_code == 302


def test_a_recovery_code_signs_in_once(client, editor):
    TOTPDevice.objects.create(user=editor, name="authenticator")
    recovery = StaticDevice.objects.create(user=editor, name="recovery codes")
    recovery.token_set.create(token="abcdefghjk")
    sign_in(client, "desk")
    response = second_step(client, " ABCDE-fghjk ")  # as printed, with a dash and spaces
    assert response.status_code == 302
    assert get(client, reverse("admin:index")).status_code == 200
    client.logout()
    sign_in(client, "desk")
    assert second_step(client, "abcdefghjk").status_code == 200
    assert get(client, reverse("admin:index")).status_code == 302


def test_next_must_stay_on_the_site(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="authenticator")
    sign_in(client, "desk")
    response = second_step(client, current_code(device), next_url="https://evil.example.com/")
    assert response["Location"] == reverse("admin:index")


def test_an_empty_or_overlong_code_is_a_form_error_not_a_failure(client, editor):
    TOTPDevice.objects.create(user=editor, name="authenticator")
    sign_in(client, "desk")
    for code in ("", " - ", "9" * 200):
        response = second_step(client, code)
        assert response.status_code == 200
    from axes.models import AccessAttempt

    assert not AccessAttempt.objects.filter(username="desk").exists()


# ---------------------------------------------------------------- throttling


def wrong_code(device):
    right = {current_code(device, steps) for steps in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in right)


def test_wrong_codes_count_as_failed_sign_ins_and_lock_out(client, editor, settings):
    device = TOTPDevice.objects.create(user=editor, name="authenticator")
    sign_in(client, "desk")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert second_step(client, wrong_code(device)).status_code == 200
    response = second_step(client, wrong_code(device))
    assert response.status_code == 429
    assert "Sign-in locked" in response.content.decode()
    assert "_auth_user_id" not in client.session  # signed out
    # Locked: neither the password nor then a right code gets in.
    assert sign_in(client, "desk").status_code == 429
    assert get(client, reverse("admin:index")).status_code == 302
    call_command("axes_reset", verbosity=0)
    assert sign_in(client, "desk").status_code == 302


def test_the_password_alone_does_not_clear_failed_codes(client, editor, settings):
    device = TOTPDevice.objects.create(user=editor, name="authenticator")
    failures = 0
    while failures < settings.AXES_FAILURE_LIMIT - 1:
        assert sign_in(client, "desk").status_code == 302
        second_step(client, wrong_code(device))
        failures += 1
    assert sign_in(client, "desk").status_code == 302
    assert second_step(client, wrong_code(device)).status_code == 429


def test_a_locked_session_at_the_second_step_is_signed_out(client, editor, settings):
    device = TOTPDevice.objects.create(user=editor, name="authenticator")
    sign_in(client, "desk")
    # Failures for the account from the session's own address: elsewhere, they would lock
    # only that address (the lockout is per account and address).
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client.__class__(), "desk", "wrong")
    response = second_step(client, current_code(device))
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_wrong_codes_at_the_set_up_count_too(client, editor, settings):
    sign_in(client, "desk")
    get(client, reverse("twofactor:setup"))
    device = TOTPDevice.objects.get(user=editor)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert setup_step(client, wrong_code(device)).status_code == 200
    assert setup_step(client, wrong_code(device)).status_code == 429


# ---------------------------------------------------------------- reset for a lost phone


def test_reset_second_factor_removes_the_devices(client, editor, capsys):
    sign_in_with_second_factor(client, editor)
    StaticDevice.objects.create(user=editor, name="recovery codes")
    assert get(client, reverse("admin:index")).status_code == 200

    call_command("reset_second_factor", "desk", dry_run=True)
    assert "Would remove for desk: 1 authenticator, 1 recovery codes." in capsys.readouterr().out
    assert TOTPDevice.objects.filter(user=editor).exists()

    call_command("reset_second_factor", "desk")
    assert "Removed for desk" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticDevice.objects.filter(user=editor).exists()
    # The session verified with the lost phone is back at the set-up.
    response = get(client, reverse("admin:index"))
    assert response["Location"].startswith(reverse("twofactor:setup"))


def test_reset_second_factor_names_an_unknown_user():
    with pytest.raises(CommandError, match='No user "nobody"'):
        call_command("reset_second_factor", "nobody")


# ---------------------------------------------------------------- the pure parts


def test_the_qr_code_path_covers_exactly_the_dark_modules():
    modules = qr.matrix("otpauth://totp/Bilateral:desk?secret=JBSWY3DPEHPK3PXP")
    assert len(modules) == len(modules[0]) >= 21 + 2 * qr.BORDER
    assert not any(modules[0]) and not any(row[0] for row in modules)  # the quiet zone
    drawn = [[False] * len(row) for row in modules]
    for x, y, length in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", qr.path_data(modules)):
        for column in range(int(x), int(x) + int(length)):
            drawn[int(y)][column] = True
    assert drawn == modules
    assert qr.dark_runs([False, True, True, False, True]) == [(1, 2), (4, 1)]
    assert qr.dark_runs([True]) == [(0, 1)]
    assert qr.dark_runs([]) == []


def test_the_qr_code_svg_has_classes_and_no_style():
    markup = qr.svg("otpauth://totp/x", 'QR "code" <of> the key')
    assert markup.startswith('<svg class="qr-code"')
    assert "style" not in markup and "<script" not in markup
    assert 'aria-label="QR &quot;code&quot; &lt;of&gt; the key"' in markup


def test_codes_are_read_as_meant_and_recovery_codes_are_distinct():
    assert codes.normalize(" 123 456 ") == "123456"
    assert codes.normalize("ABCDE-FGHJK") == "abcdefghjk"
    assert codes.normalize(None) == ""
    assert len(codes.normalize("x" * 500)) == codes.MAX_CODE_LENGTH
    made = codes.new_recovery_codes()
    assert len(made) == len(set(made)) == 10
    assert all(len(code) == 10 and set(code) <= set(codes.RECOVERY_CODE_ALPHABET) for code in made)
    assert codes.grouped("abcdefghjk") == "abcde-fghjk"
