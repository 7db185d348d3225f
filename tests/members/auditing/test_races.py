"""Auditors' access changed at the same moment, with commits for real: a grant
given while another of the same person is revoked keeps its permission, and
two revocations of one grant record one. Row locks only hold outside a
test-wide transaction and SQLite ignores them, so these need PostgreSQL."""

import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from members.auditing import selectors, services
from members.auditing.models import AuditorGrant
from tests.concurrency import run_together
from tests.factories.accounts import MemberUserFactory, SecretariatUserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL; SQLite ignores them",
    ),
]

THIS_YEAR = timezone.localdate().year


def holds_audit_permission(user) -> bool:
    user = type(user).objects.get(pk=user.pk)
    return selectors.shows_audit(user)


def test_a_grant_given_while_another_is_revoked_keeps_the_permission(monkeypatch):
    secretariat = SecretariatUserFactory()
    person = MemberUserFactory(email="revisor@example.org")
    old = services.grant_create(
        by=secretariat,
        email=person.email,
        first_year=THIS_YEAR - 1,
        last_year=THIS_YEAR - 1,
    )
    # Slow the revocation between its check (no other active grant) and its
    # taking of the permission, so the new grant is given meanwhile unless
    # the two queue on the account.
    revoking = threading.local()
    permission = services._audit_permission

    def slow_permission():
        if getattr(revoking, "now", False):
            time.sleep(0.5)
        return permission()

    monkeypatch.setattr(services, "_audit_permission", slow_permission)

    def revoke():
        revoking.now = True
        return services.grant_revoke(by=secretariat, grant=old)

    def give():
        time.sleep(0.1)
        return services.grant_create(
            by=secretariat,
            email=person.email,
            first_year=THIS_YEAR,
            last_year=THIS_YEAR,
        )

    revoked, given = run_together(revoke, give)
    assert isinstance(revoked, AuditorGrant) and isinstance(given, AuditorGrant)
    assert selectors.audit_years(type(person).objects.get(pk=person.pk)) == {THIS_YEAR}
    assert holds_audit_permission(person)


def test_two_revocations_at_once_record_one():
    first, second = SecretariatUserFactory(), SecretariatUserFactory()
    person = MemberUserFactory(email="revisor@example.org")
    grant = services.grant_create(
        by=first, email=person.email, first_year=THIS_YEAR, last_year=THIS_YEAR
    )
    results = run_together(
        lambda: services.grant_revoke(by=first, grant=grant),
        lambda: services.grant_revoke(by=second, grant=grant),
    )
    assert all(isinstance(result, AuditorGrant) for result in results), results
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    revoked_at = {result.revoked_at for result in results}
    assert revoked_at == {grant.revoked_at}
    assert not holds_audit_permission(person)
