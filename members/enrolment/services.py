"""The enrolment workflow: who may move an application where, and what follows.

draft → submitted → (needs information → submitted)* → approved | rejected.
The applicant's organisation submits and answers; the board and the
secretariat (permission `enrolment.review_enrolment`) review. Every step is
recorded and emailed to the applicant in their language.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bid.emails import absolute_url, send_email_on_commit
from members.accounts import roles
from members.enrolment.models import (
    Agreement,
    Enrolment,
    EnrolmentTransition,
    Membership,
    MembershipTerms,
)
from members.enrolment.selectors import active_membership, current_terms
from members.organisations.models import Organisation
from members.organisations.selectors import is_admin_of

Status = Enrolment.Status
# Owners enrol with their properties; businesses, agencies and associations may
# join without owning any (a shop renting its premises, the police).
PROPERTY_HOLDERS = (
    Organisation.Type.PROPERTY_OWNER,
    Organisation.Type.HOUSING_COMPANY,
)
APPLICANT, REVIEWER = "applicant", "reviewer"

ALLOWED = {
    (Status.DRAFT, Status.SUBMITTED): APPLICANT,
    (Status.NEEDS_INFORMATION, Status.SUBMITTED): APPLICANT,
    (Status.SUBMITTED, Status.NEEDS_INFORMATION): REVIEWER,
    (Status.SUBMITTED, Status.APPROVED): REVIEWER,
    (Status.SUBMITTED, Status.REJECTED): REVIEWER,
    (Status.NEEDS_INFORMATION, Status.REJECTED): REVIEWER,
}


def can_review(user) -> bool:
    return user.is_authenticated and user.has_perm("enrolment.review_enrolment")


def _check_actor(enrolment: Enrolment, by, actor: str) -> None:
    if actor == APPLICANT and not is_admin_of(
        user=by, organisation=enrolment.organisation
    ):
        raise PermissionDenied(_("Only the organisation's administrators may do this."))
    if actor == REVIEWER and not can_review(by):
        raise PermissionDenied(
            _("Only the board and the secretariat review applications.")
        )


def _transition(enrolment: Enrolment, *, to: str, by, comment: str = "") -> Enrolment:
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    actor = ALLOWED.get((enrolment.status, to))
    if actor is None:
        raise ValidationError(
            _("An application that is “%(from)s” cannot become “%(to)s”.")
            % {"from": enrolment.get_status_display(), "to": Status(to).label}
        )
    _check_actor(enrolment, by, actor)
    EnrolmentTransition.objects.create(
        enrolment=enrolment,
        from_status=enrolment.status,
        to_status=to,
        by=by,
        by_name=by.get_full_name() or by.email,
        comment=comment,
    )
    enrolment.status = to
    now = timezone.now()
    if to == Status.SUBMITTED:
        enrolment.submitted_at = now
    if to in (Status.APPROVED, Status.REJECTED):
        enrolment.decided_at = now
    enrolment.save()
    _email_applicant(enrolment, comment=comment)
    return enrolment


def _email_applicant(enrolment: Enrolment, *, comment: str) -> None:
    applicant = enrolment.applicant
    if applicant is None:
        return
    send_email_on_commit(
        to=[applicant.email],
        template="enrolment/email/status_changed",
        context={
            "name": applicant.first_name or applicant.email,
            "organisation": enrolment.organisation.legal_name,
            "status": enrolment.status,
            "comment": comment,
            "url": absolute_url(reverse("portal:enrolment", args=[enrolment.pk])),
        },
        language=applicant.language,
    )


def _email_reviewers(enrolment: Enrolment) -> None:
    reviewers = get_user_model().objects.filter(
        groups__name=roles.SECRETARIAT, is_active=True
    )
    for reviewer in reviewers:
        send_email_on_commit(
            to=[reviewer.email],
            template="enrolment/email/new_application",
            context={
                "organisation": enrolment.organisation.legal_name,
                "url": absolute_url(
                    reverse("enrolment_review:inspect", args=[enrolment.pk])
                ),
            },
            language=reviewer.language,
        )


@transaction.atomic
def enrolment_start(*, organisation: Organisation, by) -> Enrolment:
    """Open a draft application for an organisation the person administers."""
    if not is_admin_of(user=by, organisation=organisation):
        raise PermissionDenied(_("Only the organisation's administrators may apply."))
    if active_membership(organisation=organisation) is not None:
        raise ValidationError(_("This organisation is already a member."))
    open_one = organisation.enrolments.filter(
        status__in=[Status.DRAFT, Status.SUBMITTED, Status.NEEDS_INFORMATION]
    ).first()
    if open_one is not None:
        return open_one
    return Enrolment.objects.create(organisation=organisation, applicant=by)


@transaction.atomic
def enrolment_update(
    *, enrolment: Enrolment, by, property_ids: list[int], message: str = ""
) -> Enrolment:
    """Choose the properties the application brings, while the applicant may edit it."""
    _check_actor(enrolment, by, APPLICANT)
    if not enrolment.is_editable_by_applicant:
        raise ValidationError(_("The application can no longer be changed."))
    properties = list(enrolment.organisation.properties.filter(pk__in=property_ids))
    if len(properties) != len(set(property_ids)):
        raise ValidationError(_("Choose among the organisation's own properties."))
    enrolment.properties.set(properties)
    enrolment.message = message
    enrolment.full_clean()
    enrolment.save()
    return enrolment


@transaction.atomic
def enrolment_submit(
    *, enrolment: Enrolment, by, terms: MembershipTerms | None, accept_terms: bool
) -> Enrolment:
    """Send the application to the board, accepting the terms in force."""
    _check_actor(enrolment, by, APPLICANT)
    errors = {}
    if (
        enrolment.organisation.type in PROPERTY_HOLDERS
        and not enrolment.properties.exists()
    ):
        errors["properties"] = _("Add at least one property to the application.")
    in_force = current_terms()
    if (
        terms is None
        or in_force is None
        or terms.translation_key != in_force.translation_key
    ):
        errors["terms"] = _("The membership terms have changed; read the new ones.")
    elif not accept_terms:
        errors["accept_terms"] = _("Accept the membership terms to apply.")
    if errors:
        raise ValidationError(errors)
    enrolment.terms = terms
    enrolment.terms_accepted_at = timezone.now()
    enrolment.save(update_fields=["terms", "terms_accepted_at", "updated_at"])
    enrolment = _transition(enrolment, to=Status.SUBMITTED, by=by)
    _email_reviewers(enrolment)
    return enrolment


@transaction.atomic
def enrolment_request_information(
    *, enrolment: Enrolment, by, comment: str
) -> Enrolment:
    if not comment.strip():
        raise ValidationError({"comment": _("Say what information is missing.")})
    return _transition(
        enrolment, to=Status.NEEDS_INFORMATION, by=by, comment=comment.strip()
    )


@transaction.atomic
def enrolment_reject(*, enrolment: Enrolment, by, reason: str) -> Enrolment:
    if not reason.strip():
        raise ValidationError({"comment": _("Give the reason for the rejection.")})
    return _transition(enrolment, to=Status.REJECTED, by=by, comment=reason.strip())


@transaction.atomic
def enrolment_approve(
    *,
    enrolment: Enrolment,
    by,
    comment: str = "",
    starts_on: datetime.date | None = None,
) -> Membership:
    """Approve: the organisation becomes a member under the terms it accepted."""
    enrolment = _transition(
        enrolment, to=Status.APPROVED, by=by, comment=comment.strip()
    )
    starts_on = starts_on or timezone.localdate()
    membership = Membership.objects.create(
        organisation=enrolment.organisation, enrolment=enrolment, starts_on=starts_on
    )
    terms = enrolment.terms
    term_months = terms.term_months if terms else 12
    Agreement.objects.create(
        membership=membership,
        terms=terms,
        signed_on=starts_on,
        term_months=term_months,
        notice_months=terms.notice_months if terms else 3,
        renewal_date=starts_on + relativedelta(months=term_months),
    )
    return membership


@transaction.atomic
def agreement_cancel(
    *, agreement: Agreement, by, on: datetime.date | None = None
) -> Agreement:
    """Give notice. The membership ends when the notice period has passed."""
    organisation = agreement.membership.organisation
    if not (is_admin_of(user=by, organisation=organisation) or can_review(by)):
        raise PermissionDenied
    if agreement.cancelled_on is not None:
        raise ValidationError(_("Notice has already been given."))
    agreement.cancelled_on = on or timezone.localdate()
    agreement.cancelled_by = by
    agreement.save(update_fields=["cancelled_on", "cancelled_by"])
    membership = agreement.membership
    membership.ends_on = agreement.ends_on
    membership.save(update_fields=["ends_on"])
    return agreement


def agreement_roll_forward(*, agreement: Agreement, today: datetime.date) -> Agreement:
    """An agreement not cancelled renews itself for another term when it is due."""
    if agreement.cancelled_on is not None:
        return agreement
    changed = False
    while agreement.renewal_date <= today:
        agreement.renewal_date += relativedelta(months=agreement.term_months)
        changed = True
    if changed:
        agreement.save(update_fields=["renewal_date"])
    return agreement
