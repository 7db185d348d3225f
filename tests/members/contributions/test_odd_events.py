"""Signed but odd Stripe events: never a 500, never money written wrongly.

Each event is signed with our secret, so only its content is odd. Malformed
events answer 400; well-formed ones that do not fit answer 200 with the reason
(Stripe would otherwise retry for days); money that does not fit the ledger
goes to the secretariat's review list instead.
"""

import json

import pytest

from members.contributions import gateway, services
from members.contributions.models import (
    Contribution,
    LedgerEntry,
    PaymentReview,
    StripeEvent,
)
from tests.stripe_support import (
    event,
    intent_object,
    ledger,
    post_event,
    refunded_charge,
    sign,
)

pytestmark = pytest.mark.django_db


def paid(contribution, client, amount=25_000_00, intent="pi_1"):
    response = post_event(
        client,
        event(
            f"evt_pay_{intent}",
            "payment_intent.succeeded",
            intent_object(intent, contribution.pk, amount, "succeeded"),
        ),
    )
    assert response.status_code == 200


def outcome(response) -> str:
    return response.json()["outcome"]


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b'[{"id": "evt_1", "type": "payment_intent.succeeded"}]',
        b'{"id": "evt_1", "data": {"object": {}}}',
        b'{"id": "evt_1", "type": null, "data": {"object": {}}}',
        b'{"type": "charge.refunded", "data": {"object": {}}}',
        b'{"id": "evt_1", "type": "charge.refunded"}',
        b'{"id": "evt_1", "type": "charge.refunded", "data": []}',
        b'{"id": 17, "type": "charge.refunded", "data": {"object": {}}}',
        json.dumps(
            {
                "id": "evt_" + "x" * 100,
                "type": "charge.refunded",
                "data": {"object": {}},
            }
        ).encode(),
        b'{"id": "evt_\\u0000", "type": "charge.refunded", "data": {"object": {}}}',
        b"not json at all",
        b"\xff\xfe",
    ],
    ids=[
        "array",
        "array-of-events",
        "no-type",
        "null-type",
        "no-id",
        "no-data",
        "data-array",
        "numeric-id",
        "id-over-100",
        "nul-in-id",
        "not-json",
        "not-utf8",
    ],
)
def test_a_signed_payload_that_is_no_event_answers_400_and_writes_nothing(
    client, stripe_on, contribution, body
):
    response = post_event(client, None, raw=body)
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
    assert not LedgerEntry.objects.exists()


def test_a_refund_without_a_payment_intent_goes_to_review(
    client, stripe_on, contribution
):
    charge = refunded_charge("ch_1", None, 25_000_00, 25_000_00, contribution.pk)
    response = post_event(client, event("evt_r", "charge.refunded", charge))
    assert response.status_code == 200
    assert outcome(response) == "review: refund_unpaid"
    assert ledger(contribution) == []
    review = PaymentReview.objects.get()
    assert (review.reason, review.external_id, review.amount_minor) == (
        "refund_unpaid",
        "ch_1",
        25_000_00,
    )
    assert review.contribution == contribution


def test_a_refund_of_nobody_known_without_a_payment_intent_is_ignored(
    client, stripe_on, contribution
):
    charge = refunded_charge("ch_1", None, 100, 100)
    response = post_event(client, event("evt_r", "charge.refunded", charge))
    assert response.status_code == 200
    assert outcome(response).startswith("ignored")
    assert not LedgerEntry.objects.exists()
    assert not PaymentReview.objects.exists()


@pytest.mark.parametrize("contribution_id", ["abc", "-1", "1e3", "", "99999999999"])
def test_a_metadata_contribution_id_that_is_not_an_id_is_ignored(
    client, stripe_on, contribution, contribution_id
):
    intent = intent_object("pi_1", contribution.pk, 25_000_00, "succeeded")
    intent["metadata"] = {"contribution_id": contribution_id}
    response = post_event(client, event("evt_1", "payment_intent.succeeded", intent))
    assert response.status_code == 200
    assert outcome(response).startswith("ignored")
    assert not LedgerEntry.objects.exists()


@pytest.mark.parametrize("amount", [0, -100, 12.5, "100", True, None, 10**14])
def test_a_payment_of_no_or_an_odd_amount_is_ignored(
    client, stripe_on, contribution, amount
):
    intent = intent_object("pi_1", contribution.pk, 25_000_00, "succeeded")
    intent["amount"] = amount
    intent["amount_received"] = amount
    response = post_event(client, event("evt_1", "payment_intent.succeeded", intent))
    assert response.status_code == 200
    assert outcome(response).startswith("ignored")
    assert not LedgerEntry.objects.exists()


