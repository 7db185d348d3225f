"""Who of an event's recipients is told, decided for all of them at once: the
queries do not grow with the number of people."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bid import events
from members.notifications.models import Event, Notification
from tests.factories.accounts import BoardUserFactory, UserFactory
from tests.factories.contributions import member
from tests.factories.meetings import BodyFactory
from tests.factories.organisations import organisation_with_admin

pytestmark = pytest.mark.django_db


def crowd(size: int) -> list:
    """Members, people of organisations that are not members, people of none
    and the board, in turn."""
    makers = (
        lambda: member()[1],
        lambda: organisation_with_admin()[1],
        UserFactory,
        BoardUserFactory,
    )
    return [makers[n % len(makers)]() for n in range(size)]


def queries_to_publish(subject, people, visibility) -> int:
    with CaptureQueriesContext(connection) as queries:
        events.publish(
            "meeting.cancelled",
            subject=subject,
            visibility=visibility,
            recipients=people,
        )
    return len(queries)


def test_thirty_recipients_cost_the_queries_of_four():
    subject = BodyFactory()
    people = crowd(30)
    for visibility in events.VISIBILITIES:
        queries_to_publish(subject, people[:4], visibility)  # caches warmed
        assert queries_to_publish(subject, people, visibility) == queries_to_publish(
            subject, people[:4], visibility
        ), visibility


def test_each_audience_hears_what_it_may_see():
    subject = BodyFactory()
    people = crowd(8)
    members, outsiders, nobodies, board = (people[n::4] for n in range(4))
    own_org, own_person = organisation_with_admin()

    def told(visibility, **details) -> set:
        Notification.objects.all().delete()
        events.publish(
            "meeting.cancelled",
            subject=subject,
            visibility=visibility,
            recipients=[*people, own_person],
            **details,
        )
        return set(Notification.objects.values_list("user_id", flat=True))

    def ids(*groups) -> set:
        return {person.pk for group in groups for person in group}

    everyone = ids(people, [own_person])
    assert told(events.PUBLIC) == everyone
    assert told(events.MEMBERS) == ids(members, board)
    assert told(events.BOARD) == ids(board)
    assert told(events.ORGANISATION, organisations=[own_org]) == ids(
        board, [own_person]
    )
    assert told(events.BOARD, organisations=[own_org]) == ids(board, [own_person])


def test_events_stored_as_private_read_as_organisation_events():
    migration = importlib.import_module(
        "members.notifications.migrations.0002_event_visibility_organisation"
    )
    body = BodyFactory()
    own_org, own_person = organisation_with_admin()
    events.publish(
        "meeting.cancelled",
        subject=body,
        visibility=events.ORGANISATION,
        organisations=[own_org],
        recipients=[own_person],
    )
    Event.objects.update(visibility="private")  # as stored before
    migration.to_organisation(apps, None)
    assert set(Event.objects.values_list("visibility", flat=True)) == {"organisation"}
    migration.to_private(apps, None)
    assert set(Event.objects.values_list("visibility", flat=True)) == {"private"}
