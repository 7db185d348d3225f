"""Organisations, properties, people and invitations: rules and bad input."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from members.organisations import services
from members.organisations.models import (
    Invitation,
    Organisation,
    OrganisationMember,
    Property,
    PropertyOwnership,
)
from tests.factories.accounts import MemberUserFactory
from tests.factories.areas import named_area
from tests.factories.organisations import (
    OrganisationMemberFactory,
    organisation_with_admin,
)

pytestmark = pytest.mark.django_db

VALID = {
    "legal_name": "Kajfastigheter AB",
    "country": "SE",
    "org_number": "556677-8899",
    "type": "property_owner",
    "street_address": "Kajgatan 2",
    "postal_code": "120 30",
    "city": "Västerhamn",
    "invoice_email": "faktura@kaj.example",
}
PROPERTY = {
    "designation": "Västerhamn Kajen 1:12",
    "street_address": "Kajgatan 2",
    "gross_floor_area_m2": 4200,
    "use_category": "office",
}


def property_fields() -> dict:
    """A property's fields for the services: its area is a record."""
    return {**PROPERTY, "area": named_area("Hamnpromenaden")}


def test_registering_makes_the_person_its_administrator():
    user = MemberUserFactory()
    organisation = services.organisation_create(by=user, **VALID)
    assert organisation.org_number == "5566778899"
    assert organisation.members.get().role == OrganisationMember.Role.ADMIN


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("org_number", "556677-8898"),
        ("org_number", "123"),
        ("invoice_email", "nope"),
        ("country", "FI"),
        ("type", "pirate"),
    ],
)
def test_bad_organisation_input_writes_nothing(field, value):
    with pytest.raises(ValidationError) as error:
        services.organisation_create(by=MemberUserFactory(), **{**VALID, field: value})
    assert field in error.value.message_dict
    assert not Organisation.objects.exists()
    assert not OrganisationMember.objects.exists()


def test_organisation_numbers_are_unique_per_country():
    services.organisation_create(by=MemberUserFactory(), **VALID)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.organisation_create(
            by=MemberUserFactory(), **{**VALID, "org_number": "5566778899"}
        )
    assert "already registered" in str(error.value)
    assert Organisation.objects.count() == 1


def test_property_designations_are_unique_whatever_the_case_and_spacing():
    organisation, admin = organisation_with_admin()
    services.property_add(organisation=organisation, by=admin, **property_fields())
    with pytest.raises(ValidationError):
        services.property_add(
            organisation=organisation,
            by=admin,
            **{**property_fields(), "designation": "västerhamn  KAJEN 1:12"},
        )
    assert Property.objects.count() == 1


@pytest.mark.parametrize("area", [0, -5])
def test_floor_area_must_be_positive(area):
    organisation, admin = organisation_with_admin()
    with pytest.raises(ValidationError) as error:
        services.property_add(
            organisation=organisation,
            by=admin,
            **{**property_fields(), "gross_floor_area_m2": area},
        )
    assert "gross_floor_area_m2" in error.value.message_dict
    assert not Property.objects.exists()


def test_adding_a_property_records_its_owner_from_today():
    organisation, admin = organisation_with_admin()
    prop = services.property_add(
        organisation=organisation, by=admin, **property_fields()
    )
    ownership = prop.ownerships.get()
    assert ownership.organisation == organisation
    assert ownership.owned_from == timezone.localdate()
    assert ownership.owned_until is None


def test_transferring_a_property_keeps_the_history():
    seller, admin = organisation_with_admin()
    buyer, _ = organisation_with_admin()
    prop = services.property_add(organisation=seller, by=admin, **property_fields())
    day = timezone.localdate() + datetime.timedelta(days=10)

    services.property_transfer(prop=prop, to=buyer, on=day)

    prop.refresh_from_db()
    assert prop.owner == buyer
    history = list(prop.ownerships.order_by("owned_from"))
    assert [(o.organisation, o.owned_until) for o in history] == [
        (seller, day),
        (buyer, None),
    ]
    with pytest.raises(ValidationError):
        services.property_transfer(prop=prop, to=buyer, on=day)
    assert PropertyOwnership.objects.count() == 2