@pytest.mark.parametrize("refunded", [0, -25_000_00, "2500000", None])
def test_a_refund_of_no_or_an_odd_amount_is_ignored(
    client, stripe_on, contribution, refunded
):
    paid(contribution, client)
    charge = refunded_charge("ch_1", "pi_1", 25_000_00, 0, contribution.pk)
    charge["amount_refunded"] = refunded
    response = post_event(client, event("evt_r", "charge.refunded", charge))
    assert response.status_code == 200
    assert outcome(response).startswith("ignored")
    assert ledger(contribution) == [("card_payment", "pi_1", 25_000_00)]


def test_an_object_id_over_100_characters_or_with_a_nul_is_ignored(
    client, stripe_on, contribution
):
    for number, intent_id in enumerate(["pi_" + "9" * 120, "pi_1\x00"]):
        intent = intent_object(intent_id, contribution.pk, 25_000_00, "succeeded")
        response = post_event(
            client, event(f"evt_{number}", "payment_intent.succeeded", intent)
        )
        assert response.status_code == 200
        assert outcome(response).startswith("ignored")
    assert not LedgerEntry.objects.exists()


def test_a_nul_inside_the_event_is_stored_without_it(client, stripe_on, contribution):
    intent = intent_object("pi_1", contribution.pk, 25_000_00, "succeeded")
    intent["description"] = "Avgift\x00 2026"
    response = post_event(client, event("evt_1", "payment_intent.succeeded", intent))
    assert response.status_code == 200
    stored = StripeEvent.objects.get()
    assert stored.payload["data"]["object"]["description"] == "Avgift 2026"
    assert ledger(contribution) == [("card_payment", "pi_1", 25_000_00)]


@pytest.mark.parametrize("created", [10**13, -5, "yesterday", None, 1.5e300])
def test_an_impossible_creation_time_is_replaced_by_the_time_received(
    client, stripe_on, contribution, created
):
    payload = event(
        "evt_1",
        "payment_intent.succeeded",
        intent_object("pi_1", contribution.pk, 25_000_00, "succeeded"),
    )
    payload["created"] = created
    response = post_event(client, payload)
    assert response.status_code == 200
    stored = StripeEvent.objects.get()
    assert stored.created.year >= 2026
    assert ledger(contribution) == [("card_payment", "pi_1", 25_000_00)]


@pytest.mark.parametrize(
    "receipt_url",
    ["javascript:alert(1)", "not a url", "https://" + "x" * 600, 42, "ftp://x.example"],
)
def test_a_receipt_url_that_is_not_a_web_address_is_left_out(
    client, stripe_on, contribution, receipt_url
):
    intent = intent_object("pi_1", contribution.pk, 25_000_00, "succeeded")
    intent["latest_charge"] = {"id": "ch_1", "receipt_url": receipt_url}
    response = post_event(client, event("evt_1", "payment_intent.succeeded", intent))
    assert response.status_code == 200
    entry = LedgerEntry.objects.get()
    assert (entry.amount_minor, entry.receipt_url) == (25_000_00, "")


def test_a_real_receipt_url_is_kept(client, stripe_on, contribution):
    intent = intent_object("pi_1", contribution.pk, 25_000_00, "succeeded")
    url = "https://pay.stripe.com/receipts/acct_1/ch_1/rcpt_1"
    intent["latest_charge"] = {"id": "ch_1", "receipt_url": url}
    post_event(client, event("evt_1", "payment_intent.succeeded", intent))
    assert LedgerEntry.objects.get().receipt_url == url


def test_a_payment_in_another_currency_is_not_credited_but_reviewed(
    client, stripe_on, contribution
):
    intent = intent_object("pi_1", contribution.pk, 25_000_00, "succeeded")
    intent["currency"] = "eur"
    response = post_event(client, event("evt_1", "payment_intent.succeeded", intent))
    assert response.status_code == 200
    assert outcome(response) == "review: currency"
    assert not LedgerEntry.objects.exists()
    review = PaymentReview.objects.get()
    assert (review.reason, review.currency, review.amount_minor) == (
        "currency",
        "EUR",
        25_000_00,
    )
    assert contribution.status == Contribution.Status.ISSUED
    # Delivered again: still one review, still nothing credited.
    post_event(client, event("evt_1b", "payment_intent.succeeded", intent))
    assert PaymentReview.objects.count() == 1
    assert not LedgerEntry.objects.exists()


