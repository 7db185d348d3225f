"""Stripe webhooks: signatures checked, stored once, any order, one ledger."""

import json
import random
import time

import pytest

from members.contributions.models import (
    Contribution,
    LedgerEntry,
    PaymentAttempt,
    StripeEvent,
)
from tests.stripe_support import (
    event,
    intent_object,
    ledger,
    refunded_charge,
    sign,
)
from tests.stripe_support import (
    post_event as post,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "signature",
    [
        "t=1,v1=deadbeef",
        "",
        "nonsense",
        sign(b"another payload"),
        sign(b"{}", secret="whsec_someone_else"),
    ],
    # Named, not shown: a signature holds the time, and pytest-xdist's workers
    # must collect the same test ids.
    ids=["forged", "empty", "nonsense", "other-payload", "other-secret"],
)
def test_forged_or_missing_signatures_answer_400_and_write_nothing(
    client, stripe_on, contribution, signature
):
    payload = event(
        "evt_1",
        "payment_intent.succeeded",
        intent_object("pi_1", contribution.pk, 25_000_00, "succeeded"),
    )
    response = post(client, payload, signature=signature)
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
    assert not LedgerEntry.objects.exists()


def test_a_stale_signature_is_refused(client, stripe_on, contribution):
    payload = event(
        "evt_1",
        "payment_intent.succeeded",
        intent_object("pi_1", contribution.pk, 25_000_00, "succeeded"),
    )
    body = json.dumps(payload).encode()
    old = sign(body, timestamp=int(time.time()) - 3600)
    assert post(client, payload, signature=old).status_code == 400
    assert not LedgerEntry.objects.exists()


def test_a_payment_is_recorded_once_however_often_it_is_delivered(
    client, stripe_on, contribution
):
    payload = event(
        "evt_1",
        "payment_intent.succeeded",
        intent_object("pi_1", contribution.pk, 25_000_00, "succeeded"),
    )
    for _ in range(3):
        assert post(client, payload).status_code == 200
    assert StripeEvent.objects.count() == 1
    assert ledger(contribution) == [("card_payment", "pi_1", 25_000_00)]
    assert contribution.status == Contribution.Status.PAID


def test_partial_payments_then_a_refund_after_payment(client, stripe_on, contribution):
    post(
        client,
        event(
            "evt_a",
            "payment_intent.succeeded",
            intent_object("pi_a", contribution.pk, 10_000_00, "succeeded"),
        ),
    )
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PARTIALLY_PAID
    assert contribution.balance()["outstanding"] == 15_000_00

    post(
        client,
        event(
            "evt_b",
            "payment_intent.succeeded",
            intent_object("pi_b", contribution.pk, 15_000_00, "succeeded"),
        ),
    )
    assert contribution.status == Contribution.Status.PAID

    post(
        client,
        event(
            "evt_c",
            "charge.refunded",
            refunded_charge("ch_b", "pi_b", 15_000_00, 5_000_00, contribution.pk),
        ),
    )
    assert contribution.status == Contribution.Status.PARTIALLY_PAID
    post(
        client,
        event(
            "evt_d",
            "charge.refunded",
            refunded_charge("ch_b", "pi_b", 15_000_00, 15_000_00, contribution.pk),
        ),
    )
    post(
        client,
        event(
            "evt_e",
            "charge.refunded",
            refunded_charge("ch_a", "pi_a", 10_000_00, 10_000_00, contribution.pk),
        ),
    )
    assert contribution.status == Contribution.Status.REFUNDED
    assert contribution.balance() == {
        "payments": 25_000_00,
        "refunds": 25_000_00,
        "paid": 0,
        "written_off": 0,
        "outstanding": 25_000_00,
        "over": 0,
    }


