"""Adjusting minutes in the member portal, and attachment downloads for whoever
may see the meeting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bid.access import hidden
from bid.actions import reported
from members.meetings import services
from members.meetings.forms import ChangeRequestForm
from members.meetings.models import Meeting, MeetingAttachment
from members.meetings.selectors import (
    adjustments_for,
    attachment_visibility,
    meetings_adjusted_by,
    meetings_with_files_for,
)

# An adjuster's step the minutes' state or the person's role does not allow.
REFUSED = (ValidationError, PermissionDenied)


@login_required
def adjustment_list(request):
    return TemplateResponse(
        request,
        "meetings/adjustment_list.html",
        {
            "waiting": adjustments_for(user=request.user).select_related("body"),
            "done": meetings_adjusted_by(user=request.user)
            .filter(adjusters__user=request.user, adjusters__approved_at__isnull=False)
            .select_related("body")
            .order_by("-starts_at")[:10],
        },
    )


def _adjusted_by(request, pk) -> Meeting:
    """Only the people named as adjusters open the minutes here, and after
    publication only if the meeting is for them (`meetings_adjusted_by`); for
    anyone else the meeting does not exist."""
    return get_object_or_404(
        meetings_adjusted_by(user=request.user).select_related("body"), pk=pk
    )


@login_required
def adjustment_detail(request, pk):
    meeting = _adjusted_by(request, pk)
    mine = meeting.adjusters.get(user=request.user)
    return TemplateResponse(
        request,
        "meetings/adjustment_detail.html",
        {
            "meeting": meeting,
            "mine": mine,
            "adjusters": meeting.adjusters.select_related("user"),
            "items": meeting.agenda_items.all(),
            "decisions": meeting.decisions.select_related("proposal"),
            "attendance": meeting.attendance.select_related("organisation"),
            "attachments": meeting.attachments.all(),
            "form": ChangeRequestForm(),
            "may_act": meeting.status == Meeting.Status.MINUTES_DRAFTED
            and mine.approved_at is None,
        },
    )


@login_required
@require_POST
def adjustment_approve(request, pk):
    meeting = _adjusted_by(request, pk)
    return reported(
        request,
        lambda: services.minutes_approve(meeting=meeting, by=request.user),
        done=lambda approved: (
            _("You approved the minutes. Everyone has now: they are published.")
            if approved.status == Meeting.Status.PUBLISHED
            else _("You approved the minutes. The other adjusters have been asked too.")
        ),
        to=reverse("portal:adjustment", args=[meeting.pk]),
        refused=REFUSED,
    )


@login_required
@require_POST
def adjustment_request_change(request, pk):
    meeting = _adjusted_by(request, pk)
    form = ChangeRequestForm(request.POST)
    if form.is_valid():
        return reported(
            request,
            lambda: services.minutes_request_change(
                meeting=meeting, by=request.user, comment=form.cleaned_data["comment"]
            ),
            done=_("Your request is sent to the secretary."),
            to=reverse("portal:adjustment", args=[meeting.pk]),
            refused=REFUSED,
        )
    for message in form.errors.get("comment", []):
        messages.error(request, message)
    return redirect("portal:adjustment", meeting.pk)


def attachment_download(request, pk):
    """Served through the meeting's visibility (or to its adjusters until the
    minutes are published), never as a public media address."""
    attachment = MeetingAttachment.objects.filter(
        meeting__in=meetings_with_files_for(user=request.user).values("pk"), pk=pk
    ).first()
    if attachment is None:
        return hidden(request, visibility=attachment_visibility(attachment_id=pk))
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        content_type=attachment.content_type or "application/octet-stream",
        as_attachment=not attachment.content_type.startswith("image/"),
        filename=f"{attachment.title}.{attachment.file.name.rsplit('.', 1)[-1]}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    return response
