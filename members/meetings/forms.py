from django import forms
from django.utils.translation import gettext_lazy as _


class ChangeRequestForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what should change.")},
    )
