"""The member portal in the test client: forms, errors, and who sees what."""

import pytest

from members.enrolment.models import Enrolment
from members.organisations.models import Organisation, OrganisationMember, Property
from tests.factories.accounts import MemberUserFactory
from tests.factories.areas import named_area
from tests.factories.organisations import (
    EnrolmentFactory,
    MembershipTermsFactory,
    OrganisationMemberFactory,
    PropertyFactory,
    organisation_with_admin,
)
from tests.permissions import Row, assert_row

pytestmark = pytest.mark.django_db

ORGANISATION_FORM = {
    "legal_name": "Nya Fastigheter AB",
    "country": "SE",
    "org_number": "556677-8899",
    "type": "property_owner",
    "street_address": "Nygatan 1",
    "postal_code": "120 30",
    "city": "Västerhamn",
    "invoice_email": "faktura@nya.example",
}
PROPERTY_FORM = {
    "designation": "Västerhamn Nya 1:1",
    "street_address": "Nygatan 1",
    "gross_floor_area_m2": "2500",
    "use_category": "office",
    "assessed_value_minor": "",
    "assessed_value_currency": "SEK",
}


def test_registering_an_organisation_opens_a_draft_application(client_for):
    user = MemberUserFactory()
    client = client_for("member", user=user)
    response = client.post("/en/portal/organisations/new/", ORGANISATION_FORM)
    organisation = Organisation.objects.get()
    enrolment = Enrolment.objects.get()
    assert response["Location"] == f"/en/portal/applications/{enrolment.pk}/"
    assert enrolment.status == "draft" and enrolment.organisation == organisation
    assert organisation.members.get().user == user


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("org_number", "556677-8898", "check digit"),
        ("org_number", "5566", "Enter 10 digits"),
        ("invoice_email", "faktura", "valid email"),
    ],
)
def test_bad_organisation_input_shows_the_error_and_writes_nothing(
    client_for, field, value, message
):
    response = client_for("member").post(
        "/en/portal/organisations/new/", {**ORGANISATION_FORM, field: value}
    )
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert 'role="alert"' in response.content.decode()
    assert not Organisation.objects.exists()


def test_duplicate_organisation_number_is_a_form_error(client_for):
    organisation_with_admin(org_number="5566778899")
    response = client_for("member").post(
        "/en/portal/organisations/new/", ORGANISATION_FORM
    )
    assert response.status_code == 200
    assert "already registered" in str(response.context["form"].errors)
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("gross_floor_area_m2", "0", "at least 1 m²"),
        ("gross_floor_area_m2", "-10", "at least 1 m²"),
        ("designation", "Befintlig 1:1", "already registered"),
    ],
)
def test_bad_property_input_shows_the_error_and_writes_nothing(
    client_for, field, value, message
):
    organisation, admin = organisation_with_admin()
    PropertyFactory(designation="Befintlig 1:1")
    response = client_for("member", user=admin).post(
        f"/en/portal/organisations/{organisation.pk}/properties/new/",
        {**PROPERTY_FORM, "area": named_area("Centrum").pk, field: value},
    )
    assert response.status_code == 200
    assert message in str(response.context["form"].errors)
    assert not organisation.properties.exists()


def test_applicant_chooses_properties_accepts_terms_and_sends(client_for):
    terms = MembershipTermsFactory()
    organisation, admin = organisation_with_admin()
    first, second = PropertyFactory.create_batch(2, owner=organisation)
    enrolment = EnrolmentFactory(organisation=organisation, applicant=admin)
    client = client_for("member", user=admin)
    url = f"/en/portal/applications/{enrolment.pk}/"

    # One form on the page: "Save" posts it to the page, "Send" to send/.
    ticked = {"properties": [first.pk, second.pk], "message": "Hej"}
    client.post(url, {**ticked, "message": "Utkast"})
    response = client.post(url + "send/", {**ticked, "terms": terms.pk})  # not ticked
    enrolment.refresh_from_db()
    assert response.status_code == 400
    assert (enrolment.status, enrolment.message) == ("draft", "Utkast")
    response = client.post(
        url + "send/", {**ticked, "terms": terms.pk, "accept_terms": "on"}
    )

    enrolment.refresh_from_db()
    assert response.status_code == 302
    assert enrolment.status == "submitted"
    assert set(enrolment.properties.all()) == {first, second}
    assert enrolment.message == "Hej"


def test_the_application_cannot_include_another_organisations_property(client_for):
    organisation, admin = organisation_with_admin()
    foreign = PropertyFactory()
    enrolment = EnrolmentFactory(organisation=organisation, applicant=admin)
    client_for("member", user=admin).post(
        f"/en/portal/applications/{enrolment.pk}/", {"properties": [foreign.pk]}
    )
    assert not enrolment.properties.exists()