def test_contacts_cannot_manage_the_organisation():
    organisation, _admin = organisation_with_admin()
    contact = OrganisationMemberFactory(
        organisation=organisation, role=OrganisationMember.Role.CONTACT
    ).user
    with pytest.raises(PermissionDenied):
        services.property_add(
            organisation=organisation, by=contact, **property_fields()
        )
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            organisation=organisation, by=contact, email="x@example.org", role="contact"
        )
    with pytest.raises(PermissionDenied):
        services.organisation_update(
            organisation=organisation, by=contact, city="Elsewhere"
        )
    assert not Property.objects.exists()


def test_invitation_is_emailed_and_accepted_once_by_its_addressee(
    django_capture_on_commit_callbacks,
):
    organisation, admin = organisation_with_admin()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            organisation=organisation,
            by=admin,
            email="Kollega@Example.org",
            role="contact",
        )
    assert mail.outbox[0].to == ["kollega@example.org"]
    assert f"/portal/invitations/{invitation.token}/" in mail.outbox[0].body
    assert mail.outbox[0].alternatives[0][1] == "text/html"

    stranger = MemberUserFactory(email="stranger@example.org")
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=stranger)

    colleague = MemberUserFactory(email="kollega@example.org")
    member = services.invitation_accept(invitation=invitation, user=colleague)
    assert member.role == OrganisationMember.Role.CONTACT
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=colleague)


def test_expired_or_revoked_invitations_do_not_work():
    organisation, admin = organisation_with_admin()
    guest = MemberUserFactory(email="guest@example.org")
    expired = Invitation.objects.create(
        organisation=organisation,
        email="guest@example.org",
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=expired, user=guest)
    revoked = services.invitation_create(
        organisation=organisation, by=admin, email="guest@example.org", role="admin"
    )
    services.invitation_revoke(invitation=revoked, by=admin)
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=revoked, user=guest)
    assert not organisation.members.filter(user=guest).exists()


def test_an_unverified_address_cannot_accept():
    organisation, admin = organisation_with_admin()
    invitation = services.invitation_create(
        organisation=organisation, by=admin, email="new@example.org", role="contact"
    )
    user = MemberUserFactory(email="new@example.org", verified_email=False)
    EmailAddress.objects.create(user=user, email="new@example.org", verified=False)
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=user)


def test_the_last_administrator_cannot_leave_or_be_demoted():
    organisation, admin = organisation_with_admin()
    only_admin = organisation.members.get(user=admin)
    with pytest.raises(ValidationError):
        services.member_set_role(member=only_admin, role="contact", by=admin)
    with pytest.raises(ValidationError):
        services.member_remove(member=only_admin, by=admin)
    second = OrganisationMemberFactory(organisation=organisation)
    services.member_set_role(member=only_admin, role="contact", by=admin)
    assert organisation.members.filter(role="admin").get() == second


def test_the_secretariat_moves_a_property_in_the_admin_and_history_is_kept(client_for):
    seller, admin = organisation_with_admin(legal_name="Säljaren AB")
    buyer, _ = organisation_with_admin(legal_name="Köparen AB")
    prop = services.property_add(organisation=seller, by=admin, **property_fields())
    client = client_for("secretariat")
    data = {
        **PROPERTY,
        "area": prop.area_id,
        "owner": buyer.pk,
        "assessed_value_minor": "",
        "assessed_value_currency": "SEK",
    }

    response = client.post(f"/admin/properties/edit/{prop.pk}/", data)

    assert response.status_code == 302
    prop.refresh_from_db()
    assert prop.owner == buyer
    assert [o.organisation for o in prop.ownerships.order_by("owned_from", "pk")] == [
        seller,
        buyer,
    ]
    assert prop.ownerships.get(organisation=seller).owned_until == timezone.localdate()
