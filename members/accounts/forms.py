from django import forms
from django.utils.translation import gettext_lazy as _

from members.accounts.models import User


def _name_fields() -> dict[str, forms.CharField]:
    """First and last name as the model holds them, with the browser's autofill.
    A last name is not asked of everyone: some people have one name."""
    first_name = User._meta.get_field("first_name").formfield(
        required=True,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = User._meta.get_field("last_name").formfield(
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    return {"first_name": first_name, "last_name": last_name}


class SignupForm(forms.Form):
    """What allauth's sign-up asks besides email and password
    (ACCOUNT_SIGNUP_FORM_CLASS): the person's name, shown wherever they act."""

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_name_fields())

    def signup(self, request, user):
        """Called by allauth once the account exists."""
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.save(update_fields=["first_name", "last_name"])


class NameForm(forms.Form):
    """The person's name under My account."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_name_fields())


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "class": "input--w30"}
        ),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and personal data will be deleted"),
    )