def test_dashboard_shows_status_properties_people_and_next_step(client_for):
    organisation, admin = organisation_with_admin(legal_name="Kajfastigheter AB")
    PropertyFactory(owner=organisation, designation="Kajen 1:12")
    EnrolmentFactory(
        organisation=organisation, applicant=admin, status="needs_information"
    )
    html = client_for("member", user=admin).get("/en/portal/").content.decode()
    assert "Kajfastigheter AB" in html
    assert "Kajen 1:12" in html
    assert admin.email in html or admin.get_full_name() in html
    assert "Answer the board" in html


# Who sees what: member A never reaches member B's records.


@pytest.fixture
def two_members():
    a_org, a_admin = organisation_with_admin(legal_name="A AB")
    b_org, b_admin = organisation_with_admin(legal_name="B AB")
    b_property = PropertyFactory(owner=b_org)
    b_person = OrganisationMemberFactory(organisation=b_org, role="contact")
    b_invitation = b_org.invitations.create(email="x@example.org")
    b_enrolment = EnrolmentFactory(organisation=b_org, applicant=b_admin)
    return {
        "a_admin": a_admin,
        "ids": {
            "org": b_org.pk,
            "property": b_property.pk,
            "person": b_person.pk,
            "invitation": b_invitation.pk,
            "enrolment": b_enrolment.pk,
        },
    }


OTHER_ORGANISATION_URLS = [
    ("get", "/portal/organisations/{org}/"),
    ("get", "/portal/organisations/{org}/edit/"),
    ("post", "/portal/organisations/{org}/edit/"),
    ("get", "/portal/organisations/{org}/properties/new/"),
    ("post", "/portal/organisations/{org}/invite/"),
    ("get", "/portal/properties/{property}/"),
    ("post", "/portal/properties/{property}/delete/"),
    ("post", "/portal/people/{person}/role/"),
    ("post", "/portal/people/{person}/remove/"),
    ("post", "/portal/invitations/{invitation}/revoke/"),
    ("get", "/portal/applications/{enrolment}/"),
    ("post", "/portal/applications/{enrolment}/send/"),
]


@pytest.mark.parametrize(("method", "url"), OTHER_ORGANISATION_URLS)
def test_another_organisations_records_answer_404_and_change_nothing(
    client_for, two_members, method, url
):
    client = client_for("member", user=two_members["a_admin"])
    response = getattr(client, method)(
        url.format(**two_members["ids"]), {"role": "admin", "email": "y@example.org"}
    )
    assert response.status_code == 404
    assert OrganisationMember.objects.filter(
        pk=two_members["ids"]["person"], role="contact"
    ).exists()
    assert Property.objects.filter(pk=two_members["ids"]["property"]).exists()


@pytest.mark.parametrize(("method", "url"), OTHER_ORGANISATION_URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, two_members, method, url):
    response = getattr(client, method)(url.format(**two_members["ids"]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


ADMIN_ONLY = [
    ("get", "/portal/organisations/{org}/edit/"),
    ("get", "/portal/organisations/{org}/properties/new/"),
    ("post", "/portal/organisations/{org}/invite/"),
    ("get", "/portal/properties/{property}/"),
    ("post", "/portal/people/{person}/remove/"),
]


@pytest.mark.parametrize(("method", "url"), ADMIN_ONLY)
def test_contacts_get_403_for_admin_actions_of_their_own_organisation(
    client_for, method, url
):
    organisation, admin = organisation_with_admin()
    contact = OrganisationMemberFactory(organisation=organisation, role="contact").user
    prop = PropertyFactory(owner=organisation)
    person = organisation.members.get(user=admin)
    response = getattr(client_for("member", user=contact), method)(
        url.format(org=organisation.pk, property=prop.pk, person=person.pk),
        {"email": "z@example.org", "role": "admin"},
    )
    assert response.status_code == 403
    assert organisation.members.filter(user=admin).exists()
    assert not organisation.invitations.exists()


def test_contact_can_read_the_organisation(client_for):
    organisation, _admin = organisation_with_admin(legal_name="Läsbar AB")
    contact = OrganisationMemberFactory(organisation=organisation, role="contact").user
    response = client_for("member", user=contact).get(
        f"/portal/organisations/{organisation.pk}/"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Läsbar AB" in html
    assert "/invite/" not in html


def test_portal_rows_for_every_role(client_for):
    row = Row(
        "/portal/",
        {
            "anonymous": 302,
            "member_a": 200,
            "member_a_contact": 200,
            "member_b": 200,
            "board": 200,
            "secretariat": 200,
            "admin": 200,
            "auditor": 200,
        },
    )
    assert_row(client_for, row)
