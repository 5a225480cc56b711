"""
The admin's protection: staff only, repeated failed sign-ins locked out (django-axes), every
change in the admin's log, and an "editor" group with what data entry needs and no more.
"""

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from meetings.management.commands.create_editor_group import GROUP_NAME
from meetings.models import Country, Meeting

from .admin_support import current_code, second_step, sign_in_with_second_factor

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-phrase"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Production's hasher is slow on purpose; these tests sign in dozens of times."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)


def sign_in(client, username, password, address="192.0.2.10"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
        secure=True,
    )


# ---------------------------------------------------------------- lockout


def test_repeated_failures_lock_the_account_out(client, chief, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "chief", "wrong")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()

    response = sign_in(client, "chief", "wrong")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in locked" in page
    assert "30 minutes" in page
    assert response["Content-Security-Policy"]

    # Even the right password is refused now, from this address.
    response = sign_in(client, "chief", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username="chief").exists()


def test_a_stranger_cannot_lock_an_editor_out(client, chief, settings):
    """The lockout is per account and address together: failures elsewhere do not count."""
    for number in range(settings.AXES_FAILURE_LIMIT * 2):
        sign_in(client, "chief", "wrong", f"203.0.113.{number % 2 + 1}")
    assert sign_in(client, "chief", "wrong", "203.0.113.1").status_code == 429
    # The editor, at their own address, signs in with the right password.
    assert sign_in(client, "chief", PASSWORD, "198.51.100.7").status_code == 302
    assert client.session["_auth_user_id"]


def test_one_address_trying_many_names_is_locked_out(client, chief, settings):
    """Password spraying: one address, a wrong password for each of many accounts."""
    for number in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, f"guess{number}", "wrong")
    assert response.status_code == 429
    # That address is refused for every account, the right password included.
    assert sign_in(client, "chief", PASSWORD).status_code == 429
    # The real editor, elsewhere, still gets in.
    assert sign_in(client, "chief", PASSWORD, "198.51.100.7").status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(client, chief, settings):
    device = TOTPDevice.objects.create(user=chief, name="authenticator")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "chief", "wrong")
    assert sign_in(client, "chief", PASSWORD).status_code == 302
    # Both steps make a success (tests/test_twofactor.py: the password alone does not).
    assert second_step(client, current_code(device)).status_code == 302
    client.logout()
    assert sign_in(client, "chief", "wrong").status_code == 200


def test_lockout_lifts_after_the_cool_off(client, chief, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "chief", "wrong")
    assert sign_in(client, "chief", PASSWORD).status_code == 429
    call_command("axes_reset", verbosity=0)  # what an administrator does to lift it sooner
    assert sign_in(client, "chief", PASSWORD).status_code == 302


# ---------------------------------------------------------------- staff only


def test_the_admin_is_for_staff_only(client, django_user_model):
    index = reverse("admin:index")
    response = client.get(index, secure=True)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))

    reader = django_user_model.objects.create_user("reader", "r@example.org", PASSWORD)
    assert sign_in(client, "reader", PASSWORD).status_code == 200  # refused by the form
    client.force_login(reader)
    response = client.get(index, secure=True)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# ---------------------------------------------------------------- the change log


def test_every_admin_change_is_logged(admin_client_logged_in):
    response = admin_client_logged_in.post(
        reverse("admin:meetings_country_add"), {"code": "CA", "name": "Canada"}, secure=True
    )
    assert response.status_code == 302
    canada = Country.objects.get(code="CA")
    response = admin_client_logged_in.post(
        reverse("admin:meetings_country_change", args=[canada.pk]),
        {"code": "CA", "name": "Canada (federation)"},
        secure=True,
    )
    assert response.status_code == 302

    entries = LogEntry.objects.filter(object_id=str(canada.pk)).order_by("action_time", "pk")
    assert [(e.action_flag, e.user.username) for e in entries] == [
        (ADDITION, "editor"),
        (CHANGE, "editor"),
    ]
    assert "Name" in entries[1].get_change_message()
    history = admin_client_logged_in.get(
        reverse("admin:meetings_country_history", args=[canada.pk]), secure=True
    )
    assert "Changed Name." in history.content.decode()


# ---------------------------------------------------------------- the editor group


