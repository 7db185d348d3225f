"""The organisations part of a person's data: whom they act for, the
invitations they sent and received, the ownerships they recorded; and, before
their account goes, the organisations they alone administer."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from bid.emails import send_email_on_commit
from members.accounts import personal_data, roles
from members.organisations.models import (
    Invitation,
    OrganisationMember,
    PropertyOwnership,
)

personal_data.records(
    "organisations",
    OrganisationMember,
    "user",
    organisation="organisation.legal_name",
    org_number="organisation.org_number_display",
    role="role",
    since="created_at",
)


def _invitations_to(user):
    # Invitations are sent to an address; the person may not have accepted them.
    return Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user))


@personal_data.section(
    "invitations_received",
    covers=[(Invitation, "accepted_by")],
    source=_invitations_to,
)
def _invitations_received(user) -> list[dict]:
    return personal_data.rows(
        _invitations_to(user).select_related("organisation"),
        organisation="organisation.legal_name",
        role="role",
        sent="created_at",
        accepted="accepted_at",
    )


personal_data.records(
    "invitations_sent",
    Invitation,
    "invited_by",
    organisation="organisation.legal_name",
    email="email",
    role="role",
    sent="created_at",
    expires="expires_at",
    accepted="accepted_at",
    revoked="revoked_at",
)

personal_data.records(
    "property_ownerships_recorded",
    PropertyOwnership,
    "recorded_by",
    property="property.designation",
    organisation="organisation.legal_name",
    owned_from="owned_from",
    owned_until="owned_until",
    recorded="recorded_at",
)


@personal_data.before_delete
def organisations_hand_to_secretariat(user) -> list[str]:
    """Organisations the person alone administers pass to the secretariat
    (flagged, and the secretariat is told), never deleted. Returns their names."""
    handed_over = []
    for membership in user.organisation_memberships.filter(
        role=OrganisationMember.Role.ADMIN
    ).select_related("organisation"):
        organisation = membership.organisation
        others = organisation.members.filter(
            role=OrganisationMember.Role.ADMIN
        ).exclude(user=user)
        if not others.exists():
            organisation.managed_by_secretariat = True
            organisation.save(update_fields=["managed_by_secretariat", "updated_at"])
            handed_over.append(organisation.legal_name)
    if handed_over:
        for person in get_user_model().objects.filter(
            groups__name=roles.SECRETARIAT, is_active=True
        ):
            send_email_on_commit(
                to=[person.email],
                template="organisations/email/organisations_handed_over",
                context={"organisations": handed_over},
                language=person.language,
            )
    return handed_over
