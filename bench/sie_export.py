"""Benchmark: the SIE export of a year with 10,000 members invoiced and paid.

Builds a throwaway database (PostgreSQL when DATABASE_URL points at one) with
10,000 invoices at 25 % VAT, each paid by bank or card, one card payment in ten
partly refunded; times `sie_file` (three runs: the first reads a cold cache),
counts its queries, checks that the runs give identical bytes and records the
figures in bench/results.json under "sie_export".

    DATABASE_URL=postgres://… .venv/bin/python bench/sie_export.py
"""

import datetime
import os
import statistics
import sys
import time

import common

common.setup()

import bulk  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from members.contributions.models import (  # noqa: E402
    Contribution,
    ContributionScheme,
    InvoiceSettings,
    LedgerEntry,
)
from members.contributions.sie import sie_file  # noqa: E402
from tests.factories.organisations import swedish_org_number  # noqa: E402

MEMBERS = int(os.environ.get("BENCH_MEMBERS", "10000"))
RUNS = 3
YEAR = 2026


def build(members: int) -> dict:
    seller = InvoiceSettings.load()
    seller.legal_name = "Hamnstadens Företagarförening"
    seller.org_number = swedish_org_number(1)
    seller.save()
    organisations = bulk.organisations(members, "Bench Fastighets AB {n} – Åkerö")
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
    with common.throwaway_database():
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
    common.record(figures, "sie_export")
    sys.stdout.write(f"Database: {settings.DATABASES['default']['ENGINE']}\n")


if __name__ == "__main__":
    main()
