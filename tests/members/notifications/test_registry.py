"""Every kind of event the apps publish is registered with a category and a
sentence that reads in every language; what is not registered is refused."""

import datetime
import re

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from bid import events
from members.notifications import registry
from members.notifications.followables import kind_of
from members.notifications.messages import message_for
from members.notifications.models import Category, Event, Notification
from tests.factories.organisations import organisation_with_admin

# The names are stored on every event row: they never change.
KINDS = {
    "proposal.submitted",
    "proposal.commented",
    "proposal.accepted",
    "proposal.rejected",
    "proposal.progress",
    "proposal.discontinued",
    "meeting.announced",
    "meeting.cancelled",
    "meeting.minutes_published",
    "decision.recorded",
    "contribution.issued",
    "contribution.paid",
    "contribution.overdue",
    "action.addressed",
    "action.updated",
    "action.overdue",
    "situation.published",
    "milestone.overdue",
    "agreement.notice_deadline",
    "agreement.obligation_due",
    "agreement.obligation_overdue",
    "premises.match",
}
DUE = datetime.date(2026, 3, 9)


def _params(kind: registry.EventKind) -> dict[str, str]:
    names = re.findall(r"%\((\w+)\)s", str(kind.message))
    return {
        name: DUE.isoformat() if name.endswith("_date") else f"<{name}>"
        for name in names
    }


def test_the_apps_register_every_kind_they_publish():
    assert {kind.name for kind in registry.event_kinds()} == KINDS
    for kind in registry.event_kinds():
        assert kind.category in Category.values


@pytest.mark.django_db
@pytest.mark.parametrize("kind", registry.event_kinds(), ids=str)
def test_each_kind_is_recorded_and_reads_in_every_language(kind):
    organisation, admin = organisation_with_admin(legal_name="Ämnet AB")
    params = _params(kind)
    kind.publish(
        subject=organisation,
        visibility=events.PUBLIC,
        recipients=[admin],
        params=params,
    )
    row = Notification.objects.get(user=admin).event
    assert (row.kind, row.category) == (kind.name, kind.category)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            # A translation naming other placeholders fails here (KeyError),
            # not quietly in a reader's inbox.
            shown = {
                name: date_format(DUE, "DATE_FORMAT")
                if name.endswith("_date")
                else value
                for name, value in params.items()
            }
            expected = str(kind.message) % shown
            assert message_for(row) == expected
            assert all(value in expected for value in shown.values())


@pytest.mark.django_db
def test_an_unregistered_kind_is_refused():
    organisation, admin = organisation_with_admin()
    with pytest.raises(LookupError, match="proposal.invented"):
        events.publish(
            "proposal.invented",
            subject=organisation,
            visibility=events.PUBLIC,
            recipients=[admin],
        )
    assert not Event.objects.exists()


def test_a_stored_event_of_a_kind_since_removed_reads_as_its_kind():
    assert message_for(Event(kind="proposal.invented")) == "proposal.invented"


def test_the_apps_register_what_may_be_followed(world):
    """The proposer sees their draft, the priority, the body and their area."""
    for name, subject in (
        ("proposal", world["proposal"]),
        ("priority", world["priority"]),
        ("body", world["body"]),
        ("area", world["centrum"]),
    ):
        assert kind_of(subject) == name
        assert registry.followable(name).visible(world["alice"]).filter(pk=subject.pk)
    assert kind_of(world["proposer"]) is None