def test_a_failure_never_undoes_a_success(client, stripe_on, contribution):
    post(
        client,
        event(
            "evt_ok",
            "payment_intent.succeeded",
            intent_object("pi_1", contribution.pk, 25_000_00, "succeeded"),
        ),
    )
    post(
        client,
        event(
            "evt_fail",
            "payment_intent.payment_failed",
            intent_object(
                "pi_1", contribution.pk, 25_000_00, "requires_payment_method"
            ),
        ),
    )
    assert PaymentAttempt.objects.get().status == PaymentAttempt.Status.SUCCEEDED
    assert contribution.status == Contribution.Status.PAID


def test_a_sequence_replayed_five_times_in_shuffled_order_gives_the_same_ledger(
    client, stripe_on, contribution
):
    sequence = [
        event(
            "evt_1",
            "payment_intent.payment_failed",
            intent_object(
                "pi_1", contribution.pk, 25_000_00, "requires_payment_method"
            ),
        ),
        event(
            "evt_2",
            "payment_intent.succeeded",
            intent_object("pi_2", contribution.pk, 10_000_00, "succeeded"),
        ),
        event(
            "evt_3",
            "payment_intent.succeeded",
            intent_object("pi_3", contribution.pk, 15_000_00, "succeeded"),
        ),
        event(
            "evt_4",
            "charge.refunded",
            refunded_charge("ch_3", "pi_3", 15_000_00, 4_000_00, contribution.pk),
        ),
        event(
            "evt_5",
            "charge.refunded",
            refunded_charge("ch_3", "pi_3", 15_000_00, 6_000_00, contribution.pk),
        ),
        event("evt_6", "customer.created", {"id": "cus_1", "object": "customer"}),
    ]
    expected = [
        ("card_payment", "pi_2", 10_000_00),
        ("card_payment", "pi_3", 15_000_00),
        ("refund", "ch_3", 6_000_00),
    ]
    outcomes = []
    randomiser = random.Random(20261126)
    for _round in range(5):
        LedgerEntry.objects.all().delete()
        StripeEvent.objects.all().delete()
        PaymentAttempt.objects.all().delete()
        shuffled = sequence * 2  # every event also delivered twice
        randomiser.shuffle(shuffled)
        # A refund that comes before its payment waits (503: Stripe cannot be
        # asked here) and is delivered again later, as Stripe does.
        while shuffled:
            answers = [
                (payload, post(client, payload).status_code) for payload in shuffled
            ]
            assert {code for _payload, code in answers} <= {200, 503}
            later = [payload for payload, code in answers if code == 503]
            assert len(later) < len(shuffled)
            shuffled = later
        outcomes.append(
            (
                ledger(contribution),
                contribution.status,
                sorted(
                    PaymentAttempt.objects.values_list("payment_intent_id", "status")
                ),
            )
        )
    assert all(outcome == outcomes[0] for outcome in outcomes)
    assert outcomes[0][0] == expected
    assert outcomes[0][1] == Contribution.Status.PARTIALLY_PAID
    assert outcomes[0][2] == [
        ("pi_1", "failed"),
        ("pi_2", "succeeded"),
        ("pi_3", "succeeded"),
    ]


def test_a_refund_of_an_unknown_payment_waits_for_stripe_to_retry(
    client, stripe_on, contribution
):
    # No metadata and no record of the payment: the platform must ask Stripe,
    # which is unreachable here, so it answers 503 and stores nothing.
    response = post(
        client,
        event("evt_r", "charge.refunded", refunded_charge("ch_9", "pi_9", 100, 100)),
    )
    assert response.status_code == 503
    assert not StripeEvent.objects.exists()


def test_an_event_for_an_unknown_contribution_is_stored_and_ignored(
    client, stripe_on, contribution
):
    response = post(
        client,
        event(
            "evt_x",
            "payment_intent.succeeded",
            intent_object("pi_x", 999999, 100, "succeeded"),
        ),
    )
    assert response.status_code == 200
    assert StripeEvent.objects.filter(event_id="evt_x").exists()
    assert not LedgerEntry.objects.exists()


def test_without_stripe_configured_the_webhook_does_not_exist(client, contribution):
    assert (
        client.post(
            "/stripe/webhook/", data=b"{}", content_type="application/json"
        ).status_code
        == 404
    )