@pytest.fixture
def editor_client(client, django_user_model):
    call_command("create_editor_group", verbosity=0)
    user = django_user_model.objects.create_user("desk", "desk@example.org", PASSWORD)
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=GROUP_NAME))
    return sign_in_with_second_factor(client, user)


def test_editor_group_has_data_entry_permissions_only():
    call_command("create_editor_group", verbosity=0)
    codenames = set(
        Group.objects.get(name=GROUP_NAME).permissions.values_list("codename", flat=True)
    )
    for model in ("meeting", "source", "official", "participation", "quote", "topic"):
        assert {f"view_{model}", f"add_{model}", f"change_{model}"} <= codenames
    assert {"delete_participation", "delete_quote", "delete_officialalias"} <= codenames
    assert not {"delete_meeting", "delete_source", "delete_official"} & codenames
    assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission"))}
    assert not {c for c in codenames if "accessattempt" in c or "logentry" in c}


@pytest.mark.parametrize(
    ("name", "args", "status"),
    [
        ("admin:meetings_meeting_changelist", [], 200),
        ("admin:meetings_meeting_add", [], 200),
        ("admin:meetings_source_add", [], 200),
        ("admin:auth_user_changelist", [], 403),
        ("admin:auth_group_changelist", [], 403),
        ("admin:axes_accessattempt_changelist", [], 403),
    ],
)
def test_editors_reach_data_entry_and_nothing_else(editor_client, name, args, status):
    assert editor_client.get(reverse(name, args=args), secure=True).status_code == status


def test_editors_see_history_and_settle_conflicts_but_write_neither_directly():
    call_command("create_editor_group", verbosity=0)
    codenames = set(
        Group.objects.get(name=GROUP_NAME).permissions.values_list("codename", flat=True)
    )
    assert {"view_historicalmeeting", "view_historicalparticipation"} <= codenames
    assert not {c for c in codenames if c.startswith(("add_historical", "change_historical"))}
    assert not {c for c in codenames if c.startswith("delete_historical")}
    assert {"view_loadconflict", "change_loadconflict", "view_loadedrecord"} <= codenames
    assert not {"add_loadconflict", "delete_loadconflict", "change_loadedrecord"} & codenames


@pytest.mark.parametrize(
    "name",
    ["admin:meetings_meeting_history", "admin:meetings_loadconflict_changelist"],
)
def test_editors_reach_the_history_and_the_conflicts(editor_client, name):
    meeting = Meeting.objects.first()
    args = [meeting.pk] if name.endswith("history") else []
    assert editor_client.get(reverse(name, args=args), secure=True).status_code == 200


def test_editors_may_revert_a_meeting(editor_client):
    meeting = Meeting.objects.first()
    meeting.title = "A changed title"
    meeting.save()  # the version before, and this one
    first = Meeting.history.filter(id=meeting.pk).earliest()
    url = reverse("admin:meetings_meeting_simple_history", args=[meeting.pk, first.history_id])
    page = editor_client.get(url, secure=True)
    assert page.status_code == 200
    assert 'name="_save"' in page.content.decode()  # the Revert button


def test_editors_cannot_delete_a_meeting(editor_client):
    meeting = Meeting.objects.first()
    url = reverse("admin:meetings_meeting_delete", args=[meeting.pk])
    assert editor_client.get(url, secure=True).status_code == 403
    assert editor_client.post(url, {"post": "yes"}, secure=True).status_code == 403
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_create_editor_group_is_idempotent_and_repairs_the_group():
    call_command("create_editor_group", verbosity=0)
    group = Group.objects.get(name=GROUP_NAME)
    wanted = set(group.permissions.all())
    group.permissions.remove(*list(wanted)[:3])
    from django.contrib.auth.models import Permission

    group.permissions.add(Permission.objects.get(codename="delete_user"))
    call_command("create_editor_group", verbosity=0)
    call_command("create_editor_group", verbosity=0)
    assert set(group.permissions.all()) == wanted
    assert Group.objects.filter(name=GROUP_NAME).count() == 1


def test_create_editor_group_dry_run_changes_nothing(capsys):
    call_command("create_editor_group", dry_run=True)
    assert not Group.objects.filter(name=GROUP_NAME).exists()
    assert 'Would create group "editor"' in capsys.readouterr().out
