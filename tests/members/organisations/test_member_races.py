"""Two administrators changing each other's roles at once, with commits for
real: an organisation keeps at least one administrator whatever the order.

Row locks need PostgreSQL (SQLite ignores them) and run outside a test-wide
transaction (`transaction=True`), as requests do; CI runs these there."""

import time

import pytest
from django.db import connection
from django.utils import translation

from bid.access import Refusal
from members.organisations import services
from members.organisations.models import OrganisationMember
from tests.concurrency import run_together
from tests.factories.organisations import (
    OrganisationMemberFactory,
    organisation_with_admin,
)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL; SQLite ignores them",
    ),
]

REFUSAL = "Only the organisation's administrators may do this."


@pytest.fixture
def two_admins(monkeypatch):
    """An organisation with exactly two administrators, and the "another
    administrator is left" check slowed down so both requests would pass it
    before either writes, were they not queued."""
    checked = services._admins_left

    def slow_check(*args, **kwargs):
        answer = checked(*args, **kwargs)
        time.sleep(0.3)
        return answer

    monkeypatch.setattr(services, "_admins_left", slow_check)
    organisation, first_user = organisation_with_admin()
    second = OrganisationMemberFactory(
        organisation=organisation, role=OrganisationMember.Role.ADMIN
    )
    first = organisation.members.get(user=first_user)
    return organisation, first, second


def in_english(call, **kwargs):
    def run():
        with translation.override("en"):
            return call(**kwargs)

    return run


def assert_one_won_and_one_was_refused(organisation, results):
    refusals = [r for r in results if isinstance(r, Refusal)]
    assert len(refusals) == 1, results
    assert refusals[0].reason == REFUSAL
    assert organisation.members.filter(role=OrganisationMember.Role.ADMIN).count() == 1


def test_two_admins_demoting_each_other_leave_one_admin(two_admins):
    organisation, first, second = two_admins
    results = run_together(
        in_english(
            services.member_set_role, member=second, role="contact", by=first.user
        ),
        in_english(
            services.member_set_role, member=first, role="contact", by=second.user
        ),
    )
    assert_one_won_and_one_was_refused(organisation, results)
    assert organisation.members.count() == 2


def test_two_admins_removing_each_other_leave_one_admin(two_admins):
    organisation, first, second = two_admins
    results = run_together(
        in_english(services.member_remove, member=second, by=first.user),
        in_english(services.member_remove, member=first, by=second.user),
    )
    assert_one_won_and_one_was_refused(organisation, results)
    assert organisation.members.count() == 1


def test_one_demotes_while_the_other_removes_and_one_admin_is_left(two_admins):
    organisation, first, second = two_admins
    results = run_together(
        in_english(
            services.member_set_role, member=second, role="contact", by=first.user
        ),
        in_english(services.member_remove, member=first, by=second.user),
    )
    assert_one_won_and_one_was_refused(organisation, results)
