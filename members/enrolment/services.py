"""The enrolment workflow: who may move an application where, and what follows.

draft → submitted → (needs information → submitted)* → approved | rejected.
The applicant's organisation submits and answers; the board and the
secretariat (permission `enrolment.review_enrolment`) review. Every step is
recorded and emailed to the applicant in their language.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bid.access import ASK_ADMIN, Refusal, may
from bid.emails import absolute_url, send_email_on_commit
from bid.workflow import Actor, Move, Workflow
from members.accounts import roles
from members.enrolment.models import (
    Agreement,
    Enrolment,
    EnrolmentTransition,
    Membership,
    MembershipTerms,
    ReminderSent,
)
from members.enrolment.selectors import (
    active_membership,
    agreement_dates_within,
    agreements_running,
    current_terms,
)
from members.organisations.models import Organisation, Property
from members.organisations.selectors import is_admin_of
from members.organisations.services import property_add

Status = Enrolment.Status
# Owners enrol with their properties; businesses, agencies and associations may
# join without owning any (a shop renting its premises, the police).
PROPERTY_HOLDERS = (
    Organisation.Type.PROPERTY_OWNER,
    Organisation.Type.HOUSING_COMPANY,
)
# The secretariat hears of a renewal or notice date this many days ahead.
RENEWAL_WINDOW_DAYS = 60


def _administers(user, enrolment: Enrolment) -> bool:
    return is_admin_of(user=user, organisation=enrolment.organisation)


APPLICANT = Actor(
    _administers, gettext_lazy("Only the organisation's administrators may do this.")
)
REVIEWER = Actor(
    "review_enrolment",
    gettext_lazy("Only the board and the secretariat review applications."),
)


class EnrolmentWorkflow(Workflow):
    model = Enrolment
    history = EnrolmentTransition
    transitions = {
        (Status.DRAFT, Status.SUBMITTED): APPLICANT,
        (Status.NEEDS_INFORMATION, Status.SUBMITTED): APPLICANT,
        (Status.SUBMITTED, Status.NEEDS_INFORMATION): REVIEWER,
        (Status.SUBMITTED, Status.APPROVED): REVIEWER,
        (Status.SUBMITTED, Status.REJECTED): REVIEWER,
        (Status.NEEDS_INFORMATION, Status.REJECTED): REVIEWER,
    }
    comments = {
        Status.NEEDS_INFORMATION: gettext_lazy("Say what information is missing."),
        Status.REJECTED: gettext_lazy("Give the reason for the rejection."),
    }
    refusal = gettext_lazy("An application that is “%(from)s” cannot become “%(to)s”.")

    timestamps = {
        Status.SUBMITTED: "submitted_at",
        Status.APPROVED: "decided_at",
        Status.REJECTED: "decided_at",
    }

    def after_save(self, enrolment: Enrolment, step: Move) -> None:
        _email_applicant(enrolment, comment=step.comment)


WORKFLOW = EnrolmentWorkflow()


def _email_applicant(enrolment: Enrolment, *, comment: str) -> None:
    applicant = enrolment.applicant
    if applicant is None:
        return
    send_email_on_commit(
        to=[applicant.email],
        template="enrolment/email/status_changed",
        context={
            "name": applicant.first_name or applicant.display_name,
            "organisation": enrolment.organisation.legal_name,
            "status": enrolment.status,
            "comment": comment,
            "url": absolute_url(reverse("portal:enrolment", args=[enrolment.pk])),
        },
        language=applicant.language,
    )


def _secretariat():
    """The secretariat's active users: who hears of applications and renewals."""
    return get_user_model().objects.filter(
        groups__name=roles.SECRETARIAT, is_active=True
    )


def _email_reviewers(enrolment: Enrolment) -> None:
    for reviewer in _secretariat():
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
        raise Refusal(
            _("Only the organisation's administrators may apply."), advice=ASK_ADMIN
        )
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
    APPLICANT.require(by, enrolment)
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


def properties_required(organisation: Organisation) -> bool:
    """Owners and housing companies join with their properties; the others may
    join without any (a shop renting its premises, the police)."""
    return organisation.type in PROPERTY_HOLDERS


def _missing_properties(enrolment: Enrolment) -> bool:
    return (
        properties_required(enrolment.organisation)
        and not enrolment.properties.exists()
    )


