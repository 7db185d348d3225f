"""An application goes out with the properties ticked on its page, a property
added from that page is part of it, and one without properties neither goes
out nor can be approved (for owners and housing companies)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from members.enrolment import services
from members.enrolment.models import Enrolment
from members.organisations.models import Organisation, Property
from tests.factories.accounts import MemberUserFactory, SecretariatUserFactory
from tests.factories.areas import named_area
from tests.factories.organisations import (
    MembershipTermsFactory,
    PropertyFactory,
    organisation_with_admin,
)

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


@pytest.fixture
def terms():
    return MembershipTermsFactory()


def draft(**organisation_fields):
    organisation, admin = organisation_with_admin(
        user=MemberUserFactory(language="en"), **organisation_fields
    )
    enrolment = services.enrolment_start(organisation=organisation, by=admin)
    return enrolment, admin


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(enrolment) -> str:
    return f"/en/portal/applications/{enrolment.pk}/"


def test_a_property_added_from_the_application_is_part_of_it():
    enrolment, admin = draft()
    browser = signed_in(admin)
    form_page = browser.get(f"{page(enrolment)}properties/new/")
    assert form_page.status_code == 200
    response = browser.post(
        f"{page(enrolment)}properties/new/",
        {
            "designation": "Västerhamn Kajen 9:1",
            "street_address": "Kajgatan 1",
            "area": named_area("Hamnen").pk,
            "gross_floor_area_m2": "640",
            "use_category": "retail",
            "assessed_value_currency": "SEK",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == page(enrolment)
    prop = Property.objects.get(designation="Västerhamn Kajen 9:1")
    assert list(enrolment.properties.all()) == [prop]
    # …and it comes back ticked on the application page.
    html = browser.get(page(enrolment)).content.decode()
    assert f'value="{prop.pk}"' in html
    checkbox = html[
        html.index(f'value="{prop.pk}"') - 200 : html.index(f'value="{prop.pk}"') + 200
    ]
    assert "checked" in checkbox


def test_sending_saves_what_is_ticked_on_the_same_page(terms):
    enrolment, admin = draft()
    first, second = PropertyFactory.create_batch(2, owner=enrolment.organisation)
    response = signed_in(admin).post(
        f"{page(enrolment)}send/",
        {
            "properties": [first.pk, second.pk],
            "message": "Två fastigheter",
            "terms": terms.pk,
            "accept_terms": "on",
        },
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Status.SUBMITTED
    assert set(enrolment.properties.all()) == {first, second}
    assert enrolment.message == "Två fastigheter"


def test_sending_an_owners_application_without_properties_is_refused(terms):
    enrolment, admin = draft()
    PropertyFactory(owner=enrolment.organisation)  # registered, not ticked
    response = signed_in(admin).post(
        f"{page(enrolment)}send/",
        {"message": "Utan", "terms": terms.pk, "accept_terms": "on"},
    )
    assert response.status_code == 400
    assert "Add at least one property to the application." in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == Status.DRAFT
    assert enrolment.message == ""  # nothing of a refused send is kept


def test_a_refused_send_keeps_nothing_and_shows_the_ticks_again(terms):
    enrolment, admin = draft()
    prop = PropertyFactory(owner=enrolment.organisation)
    response = signed_in(admin).post(
        f"{page(enrolment)}send/",
        {"properties": [prop.pk], "terms": terms.pk},  # terms not accepted
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Accept the membership terms to apply." in html
    enrolment.refresh_from_db()
    assert enrolment.status == Status.DRAFT
    assert not enrolment.properties.exists()
    ticked = html[
        html.index(f'value="{prop.pk}"') - 200 : html.index(f'value="{prop.pk}"') + 200
    ]
    assert "checked" in ticked  # the applicant's choice is not lost


def test_a_business_may_join_without_properties(terms):
    enrolment, admin = draft(type=Organisation.Type.BUSINESS)
    html = signed_in(admin).get(page(enrolment)).content.decode()
    assert "may join without properties" in html
    response = signed_in(admin).post(
        f"{page(enrolment)}send/", {"terms": terms.pk, "accept_terms": "on"}
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Status.SUBMITTED


def test_an_owners_application_without_properties_cannot_be_approved(terms):
    enrolment, admin = draft()
    # Sent before the rule, or its property since removed: it waits, empty.
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Status.SUBMITTED)
    enrolment.refresh_from_db()
    secretariat = SecretariatUserFactory(language="en")
    with pytest.raises(ValidationError):
        services.enrolment_approve(enrolment=enrolment, by=secretariat)
    response = signed_in(secretariat).post(
        f"/admin/enrolment_review/inspect/{enrolment.pk}/",
        {"action": "approve", "comment": ""},
    )
    assert response.status_code == 200
    assert "without properties cannot be approved" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == Status.SUBMITTED
    assert not hasattr(enrolment.organisation, "membership") or (
        not enrolment.organisation.memberships.exists()
    )


def test_the_add_property_page_is_only_for_the_applicants_administrators():
    enrolment, _admin = draft()
    stranger = MemberUserFactory()
    assert (
        signed_in(stranger).get(f"{page(enrolment)}properties/new/").status_code == 404
    )
