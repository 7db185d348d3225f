"""Rows the benchmarks build on, inserted in bulk (no signals, no services).

Import it after `common.setup()`: it imports models.
"""

import datetime

from members.enrolment.models import Enrolment, Membership
from members.organisations.models import Organisation
from tests.factories.organisations import swedish_org_number


def organisations(count: int, name: str) -> list[Organisation]:
    """`count` property owners at one address in Bench, each named by the
    template `name` with its number `n`, organisation numbers from 100,000."""
    return Organisation.objects.bulk_create(
        Organisation(
            legal_name=name.format(n=n),
            country="SE",
            org_number=swedish_org_number(n + 100_000),
            type="property_owner",
            street_address="Benchgatan 1",
            postal_code="111 11",
            city="Bench",
            invoice_email=f"bench{n}@example.org",
        )
        for n in range(count)
    )


def enrol(organisations: list[Organisation], starts_on: datetime.date) -> None:
    """Every one of `organisations` approved, a member from `starts_on`."""
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(organisation=o, status="approved") for o in organisations
    )
    Membership.objects.bulk_create(
        Membership(organisation=e.organisation, enrolment=e, starts_on=starts_on)
        for e in enrolments
    )
