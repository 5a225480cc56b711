"""
A draft as its public page will show it, for staff who may view meetings: the admin's
"View on site" of a draft opens it. Never cached nor indexed; anyone else gets the 404 that
an unpublished meeting gives on the public page.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..models import Meeting
from .meetings import sides


def may_preview(user):
    return user.is_active and user.is_staff and user.has_perm("meetings.view_meeting")


@require_safe
@never_cache
def meeting_preview(request, slug):
    if not may_preview(request.user):
        raise Http404(_("No meeting found."))
    meeting = get_object_or_404(Meeting.objects.with_related(), slug=slug)
    context = {"meeting": meeting, "sides": sides(meeting), "preview": True}
    response = render(request, "meetings/meeting_preview.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
