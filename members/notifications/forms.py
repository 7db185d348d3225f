from django import forms
from django.utils.translation import gettext_lazy as _

from members.notifications.models import Category, Delivery


class PreferencesForm(forms.Form):
    """One choice per category: at once, in the weekly digest, or no email."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for category in Category:
            self.fields[category.value] = forms.ChoiceField(
                label=category.label,
                choices=Delivery.choices,
                initial=current.get(category.value, Delivery.DIGEST),
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose one of the options.")},
            )
