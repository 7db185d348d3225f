"""Benchmark: issue a year's contributions for 10,000 members.

Builds a throwaway database (PostgreSQL when DATABASE_URL points at one) with
10,000 member organisations and 20,000 properties, times `contributions_issue`
(emails are queued on the database task backend, as in production), times a
second, idempotent run, and records the figures in bench/results.json.

    make bench    (or: DATABASE_URL=postgres://… .venv/bin/python bench/invoicing.py)
"""

import datetime
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bid.settings.dev")
os.environ["TASKS_BACKEND"] = "database"  # emails are queued, as in production
os.environ["DEBUG"] = "0"  # no query log growing in memory

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from members.contributions.models import Contribution, ContributionScheme, SchemeRate  # noqa: E402
from members.contributions.services import contributions_issue  # noqa: E402
from members.enrolment.models import Enrolment, Membership  # noqa: E402
from members.organisations.models import Organisation, Property  # noqa: E402
from tests.factories.organisations import swedish_org_number  # noqa: E402

MEMBERS = int(os.environ.get("BENCH_MEMBERS", "10000"))
RESULTS = ROOT / "bench" / "results.json"


def build(members: int) -> None:
    organisations = Organisation.objects.bulk_create(
        Organisation(
            legal_name=f"Bench AB {n}",
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
    uses = ["office", "retail", "residential", "mixed"]
    Property.objects.bulk_create(
        Property(
            designation=f"Bench {n}:{k}",
            street_address="Benchgatan 1",
            area="Centrum",
            gross_floor_area_m2=500 + (n * 37 + k * 11) % 5000,
            use_category=uses[(n + k) % 4],
            owner=organisation,
        )
        for n, organisation in enumerate(organisations)
        for k in range(2)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(organisation=o, status="approved") for o in organisations
    )
    Membership.objects.bulk_create(
        Membership(
            organisation=e.organisation,
            enrolment=e,
            starts_on=datetime.date(2025, 1, 1),
        )
        for e in enrolments
    )
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
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
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
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["invoicing"] = figures
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    sys.stdout.write(json.dumps(figures, indent=2) + "\n")
    sys.stdout.write(f"Database: {settings.DATABASES['default']['ENGINE']}\n")


if __name__ == "__main__":
    main()
