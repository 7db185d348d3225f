import datetime

import factory

from members.contributions.models import ContributionScheme, SchemeRate
from members.enrolment.models import Membership
from tests.factories.organisations import (
    EnrolmentFactory,
    PropertyFactory,
    organisation_with_admin,
)

RATES = {
    "office": 1000,
    "retail": 1500,
    "residential": 500,
    "industrial": 700,
    "public": 0,
    "mixed": 1200,
}


class SchemeFactory(factory.django.DjangoModelFactory):
    year = 2026
    version = 1
    currency = "SEK"
    base_fee_minor = 500000  # 5 000 kr
    floor_minor = 1000000  # 10 000 kr
    cap_minor = 50000000  # 500 000 kr
    due_date = datetime.date(2026, 3, 31)

    class Meta:
        model = ContributionScheme
        skip_postgeneration_save = True

    @factory.post_generation
    def rates(self, create, extracted, **kwargs):
        if create:
            for use, rate in (extracted or RATES).items():
                SchemeRate.objects.create(
                    scheme=self, use_category=use, rate_minor_per_m2=rate
                )


def member(
    *,
    properties=((2000, "office"),),
    since=datetime.date(2025, 1, 1),
    user=None,
    **fields,
):
    """An organisation with a running membership and properties (m², use)."""
    organisation, admin = organisation_with_admin(user=user, **fields)
    for area, use in properties:
        PropertyFactory(owner=organisation, gross_floor_area_m2=area, use_category=use)
    enrolment = EnrolmentFactory(
        organisation=organisation, applicant=admin, status="approved"
    )
    Membership.objects.create(
        organisation=organisation, enrolment=enrolment, starts_on=since
    )
    return organisation, admin
