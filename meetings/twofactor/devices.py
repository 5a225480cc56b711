"""
The one layer that writes second factors: an authenticator (django-otp's TOTP device) set up
and confirmed with its first code, ten recovery codes (a static device) made with it, codes
checked against the right kind of device, and every device of a user removed.
"""

from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .codes import new_recovery_codes

AUTHENTICATOR = "authenticator"
RECOVERY = "recovery codes"


def has_second_factor(user):
    return user_has_device(user, confirmed=True)


def pending_authenticator(user):
    """The user's unconfirmed authenticator, made now if there is none (same key on reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)


@transaction.atomic
def confirm_authenticator(device, code):
    """
    Confirm `device` if `code` is its current code: then make the recovery codes, replacing
    any, and return them (the only time they are readable). None if the code is wrong.
    """
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=device.user).delete()
    recovery = StaticDevice.objects.create(user=device.user, name=RECOVERY, confirmed=True)
    codes = new_recovery_codes()
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return device, codes


@transaction.atomic
def verify(user, code):
    """
    The confirmed device that accepts `code`, or None: six digits are asked of the
    authenticator, anything else of the recovery codes (a used one is gone).
    """
    model = TOTPDevice if code.isdigit() and len(code) in (6, 8) else StaticDevice
    devices = model.objects.devices_for_user(user, confirmed=True).select_for_update()
    return next((device for device in devices if device.verify_token(code)), None)


@transaction.atomic
def remove_all(user, dry_run=False):
    """Every second factor of `user` (for a lost phone): {kind: count} removed or found."""
    found = {
        AUTHENTICATOR: TOTPDevice.objects.filter(user=user),
        RECOVERY: StaticDevice.objects.filter(user=user),
    }
    counts = {kind: devices.count() for kind, devices in found.items()}
    if not dry_run:
        for devices in found.values():
            devices.delete()
    return counts
