"""
From a release to a reviewed draft, in the admin: "New meeting from a release" (paste the text
or upload a .txt/.html file), the review page (the text with every proposed fact highlighted
at its passage, each proposal accepted, edited or rejected), then submitting for review and,
for reviewers only (``meetings.publish_meeting``), publishing. The views only check
permissions and forms; the writing is ``meetings.drafting.db``.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from ..drafting.db import accept, create_draft, reject
from ..drafting.proposals import FIELDS, segments
from ..drafting.text import html_to_text, looks_like_html
from ..models import (
    AgreementKind,
    DatePrecision,
    Meeting,
    ParticipationRole,
    Proposal,
    Source,
)

UPLOAD_TYPES = (".txt", ".html", ".htm")
UPLOAD_MAX = 2 * 1024 * 1024
# What an editor may change in a proposal, by kind (the reader's slugs and flags stay).
EDITABLE = {
    kind: [key for key in keys if key not in ("slug", "speaker_slug", "city_slug")]
    for kind, keys in FIELDS.items()
}
FLAGS = {"date_inferred", "side_inferred", "attributed_by_context", "implied"}
PUBLISH = "meetings.publish_meeting"
# Fields chosen from a list, not typed.
CHOICES = {
    "role": ParticipationRole.choices,
    "date_precision": DatePrecision.choices,
    "kind": AgreementKind.choices,
}


class ReleaseForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the release"),
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,
        strip=False,  # verbatim; only the browser's CRLF line ends become LF
    )
    file = forms.FileField(
        label=_("…or a file (.txt or .html)"),
        required=False,
        help_text=_("HTML is reduced to text."),
    )
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    url = forms.URLField(label=_("URL"), max_length=500, required=False)
    publisher = forms.CharField(label=_("Publisher"), max_length=200, required=False)
    published = forms.DateField(
        label=_("Publication date"), required=False, help_text=_("YYYY-MM-DD, when known.")
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        if not upload.name.lower().endswith(UPLOAD_TYPES):
            raise ValidationError(_("Upload a .txt or .html file."))
        if upload.size > UPLOAD_MAX:
            raise ValidationError(_("The file is larger than 2 MB."))
        try:
            content = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not UTF-8 text.")) from None
        is_html = upload.name.lower().endswith((".html", ".htm")) or looks_like_html(content)
        content = content.replace("\r\n", "\n")
        return upload.name, html_to_text(content) if is_html else content

    def clean(self):
        cleaned = super().clean()
        cleaned["text"] = (cleaned.get("text") or "").replace("\r\n", "\n")
        if not cleaned["text"].strip() and not cleaned.get("file"):
            raise ValidationError(_("Paste the release's text or upload its file."))
        return cleaned


def proposal_form(proposal, data=None):
    """A plain form of the proposal's editable fields, filled with what the reader proposed."""
    form = forms.Form(data)
    for key in EDITABLE[proposal.kind]:
        value = proposal.payload.get(key)
        if key in FLAGS:
            form.fields[key] = forms.BooleanField(required=False, initial=bool(value))
        elif key in CHOICES:
            form.fields[key] = forms.ChoiceField(choices=CHOICES[key], initial=value)
        else:
            widget = forms.Textarea(attrs={"rows": 6}) if key == "text" else None
            form.fields[key] = forms.CharField(
                required=False, initial=value or "", widget=widget, label=key.replace("_", " ")
            )
    return form