@transaction.atomic
def enrolment_property_add(*, enrolment: Enrolment, by, **fields) -> Property:
    """Register a property from the application page: it joins the
    application at once, so what the applicant just added is what is sent."""
    APPLICANT.require(by, enrolment)
    if not enrolment.is_editable_by_applicant:
        raise ValidationError(_("The application can no longer be changed."))
    prop = property_add(organisation=enrolment.organisation, by=by, **fields)
    enrolment.properties.add(prop)
    return prop


@transaction.atomic
def enrolment_send(
    *,
    enrolment: Enrolment,
    by,
    property_ids: list[int],
    message: str,
    terms: MembershipTerms | None,
    accept_terms: bool,
) -> Enrolment:
    """Save the chosen properties and message and send the application, as one
    step: if the application cannot be sent, nothing of it is saved."""
    enrolment = enrolment_update(
        enrolment=enrolment, by=by, property_ids=property_ids, message=message
    )
    return enrolment_submit(
        enrolment=enrolment, by=by, terms=terms, accept_terms=accept_terms
    )


@transaction.atomic
def enrolment_submit(
    *, enrolment: Enrolment, by, terms: MembershipTerms | None, accept_terms: bool
) -> Enrolment:
    """Send the application to the board, accepting the terms in force."""
    APPLICANT.require(by, enrolment)
    errors = {}
    if _missing_properties(enrolment):
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
    enrolment = WORKFLOW.move(enrolment, to=Status.SUBMITTED, by=by)
    _email_reviewers(enrolment)
    return enrolment


@transaction.atomic
def enrolment_request_information(
    *, enrolment: Enrolment, by, comment: str
) -> Enrolment:
    # The reviewer's comment is read before the application, as a form's input.
    WORKFLOW.comment_check(Status.NEEDS_INFORMATION, comment)
    return WORKFLOW.move(enrolment, to=Status.NEEDS_INFORMATION, by=by, comment=comment)


@transaction.atomic
def enrolment_reject(*, enrolment: Enrolment, by, reason: str) -> Enrolment:
    WORKFLOW.comment_check(Status.REJECTED, reason)
    return WORKFLOW.move(enrolment, to=Status.REJECTED, by=by, comment=reason)


@transaction.atomic
def enrolment_approve(
    *,
    enrolment: Enrolment,
    by,
    comment: str = "",
    starts_on: datetime.date | None = None,
) -> Membership:
    """Approve: the organisation becomes a member under the terms it accepted."""
    if _missing_properties(enrolment):
        raise ValidationError(
            _(
                "An application without properties cannot be approved. "
                "Ask the applicant for more information."
            )
        )
    enrolment = WORKFLOW.move(enrolment, to=Status.APPROVED, by=by, comment=comment)
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
    if not (
        is_admin_of(user=by, organisation=organisation) or may(by, "review_enrolment")
    ):
        raise Refusal(
            _("Only the organisation's administrators give notice on its agreement."),
            advice=ASK_ADMIN,
        )
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


@transaction.atomic
def renewal_reminders_send(*, today: datetime.date) -> tuple[int, int]:
    """Roll due agreements forward, then email the secretariat, once, about each
    renewal or notice date within the window. Safe to run daily: a date already
    reminded of is recorded and skipped. Returns (agreements checked, dates
    reminded of)."""
    horizon = today + datetime.timedelta(days=RENEWAL_WINDOW_DAYS)
    agreements = list(agreements_running(today=today))
    due = []
    for agreement in agreements:
        agreement_roll_forward(agreement=agreement, today=today)
        for kind, date in agreement_dates_within(
            agreement=agreement, start=today, end=horizon
        ):
            _reminder, created = ReminderSent.objects.get_or_create(
                agreement=agreement, kind=kind, due_on=date
            )
            if created:
                due.append((agreement, kind, date))
    if due:
        _email_renewal_reminders(due)
    return len(agreements), len(due)


def _email_renewal_reminders(due: list[tuple[Agreement, str, datetime.date]]) -> None:
    rows = [
        {
            "organisation": agreement.membership.organisation.legal_name,
            "kind": str(kind),
            "date": date.isoformat(),
        }
        for agreement, kind, date in sorted(due, key=lambda item: item[2])
    ]
    for recipient in _secretariat():
        send_email_on_commit(
            to=[recipient.email],
            template="enrolment/email/renewal_reminders",
            context={
                "rows": rows,
                "url": absolute_url("/admin/"),
                "name": recipient.first_name or recipient.display_name,
            },
            language=recipient.language,
        )
