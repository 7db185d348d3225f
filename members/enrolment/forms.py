"""Forms of an application: its properties and message, and the terms to accept."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bid.forms import RecordMultipleChoiceField, fit_inputs


class EnrolmentForm(forms.Form):
    properties = RecordMultipleChoiceField(
        label=_("Properties to enrol"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    message = forms.CharField(
        label=_("Message to the board"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Anything the board should know, or your answer to its questions."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["properties"].queryset = organisation.properties.order_by(
            "designation"
        )
        fit_inputs(self)


class SubmitForm(forms.Form):
    terms = forms.IntegerField(widget=forms.HiddenInput)
    accept_terms = forms.BooleanField(
        label=_(
            "I have read and accept the membership terms on behalf of the organisation"
        ),
        required=False,
    )


class ReviewForm(forms.Form):
    ACTIONS = [
        ("request_information", _("Ask for more information")),
        ("approve", _("Approve")),
        ("reject", _("Reject")),
    ]
    action = forms.ChoiceField(
        label=_("Decision"), choices=ACTIONS, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment to the applicant"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required when asking for information or rejecting; "
            "emailed to the applicant."
        ),
    )
