"""Stripe, behind one small interface. Nothing else in the project imports `stripe`.

The card is collected in the browser by Stripe.js, which turns it into a token;
the platform only ever sees that token. The server attaches it to the member's
Stripe customer and creates and confirms a PaymentIntent for the amount our
ledger says is outstanding. In tests `STRIPE_API_BASE` points the official
library at localstripe on loopback.
"""

import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import stripe
from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class GatewayError(Exception):
    """Stripe could not be reached or refused; `user_message` is safe to show."""

    def __init__(self, user_message: str, *, retryable: bool = True):
        super().__init__(user_message)
        self.user_message = user_message
        self.retryable = retryable


class SignatureError(Exception):
    """The webhook payload is not signed with our secret, or the signature is stale."""


@dataclass(frozen=True)
class Intent:
    id: str
    status: str
    client_secret: str
    amount: int
    amount_received: int
    currency: str
    metadata: dict
    last_error: str = ""
    raw: dict = field(default_factory=dict, repr=False)


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def publishable_key() -> str:
    return settings.STRIPE_PUBLISHABLE_KEY


def js_url() -> str:
    return settings.STRIPE_JS_URL


def csp_origins() -> dict[str, list[str]]:
    """What the pay page must allow so Stripe.js can load, talk and frame."""
    script = _origin(settings.STRIPE_JS_URL)
    connect = [script, "https://api.stripe.com"]
    if settings.STRIPE_API_BASE:
        connect.append(_origin(settings.STRIPE_API_BASE))
    return {
        "script-src": [script],
        "connect-src": sorted(set(connect)),
        "frame-src": [script, "https://hooks.stripe.com"],
    }


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _client() -> stripe.StripeClient:
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else {}
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses=base,
        max_network_retries=2,
        http_client=stripe.RequestsClient(timeout=15),
    )


def _intent(data) -> Intent:
    data = data.to_dict() if hasattr(data, "to_dict") else dict(data)
    error = data.get("last_payment_error") or {}
    return Intent(
        id=data["id"],
        status=data["status"],
        client_secret=data.get("client_secret") or "",
        amount=int(data.get("amount") or 0),
        amount_received=int(data.get("amount_received") or 0),
        currency=(data.get("currency") or "").upper(),
        metadata=dict(data.get("metadata") or {}),
        last_error=(error.get("message") or "") if isinstance(error, dict) else "",
        raw=data,
    )


def _wrap(error: stripe.StripeError) -> GatewayError:
    if isinstance(error, stripe.CardError):
        message = error.user_message or _("The card was declined.")
        return GatewayError(message, retryable=True)
    if isinstance(error, stripe.APIConnectionError):
        logger.warning("Stripe unreachable: %s", error)
        return GatewayError(
            _(
                "The card payment service cannot be reached right now. Nothing was "
                "charged; please try again in a few minutes."
            )
        )
    logger.error("Stripe error: %s", error)
    return GatewayError(
        _(
            "The card payment service refused the request. Nothing was charged; "
            "please try again or pay by bank transfer."
        )
    )


def customer_create(*, name: str, email: str, organisation_id: int) -> str:
    try:
        customer = _client().v1.customers.create(
            params={
                "name": name,
                "email": email,
                "metadata": {"organisation_id": str(organisation_id)},
            },
            options={"idempotency_key": f"bid-organisation-{organisation_id}"},
        )
    except stripe.StripeError as error:
        raise _wrap(error) from error
    return customer.id


def card_payment_create(
    *,
    customer_id: str,
    token: str,
    amount_minor: int,
    currency: str,
    contribution_id: int,
    idempotency_key: str,
) -> Intent:
    """Attach the tokenised card to the customer and charge it."""
    client = _client()
    try:
        card = client.v1.customers.payment_sources.create(
            customer_id,
            params={"source": token},
            options={"idempotency_key": f"{idempotency_key}-card"},
        )
        intent = client.v1.payment_intents.create(
            params={
                "amount": amount_minor,
                "currency": currency.lower(),
                "customer": customer_id,
                "payment_method": card.id,
                "payment_method_types": ["card"],
                "confirm": True,
                "metadata": {"contribution_id": str(contribution_id)},
            },
            options={"idempotency_key": idempotency_key},
        )
    except stripe.StripeError as error:
        raise _wrap(error) from error
    return _intent(intent)


def payment_intent_retrieve(intent_id: str) -> Intent:
    try:
        intent = _client().v1.payment_intents.retrieve(
            intent_id, params={"expand": ["latest_charge"]}
        )
    except stripe.StripeError as error:
        raise _wrap(error) from error
    return _intent(intent)


def event_verify(*, payload: bytes, signature: str) -> None:
    """Raise SignatureError unless Stripe signed this payload with our secret
    recently. The payload is read afterwards by `stripe_events.parse_event`."""
    try:
        stripe.WebhookSignature.verify_header(
            payload,
            signature,
            settings.STRIPE_WEBHOOK_SECRET,
            stripe.Webhook.DEFAULT_TOLERANCE,
        )
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise SignatureError(str(error)) from error
