"""Benchmark: Stripe webhooks on first delivery and on replay.

Builds a throwaway PostgreSQL database with 1,000 members and their issued
contributions, starts gunicorn with the production settings (as bench/pages.py
does), and posts locally signed events from 8 threads: first every event once
(card payments, and cumulative refunds of some of them), then all of them again
(each is a duplicate: stored once, no second ledger entry). Each payment was
started in the portal, as every card payment of a contribution is, so its
PaymentAttempt exists when Stripe reports on it. Goal: at least 200 events/s on
first delivery.

    make bench    (or: DATABASE_URL=postgres://… .venv/bin/python bench/webhooks.py)

BENCH_WEBHOOKS (default 1000) is how many payment events are sent; one in five
payments is also partly refunded.
"""

import datetime
import json
import os
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402
import invoicing  # noqa: E402  (sets up Django like every benchmark)
import pages  # noqa: E402
from django.db import connection  # noqa: E402

from members.contributions.models import (  # noqa: E402
    Contribution,
    ContributionScheme,
    LedgerEntry,
    PaymentAttempt,
    StripeEvent,
)
from members.contributions.services import contributions_issue  # noqa: E402
from tests.stripe_support import sign  # noqa: E402

EVENTS = int(os.environ.get("BENCH_WEBHOOKS", "1000"))
MEMBERS = 1000
CONCURRENCY = 8


def say(text: str) -> None:
    sys.stdout.write(f"[webhooks] {text}\n")
    sys.stdout.flush()


def events(count: int) -> list[bytes]:
    """Payments of 100 kr spread over the invoices, and a refund of 40 kr of
    every fifth payment, reported twice (Stripe reports refunds cumulatively)."""
    contributions = list(
        Contribution.objects.order_by("pk").values_list("pk", "currency")
    )
    created = int(time.time())
    bodies = []

    def event(n, kind, obj):
        return json.dumps(
            {
                "id": f"evt_bench_{kind.replace('.', '_')}_{n}",
                "object": "event",
                "type": kind,
                "created": created,
                "livemode": False,
                "api_version": "2024-06-20",
                "data": {"object": obj},
            }
        ).encode()

    attempts = []
    for n in range(count):
        pk, currency = contributions[n % len(contributions)]
        attempts.append(
            PaymentAttempt(
                contribution_id=pk,
                payment_intent_id=f"pi_bench_{n}",
                idempotency_key=f"bid-contribution-{pk}-bench-{n}",
                amount_minor=100_00,
                status=PaymentAttempt.Status.PROCESSING,
            )
        )
        bodies.append(
            event(
                n,
                "payment_intent.succeeded",
                {
                    "id": f"pi_bench_{n}",
                    "object": "payment_intent",
                    "amount": 100_00,
                    "amount_received": 100_00,
                    "currency": currency.lower(),
                    "status": "succeeded",
                    "metadata": {"contribution_id": str(pk)},
                    "latest_charge": {
                        "id": f"ch_bench_{n}",
                        "receipt_url": f"https://pay.stripe.com/receipts/{n}",
                    },
                    "last_payment_error": None,
                },
            )
        )
    PaymentAttempt.objects.bulk_create(attempts)
    for n in range(0, count, 5):
        pk, currency = contributions[n % len(contributions)]
        for step, refunded in enumerate((20_00, 40_00)):
            bodies.append(
                event(
                    f"{n}_{step}",
                    "charge.refunded",
                    {
                        "id": f"ch_bench_{n}",
                        "object": "charge",
                        "amount": 100_00,
                        "amount_refunded": refunded,
                        "currency": currency.lower(),
                        "payment_intent": f"pi_bench_{n}",
                        "metadata": {"contribution_id": str(pk)},
                    },
                )
            )
    return bodies


def send_all(server, bodies: list[bytes]) -> tuple[float, list[str]]:
    def send(body: bytes) -> str:
        request = urllib.request.Request(
            f"{server.url}/stripe/webhook/",
            data=body,
            headers={
                "Content-Type": "application/json",
                "Stripe-Signature": sign(body, secret=pages.WEBHOOK_SECRET),
            },
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)["outcome"]

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        outcomes = list(pool.map(send, bodies))
    return time.perf_counter() - started, outcomes


def main() -> None:
    with common.throwaway_database("webhookbench", serialize=False) as test_name:
        static_root = tempfile.mkdtemp(prefix="bench-static-")
        say(f"{MEMBERS} members and their invoices")
        invoicing.build(MEMBERS)
        contributions_issue(
            scheme=ContributionScheme.objects.get(), on=datetime.date(2027, 1, 10)
        )
        pages._collectstatic(static_root)
        bodies = events(EVENTS)
        # Refunds are sent after their payments, as Stripe would.
        server = pages.Server(
            database_url=pages._database_url(test_name),
            static_root=static_root,
            page_cache=True,
        )
        try:
            say(f"first delivery of {len(bodies)} events, {CONCURRENCY} at a time")
            payments, refunds = bodies[:EVENTS], bodies[EVENTS:]
            first_payments, outcomes = send_all(server, payments)
            assert outcomes.count("payment recorded") == EVENTS, outcomes[:5]
            first_refunds, outcomes = send_all(server, refunds)
            assert set(outcomes) == {"refund recorded"}, set(outcomes)
            say("replay of every event")
            again, outcomes = send_all(server, bodies)
            assert set(outcomes) == {"duplicate"}, set(outcomes)
        finally:
            server.stop()
        stored = StripeEvent.objects.filter(event_id__startswith="evt_bench_").count()
        payments_recorded = LedgerEntry.objects.filter(
            kind="card_payment", external_id__startswith="pi_bench_"
        ).count()
        refunded = set(
            LedgerEntry.objects.filter(kind="refund").values_list(
                "amount_minor", flat=True
            )
        )
        assert stored == len(bodies), stored
        assert payments_recorded == EVENTS and refunded == {40_00}
        first = first_payments + first_refunds
        figures = {
            "events": len(bodies),
            "payments": EVENTS,
            "refunds": len(bodies) - EVENTS,
            "concurrency": CONCURRENCY,
            "workers": server.workers,
            "first_events_per_second": round(len(bodies) / first),
            "replay_events_per_second": round(len(bodies) / again),
            "ledger_entries": payments_recorded + len(refunds) // 2,
            "database": connection.vendor,
        }
    common.record(figures, "webhooks")


if __name__ == "__main__":
    main()
