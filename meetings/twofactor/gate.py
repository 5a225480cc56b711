"""
The gate: a staff session signed in with a password alone reaches no admin page (index,
changelists, change and history pages, autocompletes, ...) and no draft preview. It is sent
to the second step, or to setting up an authenticator when it has none. Sign-in and sign-out
stay open, and so does everything that is not the admin's.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from .devices import has_second_factor

OPEN_ADMIN_VIEWS = {"login", "logout"}
GUARDED_VIEWS = {"meeting-preview"}


def is_guarded(match):
    """Whether the resolved URL is an admin page or a draft preview."""
    if match is None:
        return False
    if "admin" in match.namespaces:
        return match.url_name not in OPEN_ADMIN_VIEWS
    return match.url_name in GUARDED_VIEWS and not match.namespaces


def needs_second_factor(user):
    """A signed-in active staff user whose session has no verified second factor."""
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and not (hasattr(user, "is_verified") and user.is_verified())
    )


def second_step_url(user, next_url):
    name = "twofactor:verify" if has_second_factor(user) else "twofactor:setup"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware, which tells whether the session is verified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if is_guarded(request.resolver_match) and needs_second_factor(request.user):
            return redirect(second_step_url(request.user, request.get_full_path()))
        return None
