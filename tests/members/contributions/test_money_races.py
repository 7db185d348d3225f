"""The ledger under real concurrency: threads against PostgreSQL.

Each test commits for real (`transaction=True`), so the requests running in
threads see each other's rows and locks as production requests do. SQLite
ignores row locks, so these tests need PostgreSQL (CI runs them there).
"""

import datetime
import random
import time

import pytest
from django.db import connection
from django.test import Client

from members.contributions import gateway, services
from members.contributions.models import (
    Contribution,
    ContributionScheme,
    LedgerEntry,
    PaymentAttempt,
    PaymentReview,
    StripeEvent,
)
from members.notifications.models import Event as NotificationEvent
from members.organisations.models import OrganisationMember
from tests.concurrency import run_together
from tests.factories.contributions import SchemeFactory, member
from tests.stripe_support import event, intent_object, post_event, refunded_charge

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL; SQLite ignores them",
    ),
]


def issue(*properties, legal_name="Kajen AB"):
    if not ContributionScheme.objects.exists():
        SchemeFactory(due_date=datetime.date(2099, 1, 1))
    organisation, admin = member(
        properties=properties or [(2000, "office")], legal_name=legal_name
    )
    services.contributions_issue(
        scheme=ContributionScheme.objects.get(), on=datetime.date(2026, 1, 15)
    )
    return Contribution.objects.get(organisation=organisation), admin


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def paid_events(contribution) -> int:
    return NotificationEvent.objects.filter(
        kind="contribution.paid", object_id=contribution.pk
    ).count()


def test_two_card_payments_at_once_charge_once(stripe_settings, monkeypatch):
    """Two tabs (or two administrators) press Pay at the same moment."""
    contribution, admin = issue()
    other_admin = member(legal_name="Annan AB")[1]
    OrganisationMember.objects.create(
        organisation=contribution.organisation,
        user=other_admin,
        role=OrganisationMember.Role.ADMIN,
    )
    create = gateway.card_payment_create
    calls = []

    def slow_create(**kwargs):
        # Stripe takes its time: the second request arrives while the first
        # is still being charged.
        calls.append(kwargs["idempotency_key"])
        time.sleep(0.5)
        return create(**kwargs)

    monkeypatch.setattr(gateway, "card_payment_create", slow_create)
    url = f"/en/portal/contributions/{contribution.pk}/pay/"
    tokens = [stripe_settings.token(), stripe_settings.token()]
    clients = [signed_in(admin), signed_in(other_admin)]

    responses = run_together(
        *(
            (lambda c=c, t=t: c.post(url, {"stripe_token": t}))
            for c, t in zip(clients, tokens, strict=True)
        )
    )

    bodies = sorted((response.status_code, response.json()) for response in responses)
    assert [code for code, _body in bodies] == [200, 400]
    assert bodies[0][1]["status"] == "succeeded"
    assert "already in progress" in bodies[1][1]["error"]
    assert len(calls) == 1  # Stripe was asked once
    assert list(LedgerEntry.objects.values_list("kind", "amount_minor")) == [
        ("card_payment", 25_000_00)
    ]
    assert PaymentAttempt.objects.get().status == "succeeded"
    assert contribution.balance()["paid"] == 25_000_00


