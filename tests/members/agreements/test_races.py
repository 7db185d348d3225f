"""The reminder command run twice at the same moment (two cron hosts, or a
retry overlapping a slow run), and a follow-up recorded twice at once, with
commits for real: each reminder goes out once, each year has one follow-up.

A unique constraint only queues the second insert when both run in their own
transactions, and a row lock only holds outside a test-wide transaction
(`transaction=True`); SQLite ignores row locks, so these need PostgreSQL."""

import datetime
import time

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from members.agreements import services
from members.agreements.models import Agreement, FollowUp, Reminder
from members.notifications.models import Notification
from tests.concurrency import run_together
from tests.factories.accounts import BoardUserFactory, SecretariatUserFactory
from tests.factories.contributions import member

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL; SQLite ignores them",
    ),
]

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def register():
    """Two agreements with a notice deadline within 60 days, one with an
    obligation due within 14 days and one overdue: four reminders to send."""
    party, _admin = member(legal_name="Kajfastigheter AB")
    board = BoardUserFactory()
    responsible = SecretariatUserFactory()
    made = [
        services.agreement_create(
            by=board,
            title=title,
            counterparty=party,
            kind=Agreement.Kind.SERVICE,
            starts_on=days(-100),
            ends_on=days(ends_in),
            notice_months=1,
            responsible=responsible,
        )
        for title, ends_in in (("Städning", 70), ("Vinterväghållning", 80))
    ]
    services.obligation_add(
        by=board, agreement=made[0], title="Rapport", kind="report", due_on=days(-2)
    )
    services.obligation_add(
        by=board, agreement=made[0], title="Revision", kind="audit", due_on=days(10)
    )
    mail.outbox.clear()
    return {"agreements": made, "board": board, "responsible": responsible}


@pytest.fixture
def slow_telling(monkeypatch):
    """Telling takes a while inside each reminder's transaction, so the runs
    overlap on every reminder rather than one finishing before the other
    starts."""
    tell = services._tell

    def slow(**kwargs):
        time.sleep(0.1)
        tell(**kwargs)

    monkeypatch.setattr(services, "_tell", slow)


def test_runs_at_the_same_moment_send_each_reminder_once(register, slow_telling):
    def remind():
        return services.agreements_remind(on=TODAY)

    results = run_together(remind, remind, remind)

    assert all(isinstance(result, int) for result in results), results
    assert sum(results) == 4
    assert sorted(Reminder.objects.values_list("kind", flat=True)) == [
        "notice",
        "notice",
        "obligation",
        "overdue",
    ]
    told = Notification.objects.filter(user=register["responsible"])
    assert sorted(told.values_list("event__kind", flat=True)) == [
        "agreement.notice_deadline",
        "agreement.notice_deadline",
        "agreement.obligation_due",
        "agreement.obligation_overdue",
    ]
    assert len(mail.outbox) == 4
    assert {message.to[0] for message in mail.outbox} == {register["responsible"].email}
    assert services.agreements_remind(on=TODAY) == 0
    assert len(mail.outbox) == 4


def test_a_follow_up_recorded_twice_at_once_is_kept_once(register):
    agreement = register["agreements"][0]

    def record(outcome):
        def run():
            return services.follow_up_record(
                by=register["responsible"],
                agreement=agreement,
                year=2026,
                delivered_as_agreed="yes",
                cost_as_agreed="yes",
                outcome=outcome,
            ).pk

        return run

    results = run_together(record("renew"), record("end"), record("renegotiate"))

    assert all(isinstance(result, int) for result in results), results
    assert len(set(results)) == 1
    follow_up = FollowUp.objects.get()
    assert (follow_up.agreement, follow_up.year) == (agreement, 2026)
    assert follow_up.outcome in {"renew", "end", "renegotiate"}