class DraftingAdminMixin:
    """The Meeting admin's drafting pages."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "from-release/", view(self.from_release_view), name="meetings_meeting_from_release"
            ),
            path("<int:pk>/review/", view(self.review_view), name="meetings_meeting_review"),
            path("<int:pk>/submit/", view(self.submit_view), name="meetings_meeting_submit"),
            path("<int:pk>/publish/", view(self.publish_view), name="meetings_meeting_publish"),
            path(
                "proposal/<int:pk>/decide/",
                view(self.decide_view),
                name="meetings_meeting_decide",
            ),
            path("proposal/<int:pk>/edit/", view(self.edit_view), name="meetings_meeting_edit"),
            *super().get_urls(),
        ]

    def _context(self, request, title, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **context,
        }

    def from_release_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ReleaseForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            file_name, text = data["file"] or ("", data["text"])
            meeting = create_draft(
                text,
                title=data["title"],
                url=data["url"],
                publisher=data["publisher"],
                published=data["published"],
                file_name=file_name,
                user=request.user,
            )
            self.log_addition(request, meeting, "Drafted from a release.")
            messages.success(request, _("Draft made: check each proposed fact."))
            return redirect("admin:meetings_meeting_review", meeting.pk)
        context = self._context(request, _("New meeting from a release"), form=form)
        return TemplateResponse(request, "admin/meetings/meeting/from_release.html", context)

    def review_view(self, request, pk):
        meeting = get_object_or_404(Meeting, pk=pk)
        if not self.has_view_or_change_permission(request, meeting):
            raise PermissionDenied
        proposals = list(meeting.proposals.all())  # the source's text once, not per row
        source = Source.objects.filter(pk=proposals[0].source_id).first() if proposals else None
        source = source or meeting.sources.first()
        spans = [
            (p.pk, p.kind, p.start, p.end) for p in proposals if source and p.source_id == source.pk
        ]
        context = self._context(
            request,
            _("Review: %(title)s") % {"title": meeting.title},
            meeting=meeting,
            source=source,
            segments=segments(source.text, spans) if source else [],
            proposals=proposals,
            pending=sum(p.decision == Proposal.Decision.PENDING for p in proposals),
            can_publish=request.user.has_perm(PUBLISH),
        )
        return TemplateResponse(request, "admin/meetings/meeting/review.html", context)

    def _proposal(self, request, pk):
        proposal = get_object_or_404(Proposal.objects.select_related("meeting", "source"), pk=pk)
        if not self.has_change_permission(request, proposal.meeting):
            raise PermissionDenied
        return proposal

    def decide_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        proposal = self._proposal(request, pk)
        decision = request.POST.get("decision")
        try:
            if decision == "accept":
                accept(proposal, request.user)
            elif decision == "reject":
                reject(proposal, request.user)
            else:
                messages.error(request, _("Choose accept or reject."))
        except ValidationError as error:
            messages.error(request, f"{proposal}: {' '.join(error.messages)}")
        return redirect(
            f"{reverse('admin:meetings_meeting_review', args=[proposal.meeting_id])}#proposal-{pk}"
        )

    def edit_view(self, request, pk):
        proposal = self._proposal(request, pk)
        form = proposal_form(proposal, request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                accept(proposal, request.user, payload=form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Edited and accepted."))
                url = reverse("admin:meetings_meeting_review", args=[proposal.meeting_id])
                return redirect(f"{url}#proposal-{pk}")
        context = self._context(
            request, _("Edit the proposal: %(p)s") % {"p": proposal}, proposal=proposal, form=form
        )
        return TemplateResponse(request, "admin/meetings/meeting/edit_proposal.html", context)

    def submit_view(self, request, pk):
        return self._move(
            request, pk, Meeting.Status.DRAFT, Meeting.Status.IN_REVIEW, _("Submitted for review")
        )

    def publish_view(self, request, pk):
        if not request.user.has_perm(PUBLISH):
            raise PermissionDenied
        return self._move(
            request, pk, Meeting.Status.IN_REVIEW, Meeting.Status.PUBLISHED, _("Published")
        )

    def _move(self, request, pk, before, after, done):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        meeting = get_object_or_404(Meeting, pk=pk)
        if not self.has_change_permission(request, meeting):
            raise PermissionDenied
        if meeting.status != before:
            messages.error(
                request,
                _("This meeting is not %(status)s.") % {"status": Meeting.Status(before).label},
            )
        else:
            meeting.status = after
            meeting._change_reason = str(done)
            meeting.save(update_fields=["status", "updated"])
            self.log_change(request, meeting, f"{done}.")
            messages.success(request, f"{done}.")
        return redirect("admin:meetings_meeting_review", meeting.pk)
