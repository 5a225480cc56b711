"""
django-axes counts a wrong second-step code as a failed sign-in of that account, from that
address, under the lockout parameters of the settings; the account's failures are cleared
only when both steps have succeeded (AXES_RESET_ON_SUCCESS is off for the password step).
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_credentials, get_lockout_response
from django.contrib.auth.signals import user_login_failed

SENDER = "meetings.twofactor"


def credentials_of(user):
    return get_credentials(user.get_username())


def is_locked(request, user):
    return AxesProxyHandler.is_locked(request, credentials_of(user))


def lockout_response(request, user):
    return get_lockout_response(request, None, credentials_of(user))


def record_failure(request, user):
    """Count a wrong code; True when the account (or address) is now locked out."""
    user_login_failed.send(sender=SENDER, credentials=credentials_of(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def record_success(request, user):
    """Both steps succeeded: the account's earlier failures no longer count."""
    AxesProxyHandler.update_request(request)
    AxesProxyHandler.get_implementation().reset_user_attempts(request, credentials_of(user))
