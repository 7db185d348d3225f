"""A person's own data: the sections of their download and what happens before
their account is deleted, each registered by the app that holds the records.

Every app's `personal_data.py` (found by `AccountsConfig.ready`) registers the
sections it owns with `section(name, covers=[(Model, "user_field"), ...])`; the
`covers` list says which foreign keys to the user the section exports, and a
test fails when a foreign key to the user is covered by no section.
"""

import datetime
import decimal
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from wagtail.users.models import UserProfile

Column = str | Callable[[models.Model], object]


@dataclass(frozen=True)
class Section:
    """One part of the download: `export(user)` returns its JSON-ready value."""

    name: str
    export: Callable
    covers: tuple[tuple[type[models.Model], str], ...]
    origin: str


_sections: dict[str, Section] = {}
_before_delete: dict[str, Callable] = {}


def _key(function: Callable) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def section(name: str, *, covers: Iterable[tuple[type[models.Model], str]] = ()):
    """Register the decorated `export(user)` as the section `name` of the download."""

    def register(export: Callable) -> Callable:
        _register(Section(name, export, tuple(covers), origin=_key(export)))
        return export

    return register


def _register(new: Section) -> None:
    # An app's module may be imported twice; the same origin registers again.
    known = _sections.get(new.name)
    if known is not None and known.origin != new.origin:
        raise ImproperlyConfigured(
            f"The personal-data section {new.name!r} is registered twice: "
            f"by {known.origin} and by {new.origin}."
        )
    _sections[new.name] = new


def records(
    name: str,
    model: type[models.Model],
    field: str,
    /,
    *,
    order_by: Iterable[str] = (),
    **columns: Column,
) -> Section:
    """Register a section listing the `model` rows whose `field` is the person.

    Each keyword names a column and gives a dotted attribute path
    ("organisation.legal_name") or a function of the row.
    """
    related = _select_related(model, columns.values())

    def export(user) -> list[dict]:
        queryset = model._default_manager.filter(**{field: user}).select_related(
            *related
        )
        if order_by:
            queryset = queryset.order_by(*order_by)
        return rows(queryset, **columns)

    registered = Section(
        name, export, ((model, field),), origin=f"{model._meta.label}.{field}"
    )
    _register(registered)
    return registered


def rows(queryset: Iterable[models.Model], **columns: Column) -> list[dict]:
    """One JSON-ready dict per record, with the given columns."""
    return [
        {column: json_value(_read(record, how)) for column, how in columns.items()}
        for record in queryset
    ]


def json_value(value):
    """The value as JSON holds it: dates as ISO 8601, lazy text as text."""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID | Promise):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): json_value(item) for key, item in value.items()}
    return value


def _read(record: models.Model, how: Column):
    if callable(how):
        return how(record)
    value = record
    for attribute in how.split("."):
        if value is None:
            return None
        value = getattr(value, attribute)
    return value


def _select_related(model: type[models.Model], columns: Iterable[Column]) -> list:
    """The foreign keys a column path walks through, to fetch them in one query."""
    paths = set()
    for how in columns:
        if callable(how):
            continue
        current, walked = model, []
        for attribute in how.split(".")[:-1]:
            try:
                field = current._meta.get_field(attribute)
            except FieldDoesNotExist:
                break
            if not (field.many_to_one or field.one_to_one) or not field.concrete:
                break
            walked.append(attribute)
            current = field.related_model
        if walked:
            paths.add("__".join(walked))
    return sorted(paths)


def sections() -> list[Section]:
    return list(_sections.values())


def covered() -> set[tuple[type[models.Model], str]]:
    """Every (model, field to the user) some section exports."""
    return {pair for registered in _sections.values() for pair in registered.covers}


def document(*, user) -> dict:
    """Everything held about the person, as one JSON-ready document."""
    data = {"exported_at": timezone.now().isoformat()}
    for registered in _sections.values():
        data[registered.name] = registered.export(user)
    return data


def before_delete(handler: Callable) -> Callable:
    """Register `handler(user) -> list[str]`, run inside the deletion's
    transaction before the account goes. It may refuse by raising
    ValidationError; it returns the names of what the secretariat now looks
    after in the person's stead."""
    _before_delete[_key(handler)] = handler
    return handler


def before_delete_run(*, user) -> list[str]:
    handed_over = []
    for handler in _before_delete.values():
        handed_over.extend(handler(user))
    return handed_over


# The account itself and what the sign-in libraries keep about the person.


@section("account")
def _account(user) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "language": user.language,
        "date_joined": json_value(user.date_joined),
        "last_login": json_value(user.last_login),
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


records(
    "email_addresses",
    EmailAddress,
    "user",
    email="email",
    verified="verified",
    primary="primary",
)


@section("two_factor_methods", covers=[(Authenticator, "user")])
def _two_factor_methods(user) -> list[str]:
    # The kinds only: the secrets and recovery codes stay where they are.
    return sorted(
        Authenticator.objects.filter(user=user).values_list("type", flat=True)
    )


records(
    "admin_settings",
    UserProfile,
    "user",
    preferred_language="preferred_language",
    time_zone="current_time_zone",
    theme="theme",
    contrast="contrast",
    density="density",
    keyboard_shortcuts="keyboard_shortcuts",
    submitted_notifications="submitted_notifications",
    approved_notifications="approved_notifications",
    rejected_notifications="rejected_notifications",
    comment_notifications="updated_comments_notifications",
)
