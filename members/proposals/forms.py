"""Forms of the proposals module."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bid.forms import (
    DATE_INPUT,
    RecordChoiceField,
    RecordMultipleChoiceField,
    fit_inputs,
)
from members.proposals.models import Proposal
from members.proposals.services import EDITABLE_FIELDS
from members.proposals.validators import ATTACHMENT_TYPES


class ProposalForm(forms.ModelForm):
    organisation = RecordChoiceField(label=_("Proposed by"), queryset=None)

    class Meta:
        model = Proposal
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "co_funding": forms.Textarea(attrs={"rows": 3}),
            "areas": forms.CheckboxSelectMultiple,
        }
        field_classes = {
            "priority": RecordChoiceField,
            "areas": RecordMultipleChoiceField,
        }

    def __init__(self, *args, organisations, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        first_two = list(organisations[:2])
        if len(first_two) == 1:
            self.fields["organisation"].initial = first_two[0]
        self.fields["priority"].queryset = priorities
        self.fields["priority"].label_from_instance = lambda page: page.title
        if self.instance.pk:
            del self.fields["organisation"]
        fit_inputs(
            self, estimated_cost_minor="amount", requested_funding_minor="amount"
        )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Attach a file"),
        help_text=_("PDF or image (PNG, JPEG, WebP), at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ATTACHMENT_TYPES)}),
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ProgressForm(forms.Form):
    reported_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    percent = forms.IntegerField(
        label=_("Percent complete"), min_value=0, max_value=100
    )
    text = forms.CharField(
        label=_("What happened"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fit_inputs(self, reported_on="date", percent="percent")


class DecisionForm(forms.Form):
    ACTIONS = [
        ("under_review", _("Take up for review")),
        ("accepted", _("Accept")),
        ("rejected", _("Reject")),
        ("in_progress", _("Mark as in progress")),
        ("completed", _("Mark as completed")),
    ]
    action = forms.ChoiceField(
        label=_("Step"), choices=ACTIONS, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Reasoning"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required to accept or reject; shown to members and sent to the proposer."
        ),
    )
    decision_reference = forms.CharField(
        label=_("Decision"),
        required=False,
        max_length=200,
        help_text=_("The meeting decision, e.g. “Board meeting 2026-03-12, § 4”."),
    )


class DiscontinueForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the project is discontinued"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the project's public page and sent to the proposer."),
        error_messages={"required": _("Say why the project is discontinued.")},
    )


class HideCommentForm(forms.Form):
    comment_id = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for hiding"), max_length=500)
