"""Reads of organisations: always through the viewer, so others' rows never show."""

from django.db.models import Prefetch, QuerySet

from members.organisations.models import (
    Invitation,
    Organisation,
    OrganisationMember,
    Property,
)


def organisations_for(*, user) -> QuerySet[Organisation]:
    """The organisations this person acts for."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(members__user=user).distinct()


def organisation_cards_for(*, user) -> QuerySet[Organisation]:
    """The organisations this person acts for, each with its properties
    (`ordered_properties`, by designation) and people (`ordered_people`, by
    address, with their users) fetched in two more queries however many."""
    return organisations_for(user=user).prefetch_related(
        Prefetch(
            "properties",
            queryset=Property.objects.order_by("designation"),
            to_attr="ordered_properties",
        ),
        Prefetch(
            "members",
            queryset=OrganisationMember.objects.select_related("user").order_by(
                "user__email"
            ),
            to_attr="ordered_people",
        ),
    )


def role_in(*, user, organisation: Organisation) -> str | None:
    if not user.is_authenticated:
        return None
    return (
        OrganisationMember.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )


def is_admin_of(*, user, organisation: Organisation) -> bool:
    return (
        role_in(user=user, organisation=organisation) == OrganisationMember.Role.ADMIN
    )


def people_of(*, organisation: Organisation) -> QuerySet[OrganisationMember]:
    return organisation.members.select_related("user").order_by("user__email")


def open_invitations_of(*, organisation: Organisation) -> list[Invitation]:
    return [i for i in organisation.invitations.all() if i.is_open]


def open_invitations_for(*, user) -> list[Invitation]:
    """Open invitations sent to any of this person's verified addresses."""
    verified = user.emailaddress_set.filter(verified=True).values("email")
    invitations = Invitation.objects.filter(email__in=verified)
    return [i for i in invitations.select_related("organisation") if i.is_open]


def properties_of(*, organisation: Organisation) -> QuerySet[Property]:
    return organisation.properties.select_related("area").order_by("designation")


def properties_for(*, user) -> QuerySet[Property]:
    return Property.objects.filter(owner__in=organisations_for(user=user))
