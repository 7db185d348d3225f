"""Form helpers shared by the apps' views, and how every form is rendered."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundWidget
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import TemplatesSetting
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


def add_errors(
    form: forms.BaseForm, error: ValidationError, aliases: dict | None = None
) -> None:
    """Show a service's ValidationError on the form: each field's message at
    the field (`aliases` maps a service's name for it to the form's), and what
    belongs to no field of the form above it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            field = (aliases or {}).get(name, name)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Record ids fit in 64 bits; SQLite raises OverflowError on a larger number
# instead of finding nothing, so such a choice is refused before the query.
MAX_ID = 2**63 - 1


def _fits(value) -> bool:
    try:
        return abs(int(str(value).strip())) <= MAX_ID
    except (TypeError, ValueError):
        return True  # not a number: Django's own check refuses it


class RecordChoiceField(forms.ModelChoiceField):
    """A choice of one record that refuses any id, however large, cleanly."""

    def to_python(self, value):
        if value not in self.empty_values and not _fits(value):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class RecordMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several records that refuses any id, however large, cleanly."""

    def _check_values(self, value):
        for pk in value:
            if not _fits(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class BoundField(forms.BoundField):
    """A field as bid/templates/forms/field.html shows it: the design system's
    class on its inputs, whether it is optional, and where an error links to."""

    @property
    def control_class(self) -> str:
        return " ".join(
            filter(None, ["ds-input", self.field.widget.attrs.get("class")])
        )

    @property
    def control(self) -> str:
        """The input, select or textarea with the design system's class."""
        return self.as_widget(attrs={"class": self.control_class})

    @cached_property
    def options(self) -> list:
        """The radios or checkboxes of a choice list, each with the class."""
        id_ = self.field.widget.attrs.get("id") or self.auto_id
        attrs = self.build_widget_attrs({"id": id_} if id_ else {})
        attrs["class"] = self.control_class
        return [
            BoundWidget(self.field.widget, widget, self.form.renderer)
            for widget in self.field.widget.subwidgets(
                self.html_name, self.value(), attrs=attrs
            )
        ]

    @property
    def is_checkbox(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxInput)

    @property
    def is_optional(self) -> bool:
        # A lone checkbox is optional by nature: ticking it is the answer.
        return not (self.field.required or self.field.disabled or self.is_checkbox)

    @property
    def error_anchor(self) -> str:
        """The id of the input an error summary's link moves to: the first
        option of a radio or checkbox list, else the input itself."""
        if self.use_fieldset:
            first = self.options[0].id_for_label if self.options else ""
            return first or f"{self.auto_id}_0"
        return self.id_for_label or self.auto_id


class FormRenderer(TemplatesSetting):
    """Every form of the site and portal in Designsystemet's pattern: label
    above the input, hint and one error linked by aria-describedby, an error
    summary on top (bid/templates/forms/)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = BoundField


class ClearableFileInput(forms.ClearableFileInput):
    """A file input whose current file and "remove" choice are labelled
    options of their own, not text run into the input's label."""

    template_name = "forms/widgets/clearable_file_input.html"


# How an input fits the data it asks for: the keyboard (inputmode), what the
# browser may fill in (autocomplete) and a width near the answer's length.
INPUT_KINDS = {
    "amount": {"inputmode": "decimal", "class": "input--w12"},
    "count": {"inputmode": "numeric", "class": "input--w6"},
    "small-number": {"inputmode": "numeric", "class": "input--w4"},
    "percent": {"inputmode": "numeric", "class": "input--w4"},
    "coordinate": {"inputmode": "decimal", "class": "input--w12"},
    "date": {"class": "input--w12"},
    "code": {"class": "input--w20", "autocomplete": "off", "spellcheck": "false"},
    "currency": {"class": "input--w8"},
    "email": {"autocomplete": "email", "inputmode": "email", "class": "input--w30"},
    "work-email": {
        "autocomplete": "work email",
        "inputmode": "email",
        "class": "input--w30",
    },
    "other-email": {"autocomplete": "off", "inputmode": "email", "class": "input--w30"},
    "tel": {"autocomplete": "tel", "inputmode": "tel", "class": "input--w20"},
    "name": {"autocomplete": "name", "class": "input--w30"},
    "organization": {"autocomplete": "organization"},
    "org-number": {
        "inputmode": "numeric",
        "autocomplete": "off",
        "class": "input--w12",
    },
    "address-line1": {"autocomplete": "address-line1"},
    "postal-code": {"autocomplete": "postal-code", "class": "input--w8"},
    "city": {"autocomplete": "address-level2", "class": "input--w20"},
    "url": {"autocomplete": "url", "inputmode": "url"},
    "current-password": {"autocomplete": "current-password", "class": "input--w30"},
}

