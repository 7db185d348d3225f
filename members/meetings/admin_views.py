"""Recording meetings in the admin: the edit form refuses locked minutes; the
record page carries the steps (held, send for adjustment, cancel, correct)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_required
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.admin.views.generic.models import (
    CreateView,
    DeleteView,
    EditView,
    InspectView,
)

from bid.access import may
from bid.params import id_or_none
from members.meetings import exports, services
from members.meetings.models import MINUTES_FEATURES, AgendaItem, Meeting


def _minutes_widget():
    """The rich-text editor, reading a malformed submission as empty (so the
    form says what is missing) instead of failing."""
    widget = get_rich_text_editor_widget(features=MINUTES_FEATURES)

    class Lenient(type(widget)):
        def value_from_datadict(self, data, files, name):
            try:
                return super().value_from_datadict(data, files, name)
            except ValueError:
                return None

    widget.__class__ = Lenient
    return widget


class CorrectionForm(forms.Form):
    minutes = forms.CharField(label=_("Corrected minutes"), widget=_minutes_widget())
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MeetingCreateView(CreateView):
    def save_instance(self):
        meeting = super().save_instance()
        services.decisions_number(meeting=meeting)
        if meeting.status == meeting.Status.PLANNED:
            services.meeting_announce(meeting=meeting, by=self.request.user)
        return meeting

    def get_success_url(self):
        return reverse("meetings_meeting:inspect", args=[self.object.pk])


class MeetingEditView(EditView):
    """Locked minutes are never edited here: a correction is a revision."""

    def dispatch(self, request, *args, **kwargs):
        meeting = get_object_or_404(Meeting, pk=kwargs["pk"])
        if meeting.is_locked:
            messages.error(
                request,
                _("The minutes are adjusted and locked. Record a correction instead."),
            )
            return redirect("meetings_meeting:inspect", meeting.pk)
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        meeting = super().save_instance()
        services.decisions_number(meeting=meeting)
        services.minutes_edited(meeting=meeting, by=self.request.user)
        return meeting

    def get_success_url(self):
        return reverse("meetings_meeting:inspect", args=[self.object.pk])


class MeetingDeleteView(DeleteView):
    """A published record is the district's memory and is never deleted."""

    def dispatch(self, request, *args, **kwargs):
        meeting = get_object_or_404(Meeting, pk=kwargs["pk"])
        if meeting.is_locked:
            messages.error(request, _("Adjusted minutes cannot be deleted."))
            return redirect("meetings_meeting:inspect", meeting.pk)
        return super().dispatch(request, *args, **kwargs)


class MeetingRecordView(InspectView):
    template_name = "meetings/admin/record.html"

    def get_page_title(self):
        return _("Meeting record")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        correcting = None
        if meeting.is_locked and may(self.request.user, "record_meeting"):
            correcting = meeting.agenda_items.filter(
                pk=id_or_none(
                    self.request.GET.get("correct") or self.request.POST.get("item")
                )
            ).first()
        form = kwargs.get("form")
        if correcting and form is None:
            form = CorrectionForm(initial={"minutes": correcting.minutes})
        context.update(
            {
                "meeting": meeting,
                "items": meeting.agenda_items.all(),
                "decisions": meeting.decisions.select_related("proposal"),
                "adjusters": meeting.adjusters.select_related("user"),
                "events": meeting.events.all(),
                "revisions": meeting.revisions.select_related("agenda_item"),
                "may_record": may(self.request.user, "record_meeting"),
                "error": kwargs.get("error"),
                "correcting": correcting,
                "form": form,
                "media": form.media if form else forms.Media(),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        meeting = self.object
        action = request.POST.get("action")
        try:
            if action == "held":
                services.meeting_mark_held(meeting=meeting, by=request.user)
                messages.success(request, _("The meeting is marked as held."))
            elif action == "adjust":
                services.minutes_send_for_adjustment(meeting=meeting, by=request.user)
                messages.success(request, _("The minutes are sent to the adjusters."))
            elif action == "cancel":
                services.meeting_cancel(
                    meeting=meeting,
                    by=request.user,
                    reason=request.POST.get("reason", ""),
                )
                messages.success(request, _("The meeting is cancelled."))
            elif action == "correct":
                item = get_object_or_404(
                    AgendaItem, pk=id_or_none(request.POST.get("item")), meeting=meeting
                )
                form = CorrectionForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form))
                services.minutes_correct(
                    item=item,
                    by=request.user,
                    minutes=form.cleaned_data["minutes"],
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("The correction is recorded."))
        except ValidationError as error:
            return self.render_to_response(
                self.get_context_data(error=" ".join(error.messages))
            )
        return redirect(request.path)


@permission_required("meetings.view_meeting")
def decisions_csv(request):
    return exports.decisions_csv()
