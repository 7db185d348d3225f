"""Form helpers shared by the apps' views."""

from django import forms
from django.core.exceptions import ValidationError


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
