"""Forms of the member portal: organisation, property, invitation."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from bid.forms import ClearableFileInput, RecordChoiceField, fit_inputs
from members.organisations.models import (
    Invitation,
    Organisation,
    OrganisationMember,
    Property,
)
from members.organisations.services import ORGANISATION_FIELDS, PROPERTY_FIELDS


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(
        label=capfirst(Organisation._meta.get_field("website").verbose_name),
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Organisation
        # What the organisation's people may change is what the service takes.
        fields = list(ORGANISATION_FIELDS)
        widgets = {
            "public_description": forms.Textarea(attrs={"rows": 3}),
            "logo": ClearableFileInput(
                attrs={"accept": "image/png,image/jpeg,image/webp"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fit_inputs(
            self,
            legal_name="organization",
            org_number="org-number",
            street_address="address-line1",
            postal_code="postal-code",
            city="city",
            invoice_email="work-email",
            peppol_id="code",
            buyer_reference="code",
            order_reference="code",
            website="url",
        )


FLOOR_AREA_ERROR = _("The gross floor area must be at least 1 m².")


class PropertyForm(forms.ModelForm):
    gross_floor_area_m2 = forms.IntegerField(
        label=capfirst(Property._meta.get_field("gross_floor_area_m2").verbose_name),
        min_value=1,
        error_messages={"min_value": FLOOR_AREA_ERROR},
    )

    class Meta:
        model = Property
        fields = list(PROPERTY_FIELDS)
        # The area is one of the situational picture's areas (the model's
        # choice of them, in their order).
        field_classes = {"area": RecordChoiceField}
        # The "(optional)" beside the label says what the model's hint began with.
        help_texts = {"assessed_value_minor": _("The tax assessment value.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].required = True
        fit_inputs(
            self,
            gross_floor_area_m2="count",
            assessed_value_minor="amount",
            assessed_value_currency="currency",
            latitude="coordinate",
            longitude="coordinate",
        )


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]
        help_texts = {
            "role": _(
                "Administrators manage people, properties and payments; "
                "contacts propose, report and read."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fit_inputs(self, email="other-email")


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=OrganisationMember.Role.choices)
