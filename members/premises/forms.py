"""The forms of the premises: an owner's premises, a member business's search
request in the portal, and the search request of a business outside the
register on the public page."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from bid.forms import DATE_INPUT, RecordMultipleChoiceField, fit_inputs
from members.areas.models import Area
from members.premises.models import Premises, PremisesRequest
from members.premises.services import PREMISES_FIELDS, REQUEST_FIELDS

FLOOR_AREA_ERROR = _("The floor area must be at least 1 m².")


class PremisesForm(forms.ModelForm):
    floor_area_m2 = forms.IntegerField(
        label=capfirst(Premises._meta.get_field("floor_area_m2").verbose_name),
        min_value=1,
        error_messages={"min_value": FLOOR_AREA_ERROR},
    )

    class Meta:
        model = Premises
        fields = list(PREMISES_FIELDS)
        widgets = {
            "vacant_since": DATE_INPUT,
            "status": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "vacant_since": _("Needed when the premises are vacant."),
            "rent_public": _(
                "Unticked, the asking rent is shown only to your organisation "
                "and the secretariat."
            ),
            "contact_email": _("Shown publicly while the premises are vacant."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fit_inputs(
            self,
            floor_area_m2="count",
            vacant_since="date",
            contact_name="name",
            contact_email="other-email",
            contact_phone="tel",
        )


class RequestForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("For"), queryset=None, empty_label=None
    )
    areas = RecordMultipleChoiceField(
        label=_("Areas"),
        queryset=Area.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: anywhere in the district."),
    )

    class Meta:
        model = PremisesRequest
        fields = ["organisation", *REQUEST_FIELDS[:3], "areas", *REQUEST_FIELDS[3:]]
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["min_m2"].min_value = 0
        fit_inputs(self, min_m2="count", max_m2="count")


class PublicRequestForm(forms.ModelForm):
    """A business not in the register (yet) looking for premises: who to
    answer, what it looks for, and its agreement to be contacted."""

    areas = RecordMultipleChoiceField(
        label=_("Areas"),
        queryset=Area.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: anywhere in the district."),
    )
    consent = forms.BooleanField(
        label=_(
            "The owners of premises that fit may contact me, and the BID keeps "
            "my request until I ask to have it removed."
        ),
        error_messages={
            "required": _("Agree to be contacted, or the owners cannot answer you.")
        },
    )

    class Meta:
        model = PremisesRequest
        fields = [
            "name",
            "email",
            *REQUEST_FIELDS[:3],
            "areas",
            *REQUEST_FIELDS[3:],
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["email"].required = True
        self.fields["min_m2"].min_value = 0
        fit_inputs(
            self,
            name="organization",
            email="work-email",
            min_m2="count",
            max_m2="count",
        )
