"""The kinds of event the apps publish and the records they let people follow.

Each app declares its own in its `notices.py`, which `NotificationsConfig.ready`
imports; this app knows none of them by name."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet

from bid import events


@dataclass(frozen=True)
class EventKind:
    """One kind of event. `name` ("<app>.<what>") is stored on each event row,
    so it never changes; `category` (a `Category` value) decides how people
    hear of it; `message` is its sentence, filled with the event's params.
    `title`, for a subject whose name is generated text (not a title someone
    wrote), names it from the params in the reader's language; without one,
    the subject's name as it was when the event happened."""

    name: str
    category: str
    message: str
    title: str = ""

    def __str__(self) -> str:
        return self.name

    def publish(self, *, subject, visibility: str, **details) -> events.Event:
        """Publish an event of this kind (see `bid.events.publish`)."""
        return events.publish(
            self.name, subject=subject, visibility=visibility, **details
        )


@dataclass(frozen=True)
class Followable:
    """Records of one model people may follow: `name` is the kind the follow
    form posts, `visible(user)` the records this person may see (and follow)."""

    name: str
    model: type[Model]
    visible: Callable[[object], QuerySet]


_event_kinds: dict[str, EventKind] = {}
_followables: dict[str, Followable] = {}


Entry = TypeVar("Entry", EventKind, Followable)


def register(entry: Entry) -> Entry:
    """Register an event kind or a followable; returns it, to be kept as the
    app's constant."""
    registry = _event_kinds if isinstance(entry, EventKind) else _followables
    existing = registry.setdefault(entry.name, entry)
    if existing != entry:
        raise ImproperlyConfigured(f"{entry.name!r} is registered twice.")
    return entry


def event_kind(name: str) -> EventKind:
    """The registered kind of this name; LookupError if no app declares it."""
    try:
        return _event_kinds[name]
    except KeyError:
        raise LookupError(
            f"No app registers the event kind {name!r}: declare it in the "
            "publishing app's notices.py."
        ) from None


def event_kinds() -> list[EventKind]:
    return sorted(_event_kinds.values(), key=lambda kind: kind.name)


def followable(name: str) -> Followable | None:
    return _followables.get(name)


def followable_of(subject) -> Followable | None:
    """The followable kind this record belongs to, if any."""
    for entry in _followables.values():
        if isinstance(subject, entry.model):
            return entry
    return None
