"""A person's own account: their name, everything held about them, and deleting
the account."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.accounts import personal_data


def user_name_update(*, user, first_name: str, last_name: str) -> None:
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.full_clean(validate_unique=False, validate_constraints=False)
    user.save(update_fields=["first_name", "last_name"])


def user_data_export(*, user) -> dict:
    """All personal data of the account, as one JSON-ready document: the
    sections every app registers in its `personal_data.py`."""
    return personal_data.document(user=user)


@transaction.atomic
def user_delete(*, user, password: str) -> list[str]:
    """Delete the account after checking the password.

    What the apps must do first runs before (organisations the person alone
    administers are handed to the secretariat, never deleted). Returns the
    names of what the secretariat now looks after.
    """
    if not user.check_password(password):
        raise ValidationError({"password": _("The password is not correct.")})
    handed_over = personal_data.before_delete_run(user=user)
    user.delete()
    return handed_over
