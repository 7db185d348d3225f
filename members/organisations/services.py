"""Writes of organisations, people, invitations and properties.

Every service that changes an organisation checks that the acting person is
one of its administrators; the views only parse input and call these.
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bid.access import ASK_ADMIN, Refusal
from bid.emails import absolute_url, send_email_on_commit
from members.organisations.models import (
    Invitation,
    Organisation,
    OrganisationMember,
    Property,
    PropertyOwnership,
)
from members.organisations.selectors import is_admin_of
from members.organisations.validators import logo_clean

ORGANISATION_FIELDS = (
    "legal_name",
    "country",
    "org_number",
    "type",
    "street_address",
    "postal_code",
    "city",
    "invoice_email",
    "peppol_id",
    "buyer_reference",
    "order_reference",
    "website",
    "listed_publicly",
    "public_description",
    "logo",
    "contacts_may_pay",
)
PROPERTY_FIELDS = (
    "designation",
    "street_address",
    "area",
    "gross_floor_area_m2",
    "use_category",
    "assessed_value_minor",
    "assessed_value_currency",
    "latitude",
    "longitude",
)


def require_admin(*, user, organisation: Organisation) -> None:
    if not is_admin_of(user=user, organisation=organisation):
        raise Refusal(
            _("Only the organisation's administrators may do this."), advice=ASK_ADMIN
        )


def organisation_email(
    *, organisation: Organisation, template: str, context: dict
) -> None:
    """Email each person acting for the organisation, in their own language,
    once the surrounding transaction has committed."""
    for member in organisation.members.select_related("user"):
        send_email_on_commit(
            to=[member.user.email],
            template=template,
            context=context,
            language=member.user.language,
        )


def _organisation_fields(fields: dict) -> dict:
    """The fields people may set, a newly uploaded logo stored without its
    metadata."""
    fields = {k: v for k, v in fields.items() if k in ORGANISATION_FIELDS}
    if isinstance(fields.get("logo"), UploadedFile):
        fields["logo"] = logo_clean(fields["logo"])
    return fields


@transaction.atomic
def organisation_create(*, by, **fields) -> Organisation:
    """Register an organisation; the person registering it becomes its administrator."""
    organisation = Organisation(**_organisation_fields(fields))
    organisation.full_clean()
    organisation.save()
    OrganisationMember.objects.create(
        organisation=organisation, user=by, role=OrganisationMember.Role.ADMIN
    )
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, by, **fields) -> Organisation:
    require_admin(user=by, organisation=organisation)
    for name, value in _organisation_fields(fields).items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def property_add(*, organisation: Organisation, by, **fields) -> Property:
    require_admin(user=by, organisation=organisation)
    prop = Property(
        owner=organisation, **{k: v for k, v in fields.items() if k in PROPERTY_FIELDS}
    )
    prop.full_clean()
    prop.save()
    PropertyOwnership.objects.create(
        property=prop,
        organisation=organisation,
        owned_from=timezone.localdate(),
        recorded_by=by,
    )
    return prop


@transaction.atomic
def property_update(*, prop: Property, by, **fields) -> Property:
    require_admin(user=by, organisation=prop.owner)
    for name, value in fields.items():
        if name in PROPERTY_FIELDS:
            setattr(prop, name, value)
    prop.full_clean()
    prop.save()
    return prop


@transaction.atomic
def property_remove(*, prop: Property, by) -> None:
    """Remove a property registered by mistake; enrolled properties stay."""
    require_admin(user=by, organisation=prop.owner)
    if prop.enrolments.exclude(status="draft").exists():
        raise ValidationError(
            _("This property is part of a submitted application and cannot be removed.")
        )
    prop.ownerships.all().delete()
    prop.delete()


@transaction.atomic
def property_transfer(
    *, prop: Property, to: Organisation, on: datetime.date, by=None
) -> PropertyOwnership:
    """Move a property to a new owner on a date, keeping the ownership history."""
    if to == prop.owner:
        raise ValidationError(_("The property already belongs to this organisation."))
    current = (
        prop.ownerships.filter(owned_until__isnull=True).select_for_update().first()
    )
    if current is not None:
        if on < current.owned_from:
            raise ValidationError(
                _("The transfer date is before the current ownership began.")
            )
        current.owned_until = on
        current.save(update_fields=["owned_until"])
    prop.owner = to
    prop.save(update_fields=["owner", "updated_at"])
    return PropertyOwnership.objects.create(
        property=prop, organisation=to, owned_from=on, recorded_by=by
    )


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, by, email: str, role: str
) -> Invitation:
    require_admin(user=by, organisation=organisation)
    email = email.strip().lower()
    if organisation.members.filter(user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("This person already belongs to the organisation.")}
        )
    invitation = Invitation(
        organisation=organisation, email=email, role=role, invited_by=by
    )
    invitation.full_clean()
    invitation.save()
    # Someone with an account reads it in their language; a newcomer in the
    # inviter's, the one language known to be shared.
    invitee = get_user_model().objects.filter(email__iexact=email).first()
    language = invitee.language if invitee and invitee.language else by.language
    with translation.override(language):
        role_label = invitation.get_role_display()
    send_email_on_commit(
        to=[email],
        template="organisations/email/invitation",
        context={
            "organisation": organisation.legal_name,
            "inviter": by.display_name,
            "role": role_label,
            "url": absolute_url(reverse("portal:invitation", args=[invitation.token])),
            "expires": timezone.localtime(invitation.expires_at).date().isoformat(),
        },
        language=language,
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by) -> None:
    require_admin(user=by, organisation=invitation.organisation)
    if invitation.is_open:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> OrganisationMember:
    """Join the organisation. The invitation works once, before it expires, and
    only for the address it was sent to."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(
            _("This invitation has expired or has already been used.")
        )
    verified = EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()
    if not verified:
        raise ValidationError(
            _(
                "This invitation was sent to %(email)s. "
                "Sign in with that address to accept it."
            )
            % {"email": invitation.email}
        )
    member, _created = OrganisationMember.objects.get_or_create(
        organisation=invitation.organisation,
        user=user,
        defaults={"role": invitation.role},
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return member


def _admins_left(organisation: Organisation, without: OrganisationMember) -> bool:
    return (
        organisation.members.filter(role=OrganisationMember.Role.ADMIN)
        .exclude(pk=without.pk)
        .exists()
    )


def _member_locked(*, member: OrganisationMember, by) -> OrganisationMember | None:
    """Lock the member's organisation, then read the member and check the actor
    again: role changes and removals of one organisation queue here, so two
    administrators demoting or removing each other at once cannot both pass the
    "another administrator is left" check. The organisation row is the one row
    sure to exist (a membership may be gone by now). None when the member was
    removed meanwhile."""
    Organisation.objects.select_for_update().get(pk=member.organisation_id)
    require_admin(user=by, organisation=member.organisation)
    return OrganisationMember.objects.filter(pk=member.pk).first()


@transaction.atomic
def member_set_role(*, member: OrganisationMember, role: str, by) -> OrganisationMember:
    current = _member_locked(member=member, by=by)
    if role not in OrganisationMember.Role.values:
        raise ValidationError(_("Choose a role."))
    if current is None:
        raise ValidationError(_("The person no longer acts for the organisation."))
    if role != OrganisationMember.Role.ADMIN and not _admins_left(
        member.organisation, current
    ):
        raise ValidationError(
            _("The organisation must keep at least one administrator.")
        )
    current.role = role
    current.save(update_fields=["role"])
    member.role = role
    return current


@transaction.atomic
def member_remove(*, member: OrganisationMember, by) -> None:
    current = _member_locked(member=member, by=by)
    if current is None:
        return
    if current.role == OrganisationMember.Role.ADMIN and not _admins_left(
        member.organisation, current
    ):
        raise ValidationError(
            _("The organisation must keep at least one administrator.")
        )
    current.delete()
