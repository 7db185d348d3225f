"""Benchmark: issue a year's contributions for 10,000 members.

Builds a throwaway database (PostgreSQL when DATABASE_URL points at one) with
10,000 member organisations and 20,000 properties, times `contributions_issue`
(emails are queued on the database task backend, as in production), times a
second, idempotent run, and records the figures in bench/results.json.

    make bench    (or: DATABASE_URL=postgres://… .venv/bin/python bench/invoicing.py)
"""

import datetime
import os
import sys
import time

import common

common.setup(TASKS_BACKEND="database")  # emails are queued, as in production

import bulk  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from members.areas.models import Area  # noqa: E402
from members.contributions.models import Contribution, ContributionScheme, SchemeRate  # noqa: E402
from members.contributions.services import contributions_issue  # noqa: E402
from members.organisations.models import Property  # noqa: E402

MEMBERS = int(os.environ.get("BENCH_MEMBERS", "10000"))


def build(members: int) -> None:
    organisations = bulk.organisations(members, "Bench AB {n}")
    uses = ["office", "retail", "residential", "mixed"]
    centrum, _ = Area.objects.get_or_create(
        slug="centrum",
        defaults={
            "name": "Centrum",
            "boundary": {
                "type": "Polygon",
                "coordinates": [
                    [[11.95, 57.7], [11.96, 57.7], [11.96, 57.71], [11.95, 57.7]]
                ],
            },
        },
    )
    Property.objects.bulk_create(
        Property(
            designation=f"Bench {n}:{k}",
            street_address="Benchgatan 1",
            area=centrum,
            gross_floor_area_m2=500 + (n * 37 + k * 11) % 5000,
            use_category=uses[(n + k) % 4],
            owner=organisation,
        )
        for n, organisation in enumerate(organisations)
        for k in range(2)
    )
    bulk.enrol(organisations, datetime.date(2025, 1, 1))
    scheme = ContributionScheme.objects.create(
        year=2027,
        currency="SEK",
        base_fee_minor=5_000_00,
        floor_minor=10_000_00,
        cap_minor=250_000_00,
        due_date=datetime.date(2027, 3, 31),
    )
    SchemeRate.objects.bulk_create(
        SchemeRate(scheme=scheme, use_category=use, rate_minor_per_m2=rate)
        for use, rate in {
            "office": 12_50,
            "retail": 15_00,
            "residential": 4_00,
            "mixed": 10_00,
        }.items()
    )


def main() -> None:
    with common.throwaway_database():
        started = time.perf_counter()
        build(MEMBERS)
        built = time.perf_counter() - started
        scheme = ContributionScheme.objects.get()
        started = time.perf_counter()
        run = contributions_issue(scheme=scheme, on=datetime.date(2027, 1, 10))
        first = time.perf_counter() - started
        started = time.perf_counter()
        again = contributions_issue(scheme=scheme, on=datetime.date(2027, 1, 10))
        second = time.perf_counter() - started
        assert run.created == MEMBERS and again.created == 0
        assert Contribution.objects.count() == MEMBERS
        figures = {
            "members": MEMBERS,
            "database": connection.vendor,
            "build_seconds": round(built, 1),
            "issue_seconds": round(first, 2),
            "members_per_second": round(MEMBERS / first),
            "second_run_seconds": round(second, 2),
        }
    common.record(figures, "invoicing")
    sys.stdout.write(f"Database: {settings.DATABASES['default']['ENGINE']}\n")


if __name__ == "__main__":
    main()
