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


def _fill(template, event) -> str:
    params = {key: _value(key, value) for key, value in (event.params or {}).items()}
    return str(template) % params


def title_for(event) -> str:
    """What the event is about, in the active language when its kind names
    it from the params; otherwise (and for events stored before the params
    named it) the subject's name as it was stored."""
    try:
        template = registry.event_kind(event.kind).title
    except LookupError:
        template = ""
    if template:
        try:
            return _fill(template, event)
        except (KeyError, TypeError, ValueError):
            pass
    return event.subject_label


def message_for(event) -> str:
    """The event's sentence in the active language; a stored event whose kind
    is no longer registered reads as its kind."""
    try:
        template = registry.event_kind(event.kind).message
    except LookupError:
        return event.kind
    try:
        return _fill(template, event)
    except (KeyError, TypeError, ValueError):
        return str(template).split("%(")[0].strip()
