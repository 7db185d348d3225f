import datetime

import factory
from stdnum import luhn
from wagtail.models import Locale

from members.enrolment.models import Enrolment, MembershipTerms
from members.organisations.models import Organisation, OrganisationMember, Property
from tests.factories.accounts import MemberUserFactory
from tests.factories.areas import named_area


def swedish_org_number(n: int) -> str:
    """A valid Swedish organisation number for the n-th factory organisation."""
    base = f"556{n:06d}"[-9:]
    return f"{base}{luhn.calc_check_digit(base)}"


class OrganisationFactory(factory.django.DjangoModelFactory):
    legal_name = factory.Sequence(lambda n: f"Fastighets AB {n}")
    country = "SE"
    org_number = factory.Sequence(lambda n: swedish_org_number(n + 1000))
    type = Organisation.Type.PROPERTY_OWNER
    street_address = "Storgatan 1"
    postal_code = "111 22"
    city = "Teststaden"
    invoice_email = factory.Sequence(lambda n: f"faktura{n}@example.org")

    class Meta:
        model = Organisation


class OrganisationMemberFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory("tests.factories.accounts.MemberUserFactory")
    role = OrganisationMember.Role.ADMIN

    class Meta:
        model = OrganisationMember


class PropertyFactory(factory.django.DjangoModelFactory):
    designation = factory.Sequence(lambda n: f"Teststaden Kvarteret {n}:1")
    street_address = factory.Sequence(lambda n: f"Storgatan {n}")
    # No area unless given; a name given is the area of that name.
    area = None
    gross_floor_area_m2 = 1200
    use_category = Property.UseCategory.OFFICE
    owner = factory.SubFactory(OrganisationFactory)

    class Meta:
        model = Property

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        if isinstance(kwargs.get("area"), str):
            kwargs["area"] = named_area(kwargs["area"])
        return kwargs


class MembershipTermsFactory(factory.django.DjangoModelFactory):
    version = "2026-1"
    title = "Medlemsvillkor"
    body = "<p>Villkoren.</p>"
    effective_from = datetime.date(2025, 1, 1)
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="sv"))

    class Meta:
        model = MembershipTerms


class EnrolmentFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory)
    status = Enrolment.Status.DRAFT

    class Meta:
        model = Enrolment


def organisation_with_admin(user=None, **fields):
    """An organisation and its administrator (a new member user unless given)."""
    user = user or MemberUserFactory()
    organisation = OrganisationFactory(**fields)
    OrganisationMemberFactory(organisation=organisation, user=user)
    return organisation, user