CHOOSE = _("Choose…")


def fit_inputs(form: forms.BaseForm, **kinds: str) -> None:
    """Fit the named fields' inputs to their data (a key of INPUT_KINDS each),
    and give no field a "---------" choice: a radio list offers no blank, a
    required list with one choice comes chosen, a longer one asks to choose."""
    for name, kind in kinds.items():
        field = form.fields[name]
        attrs = dict(INPUT_KINDS[kind])
        if kind in {"amount", "coordinate"}:
            # type=number refuses "1 250 000,50" and drops what it refuses.
            number_only = {"min", "max", "step"}
            field.widget = forms.TextInput(
                attrs={
                    k: v for k, v in field.widget.attrs.items() if k not in number_only
                }
            )
        css = " ".join(
            filter(None, [field.widget.attrs.get("class"), attrs.pop("class", "")])
        )
        field.widget.attrs.update(attrs, **({"class": css} if css else {}))
    for field in form.fields.values():
        _drop_blank_choice(field)


class ReadChoices(ModelChoiceIterator):
    """A choice list's records as read once, so that rendering the list (and
    the select's check of its first option) asks no query again; setting the
    field's queryset anew replaces it."""

    def __init__(self, field: forms.ModelChoiceField, records: list) -> None:
        super().__init__(field)
        self.records = records

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for record in self.records:
            yield self.choice(record)

    def __len__(self) -> int:
        return len(self.records) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self.records)


def _drop_blank_choice(field: forms.Field) -> None:
    if not isinstance(field, forms.ChoiceField):
        return
    radios = isinstance(field.widget, forms.RadioSelect)
    if isinstance(field, forms.ModelChoiceField):
        if isinstance(field, forms.ModelMultipleChoiceField):
            return
        queryset = field.queryset
        if radios:
            field.empty_label = None
        elif field.required and queryset is not None:
            # Read once: whether there is one choice, and the choices shown.
            records = list(queryset)
            field.widget.choices = ReadChoices(field, records)
            if len(records) == 1:
                field.empty_label = None
                if field.initial is None:
                    field.initial = records[0].pk
            elif field.empty_label is not None:
                field.empty_label = CHOOSE
        elif field.empty_label is not None:
            field.empty_label = CHOOSE if field.required else _("None")
        return
    choices = list(field.choices)
    if not any(value in ("", None) for value, _label in choices):
        return
    if radios or (field.required and len(choices) == 2):
        field.choices = [c for c in choices if c[0] not in ("", None)]
        if len(field.choices) == 1 and field.required and field.initial is None:
            field.initial = field.choices[0][0]
    else:
        label = CHOOSE if field.required else _("None")
        field.choices = [
            ("", label) if value in ("", None) else (value, text)
            for value, text in choices
        ]


def submitted(request, form: forms.BaseForm, act, *, done, to):
    """The usual answer to a posted form: when it is valid, `act()` (a
    service call reading `form.cleaned_data`); a ValidationError it raises goes
    onto the form (`add_errors`), anything else gives the success message
    `done` and a redirect to `to`. `done` and `to` may be functions of what
    `act` returned. Returns the redirect, or None to show the form again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = act()
    except ValidationError as error:
        add_errors(form, error)
        return None
    messages.success(request, done(result) if callable(done) else done)
    return redirect(to(result) if callable(to) else to)


class FormsByButton:
    """A page of several forms, each posted by its own submit button: the
    first of `buttons` whose name the post holds is the one pressed, and only
    its form is bound (`data`, `files`) and answered (`submitted`)."""

    def __init__(self, request, *buttons: str):
        self.request = request
        post = request.POST if request.method == "POST" else {}
        self.pressed = next((name for name in buttons if name in post), None)

    def data(self, button: str):
        return self.request.POST if button == self.pressed else None

    def files(self, button: str):
        return self.request.FILES if button == self.pressed else None

    def submitted(self, answers: dict, *, to):
        """`answers` maps each button to its form, `act` and `done`, as
        `submitted` takes them; the pressed button's are answered."""
        if self.pressed is None:
            return None
        form, act, done = answers[self.pressed]
        return submitted(self.request, form, act, done=done, to=to)


# How the admin asks for a date: the browser's date picker, which reads and
# sends only ISO dates whatever the language.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
