"""Changing a record from a service's keyword arguments: only the fields the
service names may be given, and text is stored without surrounding space."""

from django.db import models


def fields_set(record: models.Model, data: dict, *, allowed, what: str) -> None:
    """Set each field of `data` on `record`; a name outside `allowed` is a
    caller's mistake (TypeError naming `what`, e.g. "an agreement")."""
    for name, value in data.items():
        if name not in allowed:
            raise TypeError(f"{name!r} is not {what} field one may change")
        setattr(record, name, value.strip() if isinstance(value, str) else value)


def record_update(record: models.Model, data: dict, *, allowed, what: str):
    """The record's row locked until the caller's transaction ends, the given
    fields set (`fields_set`), checked and saved."""
    record = type(record).objects.select_for_update().get(pk=record.pk)
    fields_set(record, data, allowed=allowed, what=what)
    record.full_clean()
    record.save()
    return record
