"""Stripe webhook events read defensively: a signed event is still outside input.

`parse_event` turns the verified payload into an `Event` or refuses it with
`MalformedEvent` (the webhook answers 400). What is inside the event object is
read by the `payment_intent` and `refunded_charge` helpers, which never raise:
anything odd comes back as `Ignored(reason)`, logged and answered 200 so that
Stripe stops retrying something that will never fit.
"""

import datetime
import json
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from bid.params import id_or_none

# Stripe's ids are letters, digits and underscores ("evt_1Q…", "pi_3P…").
STRIPE_ID = re.compile(r"^[A-Za-z0-9_]{1,100}$")
EVENT_TYPE = re.compile(r"^[a-z0-9_.]{1,100}$")
CURRENCY = re.compile(r"^[A-Za-z]{3}$")
# Events carry Unix seconds; anything outside 2000–2100 is not a real time.
EARLIEST, LATEST = 946684800, 4102444800
MAX_AMOUNT = 10**13  # minor units; more than any contribution can be


class MalformedEvent(Exception):
    """Not a Stripe event at all: no id, no type, not an object."""


@dataclass(frozen=True)
class Ignored:
    reason: str


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    created: datetime.datetime | None
    object: dict
    payload: dict


@dataclass(frozen=True)
class PaymentIntent:
    id: str
    status: str
    amount: int
    amount_received: int
    currency: str
    contribution_id: int | None
    charge_id: str
    amount_refunded: int
    receipt_url: str
    last_error: str


@dataclass(frozen=True)
class RefundedCharge:
    id: str
    payment_intent_id: str
    amount: int
    amount_refunded: int
    currency: str
    contribution_id: int | None


def without_nul(value):
    """A copy without NUL characters, which PostgreSQL cannot store in text."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {without_nul(k): without_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_nul(v) for v in value]
    return value


def parse_event(payload: bytes) -> Event:
    try:
        data = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as error:
        raise MalformedEvent("not JSON") from error
    if not isinstance(data, dict):
        raise MalformedEvent("not a JSON object")
    event_id, kind = data.get("id"), data.get("type")
    if not isinstance(event_id, str) or not STRIPE_ID.match(event_id):
        raise MalformedEvent("no usable event id")
    if not isinstance(kind, str) or not EVENT_TYPE.match(kind):
        raise MalformedEvent("no usable event type")
    body = data.get("data")
    obj = body.get("object") if isinstance(body, dict) else None
    if not isinstance(obj, dict):
        raise MalformedEvent("no event object")
    return Event(
        id=event_id,
        type=kind,
        created=_timestamp(data.get("created")),
        object=obj,
        payload=without_nul(data),
    )


def _timestamp(value) -> datetime.datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not EARLIEST <= value <= LATEST:
        return None
    return datetime.datetime.fromtimestamp(int(value), tz=datetime.UTC)


def _id(value) -> str:
    return value if isinstance(value, str) and STRIPE_ID.match(value) else ""


def _amount(value) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 <= value <= MAX_AMOUNT else None


def _currency(value) -> str:
    return value.upper() if isinstance(value, str) and CURRENCY.match(value) else ""


def _contribution_id(metadata) -> int | None:
    if not isinstance(metadata, dict):
        return None
    return id_or_none(metadata.get("contribution_id"))


def _url(value) -> str:
    if not isinstance(value, str) or not value or len(value) > 500:
        return ""
    try:
        URLValidator(schemes=["https", "http"])(value)
    except ValidationError:
        return ""
    return value


def payment_intent(obj: dict) -> PaymentIntent | Ignored:
    intent_id = _id(obj.get("id"))
    if not intent_id:
        return Ignored("payment intent without a usable id")
    amount = _amount(obj.get("amount"))
    # Stripe leaves amount_received out until something is received.
    received = _amount(obj.get("amount_received") or 0)
    if amount is None or received is None:
        return Ignored("payment intent with an amount that is not a whole number")
    currency = _currency(obj.get("currency"))
    if not currency:
        return Ignored("payment intent without a currency")
    status = obj.get("status") if isinstance(obj.get("status"), str) else ""
    charge = obj.get("latest_charge")
    charge = charge if isinstance(charge, dict) else {}
    error = obj.get("last_payment_error")
    message = error.get("message") if isinstance(error, dict) else ""
    return PaymentIntent(
        id=intent_id,
        status=status[:40],
        amount=amount,
        amount_received=received,
        currency=currency,
        contribution_id=_contribution_id(obj.get("metadata")),
        charge_id=_id(charge.get("id")),
        amount_refunded=_amount(charge.get("amount_refunded")) or 0,
        receipt_url=_url(charge.get("receipt_url")),
        last_error=(message if isinstance(message, str) else "")[:300],
    )


def refunded_charge(obj: dict) -> RefundedCharge | Ignored:
    charge_id = _id(obj.get("id"))
    if not charge_id:
        return Ignored("charge without a usable id")
    refunded = _amount(obj.get("amount_refunded"))
    if not refunded:
        return Ignored("refund of no amount")
    amount = _amount(obj.get("amount"))
    return RefundedCharge(
        id=charge_id,
        payment_intent_id=_id(obj.get("payment_intent")),
        amount=amount or 0,
        amount_refunded=refunded,
        currency=_currency(obj.get("currency")),
        contribution_id=_contribution_id(obj.get("metadata")),
    )
