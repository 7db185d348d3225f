"""A person's own data: the sections of their download and what happens before
their account is deleted, each registered by the app that holds the records.

Every app's `personal_data.py` (found by `AccountsConfig.ready`) registers the
sections it owns with `section(name, covers=[(Model, "user_field"), ...])`; the
`covers` list says which foreign keys to the user the section exports, and a
test fails when a foreign key to the user is covered by no section.

A section that lists records says where they come from (`source`). The
download reads every `records` section whose columns are plain text, number,
yes/no and date fields in one query (a UNION ALL of one JSON object per row);
it asks in one more which of the other sections hold any record of the person,
and reads only those. Its queries so grow with the kinds of record the person
has outside that union, never with the number of records.
"""

import datetime
import decimal
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models import Exists, F, IntegerField, Value, Window
from django.db.models.functions import JSONObject, RowNumber
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise
from wagtail.users.models import UserProfile

Column = str | Callable[[models.Model], object]
Source = Callable[[models.Model], models.QuerySet]


@dataclass(frozen=True)
class Section:
    """One part of the download: `export(user)` returns its JSON-ready value.

    With a `source`, `source(user)` is the queryset of the records the section
    lists; when it holds none the section is an empty list and `export` is
    not called."""

    name: str
    export: Callable
    covers: tuple[tuple[type[models.Model], str], ...]
    origin: str
    source: Source | None = None
    carried: "Carried | None" = None


@dataclass(frozen=True)
class Carried:
    """How the union reads a `records` section: each column's lookup and the
    field it ends on, and the order of the rows."""

    columns: dict[str, tuple[str, models.Field]]
    ordering: tuple


_sections: dict[str, Section] = {}
_before_delete: dict[str, Callable] = {}


def _key(function: Callable) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def section(
    name: str,
    *,
    covers: Iterable[tuple[type[models.Model], str]] = (),
    source: Source | None = None,
):
    """Register the decorated `export(user)` as the section `name` of the download.

    `source(user)`, when given, is the queryset of the records the section
    lists: a person without any gets an empty list without `export` running."""

    def register(export: Callable) -> Callable:
        _register(
            Section(name, export, tuple(covers), origin=_key(export), source=source)
        )
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
    prefetch: Iterable[str] = (),
    **columns: Column,
) -> Section:
    """Register a section listing the `model` rows whose `field` is the person.

    Each keyword names a column and gives a dotted attribute path
    ("organisation.legal_name") or a function of the row; `prefetch` names the
    many-valued relations a function reads, fetched in one query each.
    """
    related = _select_related(model, columns.values())
    prefetch = tuple(prefetch)
    carried = _carried(model, columns, order_by)

    def source(user) -> models.QuerySet:
        return model._default_manager.filter(**{field: user})

    def export(user) -> list[dict]:
        queryset = source(user).select_related(*related)
        if prefetch:
            queryset = queryset.prefetch_related(*prefetch)
        if order_by:
            queryset = queryset.order_by(*order_by)
        return rows(queryset, **columns)

    registered = Section(
        name,
        export,
        ((model, field),),
        origin=f"{model._meta.label}.{field}",
        source=source,
        carried=None if prefetch else carried,
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


# The fields whose values a JSON object carries from the database as they are
# (dates and times as text); anything else is read the usual way.
CARRIED_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.DateField,
)
# SQLite's json_object() takes at most 127 arguments, two a column.
MOST_CARRIED_COLUMNS = 60


def _carried(
    model: type[models.Model], columns: dict[str, Column], order_by: Iterable[str]
) -> Carried | None:
    """The union's reading of the section, or None when a column is a function,
    a property, a relation or a field of another kind."""
    if len(columns) > MOST_CARRIED_COLUMNS:
        return None
    carried = {}
    for column, how in columns.items():
        if callable(how):
            return None
        current, lookup = model, []
        *through, last = how.split(".")
        for attribute in through:
            try:
                field = current._meta.get_field(attribute)
            except FieldDoesNotExist:
                return None
            if not (field.many_to_one or field.one_to_one) or not field.concrete:
                return None
            lookup.append(attribute)
            current = field.related_model
        try:
            field = current._meta.get_field(last)
        except FieldDoesNotExist:
            return None
        if (
            not field.concrete
            or field.is_relation
            or not isinstance(field, CARRIED_FIELDS)
            or hasattr(field, "from_db_value")
        ):
            return None
        carried[column] = ("__".join([*lookup, field.name]), field)
    ordering = tuple(order_by) or tuple(model._meta.ordering) or ("pk",)
    if not all(_orders_by_a_field(model, term) for term in ordering):
        # Ordering by a relation orders by the related model's ordering,
        # which a window over the union would not repeat.
        return None
    return Carried(carried, ordering)


