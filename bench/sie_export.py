"""Benchmark: the SIE export of a year with 10,000 members invoiced and paid.

Builds a throwaway database (PostgreSQL when DATABASE_URL points at one) with
10,000 invoices at 25 % VAT, each paid by bank or card, one card payment in ten
partly refunded; times `sie_file` (three runs: the first reads a cold cache),
counts its queries, checks that the runs give identical bytes and records the
figures in bench/results.json under "sie_export".

    DATABASE_URL=postgres://… .venv/bin/python bench/sie_export.py
"""

import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bid.settings.dev")
os.environ["DEBUG"] = "0"  # no query log growing in memory

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from members.contributions.models import (  # noqa: E402
    Contribution,
    ContributionScheme,
    InvoiceSettings,
    LedgerEntry,
)
from members.contributions.sie import sie_file  # noqa: E402
from members.organisations.models import Organisation  # noqa: E402
from tests.factories.organisations import swedish_org_number  # noqa: E402

MEMBERS = int(os.environ.get("BENCH_MEMBERS", "10000"))
RUNS = 3
RESULTS = ROOT / "bench" / "results.json"
YEAR = 2026


def build(members: int) -> dict:
    seller = InvoiceSettings.load()
    seller.legal_name = "Hamnstadens Företagarförening"
    seller.org_number = swedish_org_number(1)
    seller.save()
    organisations = Organisation.objects.bulk_create(
        Organisation(
            legal_name=f"Bench Fastighets AB {n} – Åkerö",
            country="SE",
            org_number=swedish_org_number(n + 100_000),
            type="property_owner",
            street_address="Benchgatan 1",
            postal_code="111 11",
            city="Bench",
            invoice_email=f"bench{n}@example.org",
        )
        for n in range(members)
    )
    scheme = ContributionScheme.objects.create(
        year=YEAR,
        currency="SEK",
        due_date=datetime.date(YEAR, 3, 31),
        vat_rate=25,
    )
    issued_on = datetime.date(YEAR, 1, 15)
    contributions = []
    for n, organisation in enumerate(organisations, start=1):
        net = 10_000_00 + (n * 7919) % 240_000_00
        vat = net // 4
        contributions.append(
            Contribution(
                organisation=organisation,
                scheme=scheme,
                year=YEAR,
                number=f"{YEAR}-{n:05d}",
                payment_reference=f"B{n:010d}",
                currency="SEK",
                net_minor=net,
                vat_rate=25,
                vat_minor=vat,
                amount_minor=net + vat,
                issued_on=issued_on,
                due_date=scheme.due_date,
            )
        )
    contributions = Contribution.objects.bulk_create(contributions, batch_size=2000)
    entries = []
    refunds = 0
    for n, contribution in enumerate(contributions):
        paid_on = issued_on + datetime.timedelta(days=1 + n % 200)
        by_card = n % 2 == 1
        entries.append(
            LedgerEntry(
                contribution=contribution,
                kind="card_payment" if by_card else "bank_payment",
                source="stripe" if by_card else "bank",
                external_id=f"pi_{n}" if by_card else f"bg_{n}",
                amount_minor=contribution.amount_minor,
                currency="SEK",
                occurred_on=paid_on,
            )
        )
        if by_card and n % 20 == 1:
            refunds += 1
            entries.append(
                LedgerEntry(
                    contribution=contribution,
                    kind="refund",
                    source="stripe",
                    external_id=f"ch_{n}",
                    amount_minor=contribution.amount_minor // 5,
                    currency="SEK",
                    occurred_on=paid_on + datetime.timedelta(days=30),
                )
            )
    LedgerEntry.objects.bulk_create(entries, batch_size=2000)
    return {"invoices": len(contributions), "entries": len(entries), "refunds": refunds}


def main() -> None:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        built = build(MEMBERS)
        build_seconds = time.perf_counter() - started
        timings, contents = [], []
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                books = sie_file(year=YEAR)
                timings.append(time.perf_counter() - started)
            contents.append(books.content)
        assert all(content == contents[0] for content in contents), "not identical"
        assert books.verifications == built["invoices"] + built["entries"]
        figures = {
            "members": MEMBERS,
            "database": connection.vendor,
            "build_seconds": round(build_seconds, 1),
            "verifications": books.verifications,
            "refunds": built["refunds"],
            "export_seconds_first": round(timings[0], 2),
            "export_seconds_median": round(statistics.median(timings), 2),
            "verifications_per_second": round(
                books.verifications / statistics.median(timings)
            ),
            "queries": len(queries.captured_queries),
            "file_bytes": len(books.content),
            "identical_runs": RUNS,
        }
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    # Read just before writing: other benchmarks write their own keys.
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["sie_export"] = figures
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    sys.stdout.write(json.dumps(figures, indent=2) + "\n")
    sys.stdout.write(f"Database: {settings.DATABASES['default']['ENGINE']}\n")


if __name__ == "__main__":
    main()
