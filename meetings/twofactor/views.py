"""
The second step after the admin's password, and the set-up of an authenticator for staff
who have none. Wrong codes count as failed sign-ins (django-axes): at the limit, the session
is signed out and the lockout page answers.
"""

from base64 import b32encode

from django.contrib import admin
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from . import devices, qr, throttle
from .codes import grouped
from .forms import CodeForm
from .gate import needs_second_factor


def next_url(request):
    """Where to go once verified: a local `next`, else the admin's index."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else reverse("admin:index")


def to_step(name, request):
    return redirect(f"{reverse(name)}?{urlencode({'next': next_url(request)})}")


def elsewhere(request):
    """Where a request that has no business here goes, or None if it belongs here."""
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return redirect(f"{reverse('admin:login')}?{urlencode({'next': next_url(request)})}")
    if not needs_second_factor(user):
        return redirect(next_url(request))
    return None


def page(request, template, **context):
    context = {
        **admin.site.each_context(request),
        "next": next_url(request),
        "title": context.pop("title"),
        **context,
    }
    return render(request, template, context)


def refuse(request, form):
    """A wrong code: counted, and the lockout page if that was one too many."""
    if throttle.record_failure(request, request.user):
        user = request.user
        logout(request)
        return throttle.lockout_response(request, user)
    form.add_error("code", _("That code is not right, or has been used. Try the next one."))
    return None


def signed_in(request, device):
    """Both steps passed: the session is verified, under a new key, and failures cleared."""
    otp_login(request, device)
    request.session.cycle_key()
    throttle.record_success(request, request.user)


@sensitive_post_parameters("code")
@never_cache
def verify(request):
    if response := elsewhere(request):
        return response
    user = request.user
    if not devices.has_second_factor(user):
        return to_step("twofactor:setup", request)
    if throttle.is_locked(request, user):
        logout(request)
        return throttle.lockout_response(request, user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        device = devices.verify(user, form.cleaned_data["code"])
        if device:
            signed_in(request, device)
            return redirect(next_url(request))
        if refused := refuse(request, form):
            return refused
    return page(request, "twofactor/verify.html", form=form, title=_("Second step"))


@sensitive_post_parameters("code")
@never_cache
def setup(request):
    if response := elsewhere(request):
        return response
    user = request.user
    if devices.has_second_factor(user):
        return to_step("twofactor:verify", request)
    if throttle.is_locked(request, user):
        logout(request)
        return throttle.lockout_response(request, user)
    device = devices.pending_authenticator(user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        if confirmed := devices.confirm_authenticator(device, form.cleaned_data["code"]):
            device, codes = confirmed
            signed_in(request, device)
            recovery = [grouped(code) for code in codes]
            title = _("Your recovery codes")
            return page(request, "twofactor/recovery_codes.html", codes=recovery, title=title)
        if refused := refuse(request, form):
            return refused
    return setup_page(request, device, form)


def setup_page(request, device, form):
    secret = b32encode(device.bin_key).decode()
    return page(
        request,
        "twofactor/setup.html",
        form=form,
        title=_("Set up your authenticator"),
        # Built from digits and an escaped label only (qr.svg): safe to place in the page.
        qr_code=mark_safe(qr.svg(device.config_url, _("QR code of your sign-in key"))),  # noqa: S308
        secret=" ".join(secret[index : index + 4] for index in range(0, len(secret), 4)),
    )
