"""An Atom feed of meetings that honours the list's filters: follow "meetings on fentanyl"."""

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .filters import MeetingFilter
from .models import Meeting

FEED_SIZE = 50


def errors_as_text(errors):
    """
    A form's errors as plain text, one line per message. Not ErrorDict.as_text(): its
    template escapes the messages as if for HTML, and a plain-text answer would show "&lt;".
    """
    return "".join(
        f"* {name}: {error['message']}\n"
        for name, messages in errors.get_json_data().items()
        for error in messages
    )


class MeetingFeed(Feed):
    feed_type = Atom1Feed
    title = "Bilateral: meetings"
    subtitle = "Meetings between officials, with their sources."

    def __call__(self, request, *args, **kwargs):
        self.filterset = MeetingFilter(request.GET, queryset=Meeting.objects.published())
        if not self.filterset.is_valid():
            return HttpResponseBadRequest(
                "Invalid filters:\n" + errors_as_text(self.filterset.form.errors),
                content_type="text/plain; charset=utf-8",
            )
        self.query = request.GET.urlencode()
        return super().__call__(request, *args, **kwargs)

    def link(self):
        url = reverse("meeting-list")
        return f"{url}?{self.query}" if self.query else url

    def items(self):
        return (
            self.filterset.qs.select_related("city")
            .prefetch_related("participations__official")
            .order_by(*Meeting._meta.ordering)[:FEED_SIZE]
        )

    def item_title(self, meeting):
        return f"{meeting.title} ({meeting.display_date})"

    def item_description(self, meeting):
        names = ", ".join(p.official.name for p in meeting.participations.all())
        place = f" {meeting.city.name}." if meeting.city else ""
        return f"{meeting.summary}{place} Participants: {names}." if names else meeting.summary

    def item_updateddate(self, meeting):
        return meeting.updated

    def item_pubdate(self, meeting):
        return meeting.created
