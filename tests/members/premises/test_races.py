"""A search request and a vacancy arriving at the same moment, and two owners
marking the same premises vacant at once, with commits for real: each pair is
matched once and its owners told once, never twice and never not at all.

Each side only sees what the other has committed, so both would miss each
other were they not queued; that needs real transactions
(`transaction=True`) and PostgreSQL (SQLite runs one writer at a time)."""

import time

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from home.models import Measurement
from members.notifications.models import Notification
from members.premises import services
from members.premises.models import Match, Premises
from tests.concurrency import run_together
from tests.factories.organisations import OrganisationMemberFactory
from tests.members.premises.world import build

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL; SQLite ignores them",
    ),
]


@pytest.fixture
def world():
    """The register of `world.build`, the corner shop's owner with a second
    administrator, and no mail sent yet."""
    world = build()
    world["other_second_admin"] = OrganisationMemberFactory(
        organisation=world["other"], role="admin"
    ).user
    mail.outbox.clear()
    return world


@pytest.fixture
def slow_matching(monkeypatch):
    """Both sides take a while between writing and looking for the other, so
    each looks while the other's write is not yet committed."""
    for name in ("matching_premises", "matching_requests"):
        selector = getattr(services, name)

        def slow(*, _selector=selector, **kwargs):
            time.sleep(0.3)
            return _selector(**kwargs)

        monkeypatch.setattr(services, name, slow)


def told(user) -> int:
    return Notification.objects.filter(user=user, event__kind="premises.match").count()


def owners(world) -> list:
    return [world["other_admin"], world["other_second_admin"]]


def assert_told_once(world):
    corner = world["corner"]
    assert list(Match.objects.values_list("premises", flat=True)) == [corner.pk]
    for owner in owners(world):
        assert told(owner) == 1, owner
    assert told(world["owner_admin"]) == 0
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        owner.email for owner in owners(world)
    )


def ask_for_a_large_shop(world):
    def run():
        return services.request_create(
            by=world["business_admin"],
            organisation=world["business"],
            use="shop",
            min_m2=150,
        )

    return run


def mark_vacant(world, by):
    def run():
        # Each request loads the premises itself, as the view does.
        premises = Premises.objects.get(pk=world["corner"].pk)
        return services.premises_set_status(premises=premises, by=by, status="vacant")

    return run


def test_a_request_and_a_vacancy_at_once_are_matched_once(world, slow_matching):
    results = run_together(
        ask_for_a_large_shop(world), mark_vacant(world, world["other_admin"])
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    assert_told_once(world)


def test_many_requests_while_the_premises_become_vacant_are_each_matched_once(
    world, slow_matching
):
    results = run_together(
        ask_for_a_large_shop(world),
        mark_vacant(world, world["other_admin"]),
        ask_for_a_large_shop(world),
        ask_for_a_large_shop(world),
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    requests = [r for r in results if not isinstance(r, Premises)]
    for request in requests:
        assert list(request.matches.values_list("premises", flat=True)) == [
            world["corner"].pk
        ]
    for owner in owners(world):
        assert told(owner) == 3, owner
    assert len(mail.outbox) == 3 * len(owners(world))


def test_two_owners_marking_the_same_premises_vacant_tell_once(world, slow_matching):
    ask_for_a_large_shop(world)()
    assert Match.objects.count() == 0
    # The first change of a day records the day's measurement too.
    Measurement.objects.filter(measured_on=timezone.localdate()).delete()

    results = run_together(
        mark_vacant(world, world["other_admin"]),
        mark_vacant(world, world["other_second_admin"]),
    )

    assert all(isinstance(r, Premises) for r in results), results
    assert_told_once(world)
    assert (
        world["indicator"].measurements.filter(measured_on=timezone.localdate()).count()
        == 1
    )


def test_an_edit_and_a_status_change_at_once_keep_both(world, monkeypatch):
    """Each request changes only what it was given, on the row as it is
    when its turn comes, not on the copy it loaded before."""
    check = Premises.full_clean

    def slow_check(self, *args, **kwargs):
        check(self, *args, **kwargs)
        time.sleep(0.3)

    monkeypatch.setattr(Premises, "full_clean", slow_check)
    corner = world["corner"]

    def describe():
        premises = Premises.objects.get(pk=corner.pk)
        return services.premises_update(
            premises=premises,
            by=world["other_second_admin"],
            description="Hörnlokal med skyltfönster åt två håll.",
        )

    results = run_together(describe, mark_vacant(world, world["other_admin"]))

    assert all(isinstance(r, Premises) for r in results), results
    corner.refresh_from_db()
    assert corner.status == Premises.Status.VACANT
    assert corner.description == "Hörnlokal med skyltfönster åt två håll."
