"""A person's own data: everything we hold about them, and deleting the account."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bid.emails import send_email_on_commit
from members.accounts import roles


def _date(value):
    return value.isoformat() if value else None


def user_data_export(*, user) -> dict:
    """All personal data of the account, as one JSON-ready document."""
    from members.enrolment.models import Enrolment, EnrolmentTransition
    from members.organisations.models import Invitation

    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "date_joined": _date(user.date_joined),
            "last_login": _date(user.last_login),
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in user.emailaddress_set.all()
        ],
        "two_factor_methods": sorted(
            user.authenticator_set.values_list("type", flat=True)
        ),
        "organisations": [
            {
                "organisation": m.organisation.legal_name,
                "org_number": m.organisation.org_number_display,
                "role": m.role,
                "since": _date(m.created_at),
            }
            for m in user.organisation_memberships.select_related("organisation")
        ],
        "invitations_received": [
            {
                "organisation": i.organisation.legal_name,
                "role": i.role,
                "sent": _date(i.created_at),
                "accepted": _date(i.accepted_at),
            }
            for i in Invitation.objects.filter(email__iexact=user.email).select_related(
                "organisation"
            )
        ],
        "applications": [
            {
                "organisation": e.organisation.legal_name,
                "status": e.status,
                "message": e.message,
                "submitted": _date(e.submitted_at),
                "terms_accepted": _date(e.terms_accepted_at),
            }
            for e in Enrolment.objects.filter(applicant=user).select_related(
                "organisation"
            )
        ],
        "application_steps_taken": [
            {
                "organisation": t.enrolment.organisation.legal_name,
                "from": t.from_status,
                "to": t.to_status,
                "at": _date(t.at),
                "comment": t.comment,
            }
            for t in EnrolmentTransition.objects.filter(by=user).select_related(
                "enrolment__organisation"
            )
        ],
    }


@transaction.atomic
def user_delete(*, user, password: str) -> list[str]:
    """Delete the account after checking the password.

    Organisations the person alone administers are handed to the secretariat
    (flagged, and the secretariat is told), never deleted. Returns their names.
    """
    from members.organisations.models import OrganisationMember

    if not user.check_password(password):
        raise ValidationError({"password": _("The password is not correct.")})
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
                template="accounts/email/organisations_handed_over",
                context={"organisations": handed_over},
                language=person.language,
            )
    user.delete()
    return handed_over