def _orders_by_a_field(model: type[models.Model], term) -> bool:
    if not isinstance(term, str):
        return False
    *through, last = term.removeprefix("-").split("__")
    current = model
    try:
        for attribute in through:
            field = current._meta.get_field(attribute)
            if not (field.many_to_one or field.one_to_one) or not field.concrete:
                return False
            current = field.related_model
        if last == "pk":
            return True
        field = current._meta.get_field(last)
    except FieldDoesNotExist:
        return False
    return field.concrete and not field.is_relation


def _from_json(value, field: models.Field):
    """The value a JSON object carried, as the field reads it from the database."""
    if value is None:
        return None
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(value)
        if timezone.is_naive(moment):
            # SQLite keeps the time in UTC without saying so.
            moment = timezone.make_aware(moment, datetime.UTC)
        return moment
    if isinstance(field, models.DateField):
        return datetime.date.fromisoformat(value)
    if isinstance(field, models.BooleanField):
        return bool(value)
    return value


def _carried_rows(user) -> dict[str, list[dict]]:
    """Every carried section's rows for the person, read in one query."""
    carried = [registered for registered in _sections.values() if registered.carried]
    if not carried:
        return {}
    branches = [
        registered.source(user)
        .order_by()
        .annotate(
            personal_data_section=Value(number, output_field=IntegerField()),
            personal_data_position=Window(
                RowNumber(), order_by=list(registered.carried.ordering)
            ),
            personal_data_row=JSONObject(
                **{
                    column: F(lookup)
                    for column, (lookup, _field) in registered.carried.columns.items()
                }
            ),
        )
        .values_list(
            "personal_data_section", "personal_data_position", "personal_data_row"
        )
        for number, registered in enumerate(carried)
    ]
    found: dict[int, list] = {}
    for number, position, row in branches[0].union(*branches[1:], all=True):
        found.setdefault(number, []).append((position, row))
    held = {}
    for number, registered in enumerate(carried):
        columns = registered.carried.columns
        held[registered.name] = [
            {
                column: json_value(_from_json(row[column], field))
                for column, (_lookup, field) in columns.items()
            }
            for _position, row in sorted(found.get(number, []), key=lambda x: x[0])
        ]
    return held


def sections() -> list[Section]:
    return list(_sections.values())


def covered() -> set[tuple[type[models.Model], str]]:
    """Every (model, field to the user) some section exports."""
    return {pair for registered in _sections.values() for pair in registered.covers}


def document(*, user) -> dict:
    """Everything held about the person, as one JSON-ready document."""
    data = {"exported_at": timezone.now().isoformat()}
    carried = _carried_rows(user)
    held = _sections_holding_records(user)
    for registered in _sections.values():
        if registered.carried:
            data[registered.name] = carried[registered.name]
        elif registered.source is None or registered.name in held:
            data[registered.name] = registered.export(user)
        else:
            data[registered.name] = []
    return data


def _sections_holding_records(user) -> set[str]:
    """The names of the sections with a source that holds any record of the
    person, asked in one query."""
    sourced = [
        registered
        for registered in _sections.values()
        if registered.source and not registered.carried
    ]
    if not sourced:
        return set()
    found = (
        get_user_model()
        ._default_manager.filter(pk=user.pk)
        .values(
            **{
                f"held_{number}": Exists(registered.source(user))
                for number, registered in enumerate(sourced)
            }
        )
        .get()
    )
    return {
        registered.name
        for number, registered in enumerate(sourced)
        if found[f"held_{number}"]
    }


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


def _authenticators(user) -> models.QuerySet:
    return Authenticator.objects.filter(user=user)


@section(
    "two_factor_methods",
    covers=[(Authenticator, "user")],
    source=_authenticators,
)
def _two_factor_methods(user) -> list[str]:
    # The kinds only: the secrets and recovery codes stay where they are.
    return sorted(_authenticators(user).values_list("type", flat=True))


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
