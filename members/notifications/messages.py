"""The sentence each kind of event reads as, in the reader's language; the
kinds and their sentences are registered by the apps that publish them."""

import datetime

from django.utils.formats import date_format

from members.notifications import registry


def category_of(kind: str) -> str:
    """The kind's category; LookupError for a kind no app registers."""
    return registry.event_kind(kind).category


def _value(key: str, value):
    if key.endswith("_date") and value:
        try:
            return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    return value


def message_for(event) -> str:
    """The event's sentence in the active language; a stored event whose kind
    is no longer registered reads as its kind."""
    try:
        template = registry.event_kind(event.kind).message
    except LookupError:
        return event.kind
    params = {key: _value(key, value) for key, value in (event.params or {}).items()}
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template).split("%(")[0].strip()