def test_a_payment_after_an_unfinished_one_is_refused_until_it_is_stale(
    stripe_settings,
):
    contribution, admin = issue()
    PaymentAttempt.objects.create(
        contribution=contribution,
        amount_minor=25_000_00,
        status=PaymentAttempt.Status.REQUIRES_ACTION,
        payment_intent_id="pi_waiting",
    )
    client = signed_in(admin)
    url = f"/en/portal/contributions/{contribution.pk}/pay/"
    refused = client.post(url, {"stripe_token": stripe_settings.token()})
    assert refused.status_code == 400
    assert "already in progress" in refused.json()["error"]
    PaymentAttempt.objects.filter(payment_intent_id="pi_waiting").update(
        updated_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    accepted = client.post(url, {"stripe_token": stripe_settings.token()})
    assert accepted.json()["status"] == "succeeded"


def test_two_refunds_of_one_charge_at_once_keep_the_larger(stripe_on):
    contribution, _admin = issue()
    client = Client()
    post_event(
        client,
        event(
            "evt_pay",
            "payment_intent.succeeded",
            intent_object("pi_1", contribution.pk, 25_000_00, "succeeded"),
        ),
    )
    for round_ in range(8):
        LedgerEntry.objects.filter(kind="refund").delete()
        small = event(
            f"evt_small_{round_}",
            "charge.refunded",
            refunded_charge("ch_1", "pi_1", 25_000_00, 4_000_00, contribution.pk),
        )
        large = event(
            f"evt_large_{round_}",
            "charge.refunded",
            refunded_charge("ch_1", "pi_1", 25_000_00, 6_000_00, contribution.pk),
        )
        pair = [small, large] if round_ % 2 else [large, small]
        responses = run_together(*((lambda e=e: post_event(Client(), e)) for e in pair))
        assert [r.status_code for r in responses] == [200, 200]
        assert list(
            LedgerEntry.objects.filter(kind="refund").values_list(
                "external_id", "amount_minor"
            )
        ) == [("ch_1", 6_000_00)]


def test_two_payments_completing_an_invoice_at_once_tell_it_is_paid_once(stripe_on):
    for round_ in range(5):
        contribution, _admin = issue(legal_name=f"Kajen {round_} AB")
        halves = [
            event(
                f"evt_{round_}_{n}",
                "payment_intent.succeeded",
                intent_object(f"pi_{round_}_{n}", contribution.pk, amount, "succeeded"),
            )
            for n, amount in enumerate([10_000_00, 15_000_00])
        ]
        responses = run_together(
            *((lambda e=e: post_event(Client(), e)) for e in halves)
        )
        assert [r.status_code for r in responses] == [200, 200]
        assert contribution.status == Contribution.Status.PAID
        assert paid_events(contribution) == 1


def test_the_same_event_delivered_at_once_is_applied_once(stripe_on):
    contribution, _admin = issue()
    payload = event(
        "evt_1",
        "payment_intent.succeeded",
        intent_object("pi_1", contribution.pk, 25_000_00, "succeeded"),
    )
    responses = run_together(*((lambda: post_event(Client(), payload)),) * 4)
    assert [r.status_code for r in responses] == [200] * 4
    assert LedgerEntry.objects.count() == 1
    assert paid_events(contribution) == 1


def _events(invoices):
    """Every kind of event the ledger hears, for three invoices: failures,
    partial payments, full payments, cumulative refunds reported twice, a
    refund of a payment, odd and foreign events."""
    a, b, c = invoices
    return [
        event("e1", "payment_intent.payment_failed",
              intent_object("pi_a0", a.pk, 25_000_00, "requires_payment_method")),
        event("e2", "payment_intent.succeeded",
              intent_object("pi_a1", a.pk, 10_000_00, "succeeded")),
        event("e3", "payment_intent.succeeded",
              intent_object("pi_a2", a.pk, 15_000_00, "succeeded")),
        event("e4", "charge.refunded",
              refunded_charge("ch_a2", "pi_a2", 15_000_00, 3_000_00, a.pk)),
        event("e5", "charge.refunded",
              refunded_charge("ch_a2", "pi_a2", 15_000_00, 7_000_00, a.pk)),
        event("e6", "payment_intent.succeeded",
              intent_object("pi_b1", b.pk, 25_000_00, "succeeded")),
        event("e7", "charge.refunded",
              refunded_charge("ch_b1", "pi_b1", 25_000_00, 25_000_00, b.pk)),
        event("e8", "payment_intent.succeeded",
              intent_object("pi_c1", c.pk, 25_000_00, "succeeded")),
        event("e9", "payment_intent.succeeded",
              intent_object("pi_c2", c.pk, 5_000_00, "succeeded")),
        event("e10", "customer.created", {"id": "cus_1", "object": "customer"}),
        event("e11", "charge.refunded",
              refunded_charge("ch_x", None, 100, 100, c.pk)),
        event("e12", "payment_intent.succeeded",
              {**intent_object("pi_eur", c.pk, 1_000, "succeeded"), "currency": "eur"}),
    ]  # fmt: skip


def _state(invoices):
    return (
        sorted(
            LedgerEntry.objects.values_list(
                "contribution__number", "kind", "external_id", "amount_minor"
            )
        ),
        [c.status for c in invoices],
        sorted(PaymentAttempt.objects.values_list("payment_intent_id", "status")),
        # Which of two payments went over depends on their order; the reason,
        # the invoice and the amount do not.
        sorted(
            PaymentReview.objects.values_list(
                "reason", "contribution__organisation__legal_name", "amount_minor"
            )
        ),
        [paid_events(c) for c in invoices],
    )


def _reset():
    for model in (PaymentReview, LedgerEntry, PaymentAttempt, NotificationEvent):
        model.objects.all().delete()
    StripeEvent.objects.all().delete()


def test_all_kinds_of_events_concurrently_and_shuffled_equal_a_serial_delivery(
    stripe_on, monkeypatch
):
    invoices = [issue(legal_name=f"Kajen {n} AB")[0] for n in range(3)]
    events = _events(invoices)
    intents = {
        e["data"]["object"]["id"]: e["data"]["object"]
        for e in events
        if e["type"].startswith("payment_intent")
    }
    # Stripe, asked about a PaymentIntent when a refund arrives first.
    monkeypatch.setattr(
        gateway, "payment_intent_retrieve", lambda i: gateway._intent(intents[i])
    )

    for payload in events:
        assert post_event(Client(), payload).status_code == 200
    serial = _state(invoices)
    assert serial[1] == ["partially_paid", "refunded", "paid"]
    assert serial[3] == [
        ("currency", "Kajen 2 AB", 1_000),
        ("over", "Kajen 2 AB", 5_000_00),
        ("refund_unpaid", "Kajen 2 AB", 100),
    ]

    randomiser = random.Random(15)
    for _round in range(3):
        _reset()
        deliveries = events * 2
        randomiser.shuffle(deliveries)
        # Four workers at a time, as gunicorn threads would take them.
        for start in range(0, len(deliveries), 4):
            batch = deliveries[start : start + 4]
            responses = run_together(
                *((lambda e=e: post_event(Client(), e)) for e in batch)
            )
            assert [r.status_code for r in responses] == [200] * len(batch)
        assert _state(invoices) == serial
