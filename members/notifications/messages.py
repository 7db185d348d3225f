"""The sentence each kind of event reads as, in the reader's language."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from members.notifications.models import Category

CATEGORIES = {
    "proposal": Category.PROPOSALS,
    "meeting": Category.MEETINGS,
    "decision": Category.MEETINGS,
    "contribution": Category.CONTRIBUTIONS,
    "action": Category.SITUATION,
    "situation": Category.SITUATION,
}

MESSAGES = {
    "proposal.submitted": _("%(organisation)s submitted the proposal."),
    "proposal.commented": _("%(actor)s commented: “%(excerpt)s”"),
    "proposal.accepted": _("The board accepted the proposal."),
    "proposal.rejected": _("The board rejected the proposal."),
    "proposal.progress": _("Progress reported: %(percent)s %%."),
    "meeting.announced": _("A meeting is planned for %(starts_date)s."),
    "meeting.cancelled": _("The meeting is cancelled."),
    "meeting.minutes_published": _("The minutes are adjusted and published."),
    "decision.recorded": _("Decision %(reference)s: %(excerpt)s"),
    "contribution.issued": _("The contribution is issued, due %(due_date)s."),
    "contribution.paid": _("The contribution is paid in full."),
    "contribution.overdue": _("The contribution was due %(due_date)s and is unpaid."),
    "action.addressed": _("A new action item for %(party)s, due %(due_date)s."),
    "action.updated": _("%(party)s updated the action item."),
    "action.overdue": _("The action item for %(party)s was due %(due_date)s."),
    "situation.published": _("The situational picture of week %(week)s is ready."),
}


def category_of(kind: str) -> str:
    return CATEGORIES[kind.split(".", 1)[0]]


def _value(key: str, value):
    if key.endswith("_date") and value:
        try:
            return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    return value


def message_for(event) -> str:
    """The event's sentence in the active language."""
    template = MESSAGES.get(event.kind)
    if template is None:
        return event.kind
    params = {key: _value(key, value) for key, value in (event.params or {}).items()}
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template).split("%(")[0].strip()
