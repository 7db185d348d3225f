"""Domain events: what happened to which record, and who may know about it.

Modules call `publish()` when a state change is worth telling people about;
subscribers (the notifications app) connect to `event_published`. A module never
imports a subscriber, and a subscriber never decides visibility on its own: the
publisher states it, because only the publishing module knows its rules.
"""

from dataclasses import dataclass, field

from django.dispatch import Signal

from bid.access import BOARD as BOARD
from bid.access import MEMBERS as MEMBERS
from bid.access import ORGANISATION as ORGANISATION
from bid.access import PUBLIC as PUBLIC
from bid.access import VISIBILITIES

event_published = Signal()


@dataclass(frozen=True)
class Event:
    """One thing that happened.

    `kind` is "<module>.<what>" (e.g. "proposal.accepted"). `subject` is the
    record the event is about; followers of it, or of any `related` record,
    hear of it. `visibility` is the widest audience that may see the subject,
    in the words of `bid.access` (public, members, board, or organisation:
    its organisations and the board); people of `organisations` may always
    see it. `recipients` are concerned directly (e.g. the proposing
    organisation's people), `emailed` those the module has already emailed
    about it, and `follow` those who start following the subject now.
    `params` fill the event's message (strings; keys ending in `_date` hold ISO
    dates and are shown in the reader's format)."""

    kind: str
    subject: object
    visibility: str
    actor: object = None
    related: tuple = ()
    organisations: tuple = ()
    recipients: tuple = ()
    emailed: tuple = ()
    follow: tuple = ()
    params: dict = field(default_factory=dict)
    url: str = ""


def publish(kind: str, *, subject, visibility: str, **details) -> Event:
    """Publish an event inside the caller's transaction: what subscribers
    record commits or rolls back with the change itself."""
    if visibility not in VISIBILITIES:
        raise ValueError(f"Unknown visibility {visibility!r}")
    details = {
        key: tuple(value) if key in _TUPLES else value for key, value in details.items()
    }
    event = Event(kind=kind, subject=subject, visibility=visibility, **details)
    event_published.send(sender=Event, event=event)
    return event


_TUPLES = {"related", "organisations", "recipients", "emailed", "follow"}
