"""Helpers for the admin's tests: what a change page would post back, and its errors."""


def field_value(bound_field):
    """A bound field's value as a browser would post it ("" for nothing)."""
    value = bound_field.value()
    if value is None or value is False:
        return ""
    if value is True:
        return "on"
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


def change_form_data(response):
    """The data a change page posts back as it is shown, with its inlines' saved rows."""
    form = response.context["adminform"].form
    data = {name: field_value(form[name]) for name in form.fields}
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for key, value in management.initial.items():
            data[management.add_prefix(key)] = str(value)
        data[management.add_prefix("TOTAL_FORMS")] = str(len(formset.initial_forms))
        for row in formset.initial_forms:
            data.update({row.add_prefix(name): field_value(row[name]) for name in row.fields})
    return {key: value for key, value in data.items() if value != ""}


def errors_of(response):
    """Every error message the admin page shows, the inlines' included, as one text."""
    messages = [str(e) for e in response.context["adminform"].form.errors.values()]
    for inline in response.context.get("inline_admin_formsets", []):
        messages += [str(e) for e in inline.formset.non_form_errors()]
        for row_errors in inline.formset.errors:
            messages += [str(m) for errors in row_errors.values() for m in errors]
    return " ".join(messages)


def verify_second_factor(client, user):
    """
    Mark the client's session as verified with a second factor, as the admin's second step
    does after a right code (django-otp's session key), giving `user` an authenticator if
    they have none. Returns the device.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="authenticator")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def sign_in_with_second_factor(client, user):
    """`client.force_login`, and the second factor the admin also asks of staff."""
    client.force_login(user)
    verify_second_factor(client, user)
    return client


def current_code(device, steps_ahead=0):
    """The code an authenticator app shows now for `device` (a TOTP device)."""
    import time

    from django_otp.oath import TOTP

    clock = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    clock.time = time.time() + steps_ahead * device.step
    return f"{clock.token():0{device.digits}d}"


def second_step(client, code, next_url=None, address="192.0.2.10"):
    """Posts `code` to the admin's second step, as the browser would."""
    from django.urls import reverse

    data = {"code": code, **({"next": next_url} if next_url else {})}
    return client.post(reverse("twofactor:verify"), data, REMOTE_ADDR=address, secure=True)