def test_a_refund_in_another_currency_is_not_credited_but_reviewed(
    client, stripe_on, contribution
):
    paid(contribution, client)
    charge = refunded_charge("ch_1", "pi_1", 25_000_00, 10_000_00, contribution.pk)
    charge["currency"] = "eur"
    response = post_event(client, event("evt_r", "charge.refunded", charge))
    assert outcome(response) == "review: currency"
    assert ledger(contribution) == [("card_payment", "pi_1", 25_000_00)]


def test_a_refund_larger_than_its_payment_is_not_credited_but_reviewed(
    client, stripe_on, contribution
):
    paid(contribution, client, amount=10_000_00)
    charge = refunded_charge("ch_1", "pi_1", 10_000_00, 999_999_999, contribution.pk)
    response = post_event(client, event("evt_r", "charge.refunded", charge))
    assert response.status_code == 200
    assert outcome(response) == "review: refund_over"
    assert ledger(contribution) == [("card_payment", "pi_1", 10_000_00)]
    assert PaymentReview.objects.get().amount_minor == 999_999_999


def test_a_refund_on_an_unpaid_invoice_is_not_credited_but_reviewed(
    client, stripe_on, contribution, monkeypatch
):
    # Stripe knows the PaymentIntent, but it never succeeded.
    def retrieve(intent_id):
        return gateway._intent(
            intent_object(intent_id, contribution.pk, 25_000_00, "canceled")
        )

    monkeypatch.setattr(gateway, "payment_intent_retrieve", retrieve)
    charge = refunded_charge("ch_1", "pi_9", 999_999_999, 999_999_999, contribution.pk)
    response = post_event(client, event("evt_r", "charge.refunded", charge))
    assert response.status_code == 200
    assert outcome(response) == "review: refund_unpaid"
    assert not LedgerEntry.objects.exists()
    assert contribution.status == Contribution.Status.ISSUED


def test_a_refund_before_its_payment_records_the_payment_first(
    client, stripe_on, contribution, monkeypatch
):
    def retrieve(intent_id):
        return gateway._intent(
            intent_object(intent_id, contribution.pk, 25_000_00, "succeeded")
        )

    monkeypatch.setattr(gateway, "payment_intent_retrieve", retrieve)
    charge = refunded_charge("ch_1", "pi_1", 25_000_00, 5_000_00, contribution.pk)
    response = post_event(client, event("evt_r", "charge.refunded", charge))
    assert outcome(response) == "refund recorded"
    assert ledger(contribution) == [
        ("card_payment", "pi_1", 25_000_00),
        ("refund", "ch_1", 5_000_00),
    ]
    # The payment's own event, arriving late, changes nothing.
    paid(contribution, client)
    assert len(ledger(contribution)) == 2


def test_a_payment_to_a_void_invoice_is_not_credited_but_reviewed(
    client, stripe_on, contribution, secretariat_user
):
    services.contribution_void(
        contribution=contribution, by=secretariat_user, reason="Fel mottagare"
    )
    response = post_event(
        client,
        event(
            "evt_1",
            "payment_intent.succeeded",
            intent_object("pi_1", contribution.pk, 25_000_00, "succeeded"),
        ),
    )
    assert outcome(response) == "review: void invoice"
    assert not LedgerEntry.objects.exists()
    assert PaymentReview.objects.get().reason == "void"


def test_a_card_payment_beyond_what_is_left_is_recorded_and_reviewed(
    client, stripe_on, contribution
):
    paid(contribution, client, amount=20_000_00, intent="pi_1")
    paid(contribution, client, amount=20_000_00, intent="pi_2")
    assert contribution.balance()["over"] == 15_000_00
    review = PaymentReview.objects.get()
    assert (review.reason, review.external_id, review.amount_minor) == (
        "over",
        "pi_2",
        15_000_00,
    )


def test_events_of_other_kinds_are_stored_and_ignored(client, stripe_on, contribution):
    for number, kind in enumerate(
        ["customer.created", "charge.succeeded", "invoice.paid", "x.y.z"]
    ):
        response = post_event(
            client, event(f"evt_{number}", kind, {"id": "obj_1", "object": "thing"})
        )
        assert response.status_code == 200
        assert outcome(response).startswith("ignored")
    assert StripeEvent.objects.count() == 4
    assert not LedgerEntry.objects.exists()


def test_a_stale_or_foreign_signature_still_answers_400(
    client, stripe_on, contribution
):
    body = b"[]"
    assert (
        post_event(client, None, raw=body, signature=sign(body, secret="whsec_other"))
    ).status_code == 400
