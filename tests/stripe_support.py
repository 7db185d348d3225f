"""Stripe without the internet: localstripe on loopback and signed webhook events."""

import hashlib
import hmac
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from members.contributions.models import LedgerEntry

WEBHOOK_SECRET = "whsec_test_bid_platform"
SECRET_KEY = "sk_test_bid_platform"
PUBLISHABLE_KEY = "pk_test_bid_platform"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalStripe:
    """A localstripe server started for the test session."""

    def __init__(self):
        self.port = free_port()
        executable = shutil.which("localstripe") or str(
            Path(sys.executable).with_name("localstripe")
        )
        self.process = subprocess.Popen(
            [executable, "--port", str(self.port), "--from-scratch"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=os.environ.get("TMPDIR", "/tmp"),
        )
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{self.url}/js.stripe.com/v3/", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("localstripe did not start")

    def flush(self) -> None:
        request = urllib.request.Request(f"{self.url}/_config/data", method="DELETE")
        urllib.request.urlopen(request, timeout=5)

    def send_webhooks_to(self, url: str) -> None:
        data = f"url={url}&secret={WEBHOOK_SECRET}".encode()
        urllib.request.urlopen(f"{self.url}/_config/webhooks/bid", data=data, timeout=5)

    def token(self, number: str = "4242424242424242") -> str:
        """What Stripe.js does in the browser: the card becomes a token."""
        data = (
            f"card[number]={number}&card[exp_month]=12&card[exp_year]=2030"
            f"&card[cvc]=123&key={PUBLISHABLE_KEY}"
        ).encode()
        with urllib.request.urlopen(f"{self.url}/v1/tokens", data=data, timeout=5) as r:
            return json.load(r)["id"]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def sign(
    payload: bytes, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None
) -> str:
    """A Stripe-Signature header, as Stripe computes it."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def event(event_id: str, kind: str, obj: dict, created: int | None = None) -> dict:
    return {
        "id": event_id,
        "object": "event",
        "type": kind,
        "created": created or int(time.time()),
        "livemode": False,
        "api_version": "2024-06-20",
        "data": {"object": obj},
    }


def intent_object(
    intent_id: str, contribution_id: int, amount: int, status: str
) -> dict:
    return {
        "id": intent_id,
        "object": "payment_intent",
        "amount": amount,
        "amount_received": amount if status == "succeeded" else 0,
        "currency": "sek",
        "status": status,
        "metadata": {"contribution_id": str(contribution_id)},
        "latest_charge": None,
        "last_payment_error": {"message": "Your card was declined."}
        if status == "requires_payment_method"
        else None,
    }


def refunded_charge(
    charge_id: str, intent_id: str, amount: int, refunded: int, contribution_id=None
) -> dict:
    """A refunded charge; Stripe copies the PaymentIntent's metadata to its charges."""
    return {
        "id": charge_id,
        "object": "charge",
        "amount": amount,
        "amount_refunded": refunded,
        "payment_intent": intent_id,
        "refunded": refunded >= amount,
        "metadata": {"contribution_id": str(contribution_id)}
        if contribution_id
        else {},
    }


def post_event(client, payload, signature: str | None = None, raw: bytes | None = None):
    """POST an event to the webhook, signed with the test secret unless told."""
    body = raw if raw is not None else json.dumps(payload).encode()
    return client.post(
        "/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature if signature is not None else sign(body),
    )


def ledger(contribution) -> list[tuple]:
    return sorted(
        LedgerEntry.objects.filter(contribution=contribution).values_list(
            "kind", "external_id", "amount_minor"
        )
    )
