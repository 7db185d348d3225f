"""Writes of the agreements register, and the reminders.

The board and the secretariat (the app's model permissions) keep the
register. Reminders go to the agreement's responsible person, in the portal
and by e-mail: 60 days before a notice deadline, 14 days before an
obligation is due, and once when it is overdue. Each is recorded as a
`Reminder` (one per agreement or obligation, kind and date), so running the
command again sends nothing twice; a date moved later is reminded of anew.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bid import events
from bid.access import require_permission
from bid.emails import absolute_url, send_email_on_commit
from bid.records import fields_set, record_update
from members.agreements import notices
from members.agreements.models import (
    Agreement,
    AgreementDocument,
    FollowUp,
    Obligation,
    Reminder,
)
from members.agreements.selectors import (
    notice_deadlines_within,
    obligations_due_within,
    obligations_overdue,
)
from members.agreements.validators import document_check

AGREEMENT_FIELDS = (
    "title",
    "counterparty",
    "counterparty_name",
    "kind",
    "value_minor",
    "currency",
    "value_per",
    "starts_on",
    "ends_on",
    "renews_by_months",
    "notice_months",
    "responsible",
    "decision",
    "priority",
    "project",
    "note",
)
REGISTER_REFUSAL = gettext_lazy(
    "Only the board and the secretariat keep the agreements register."
)
OBLIGATION_FIELDS = ("title", "kind", "due_on", "done_on")


@transaction.atomic
def agreement_create(*, by, **data) -> Agreement:
    """A new agreement from `AGREEMENT_FIELDS`."""
    require_permission(by, "agreements.add_agreement", REGISTER_REFUSAL)
    agreement = Agreement()
    fields_set(agreement, data, allowed=AGREEMENT_FIELDS, what="an agreement")
    agreement.full_clean()
    agreement.save()
    return agreement


@transaction.atomic
def agreement_update(*, by, agreement: Agreement, **data) -> Agreement:
    """Change what is given of `AGREEMENT_FIELDS`."""
    require_permission(by, "agreements.change_agreement", REGISTER_REFUSAL)
    return record_update(agreement, data, allowed=AGREEMENT_FIELDS, what="an agreement")


@transaction.atomic
def obligation_add(
    *,
    by,
    agreement: Agreement,
    title: str,
    due_on: datetime.date,
    kind: str = Obligation.Kind.DELIVERY,
    done_on: datetime.date | None = None,
) -> Obligation:
    require_permission(by, "agreements.add_obligation", REGISTER_REFUSAL)
    obligation = Obligation(
        agreement=agreement,
        title=title.strip(),
        kind=kind,
        due_on=due_on,
        done_on=done_on,
    )
    obligation.full_clean()
    obligation.save()
    return obligation


@transaction.atomic
def obligation_update(*, by, obligation: Obligation, **data) -> Obligation:
    require_permission(by, "agreements.change_obligation", REGISTER_REFUSAL)
    return record_update(
        obligation, data, allowed=OBLIGATION_FIELDS, what="an obligation"
    )


def obligation_done(
    *, by, obligation: Obligation, done_on: datetime.date | None = None
) -> Obligation:
    """Mark the obligation done (today unless given)."""
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("A date done cannot lie in the future.")})
    return obligation_update(by=by, obligation=obligation, done_on=done_on)


@transaction.atomic
def document_add(*, by, agreement: Agreement, title: str, file) -> AgreementDocument:
    """Attach the signed agreement: a PDF, checked by its content."""
    require_permission(by, "agreements.add_agreementdocument", REGISTER_REFUSAL)
    document_check(file)
    document = AgreementDocument(
        agreement=agreement, title=title.strip(), file=file, size=file.size
    )
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def follow_up_record(
    *,
    by,
    agreement: Agreement,
    year: int,
    delivered_as_agreed: str,
    cost_as_agreed: str,
    outcome: str,
    note: str = "",
) -> FollowUp:
    """The year's follow-up of the agreement: recorded once a year, and
    replaced when recorded again for the same year."""
    require_permission(by, "agreements.add_followup", REGISTER_REFUSAL)
    # The year's row may not exist yet, so nothing to lock there: the
    # agreement's row queues two recordings of it, and the second replaces
    # the first instead of failing on the once-a-year constraint.
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    follow_up = FollowUp.objects.filter(agreement=agreement, year=year).first() or (
        FollowUp(agreement=agreement, year=year)
    )
    follow_up.delivered_as_agreed = delivered_as_agreed
    follow_up.cost_as_agreed = cost_as_agreed
    follow_up.outcome = outcome
    follow_up.note = note.strip()
    follow_up.by = by
    follow_up.at = timezone.now()
    follow_up.full_clean()
    follow_up.save()
    return follow_up


# Reminders


def _claim(*, agreement_id: int, kind: str, deadline, obligation_id=None) -> bool:
    """Record the reminder; False when it was already sent."""
    try:
        with transaction.atomic():
            Reminder.objects.create(
                agreement_id=agreement_id,
                obligation_id=obligation_id,
                kind=kind,
                deadline=deadline,
            )
    except IntegrityError:
        return False
    return True


def _tell(*, agreement: Agreement, kind, template: str, params: dict) -> None:
    person = agreement.responsible
    if person is None or not person.is_active:
        return
    admin = reverse("agreements_edit", args=[agreement.pk])
    send_email_on_commit(
        to=[person.email],
        template=f"agreements/email/{template}",
        context={**params, "url": absolute_url(admin)},
        language=person.language,
    )
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("agreements_edit", args=[agreement.pk])
    kind.publish(
        subject=agreement,
        visibility=events.BOARD,
        recipients=[person],
        emailed=[person],
        params=params,
        url=url,
    )


def agreements_remind(*, on: datetime.date | None = None) -> int:
    """Remind the responsible people of notice deadlines within 60 days,
    obligations due within 14 days and overdue obligations; each once.
    Returns how many reminders were sent."""
    today = on or timezone.localdate()
    sent = 0
    for agreement in notice_deadlines_within(on=today).select_related("responsible"):
        with transaction.atomic():
            if not _claim(
                agreement_id=agreement.pk,
                kind=Reminder.Kind.NOTICE,
                deadline=agreement.notice_deadline,
            ):
                continue
            _tell(
                agreement=agreement,
                kind=notices.NOTICE_DEADLINE,
                template="notice_deadline",
                params={
                    "agreement": agreement.title,
                    "deadline_date": agreement.notice_deadline.isoformat(),
                },
            )
            sent += 1
    for kind, obligations, event in (
        (
            Reminder.Kind.OBLIGATION,
            obligations_due_within(on=today),
            notices.OBLIGATION_DUE,
        ),
        (
            Reminder.Kind.OVERDUE,
            obligations_overdue(on=today),
            notices.OBLIGATION_OVERDUE,
        ),
    ):
        for obligation in obligations.select_related(
            "agreement", "agreement__responsible"
        ):
            with transaction.atomic():
                if not _claim(
                    agreement_id=obligation.agreement_id,
                    obligation_id=obligation.pk,
                    kind=kind,
                    deadline=obligation.due_on,
                ):
                    continue
                Obligation.objects.filter(pk=obligation.pk).update(reminded_on=today)
                _tell(
                    agreement=obligation.agreement,
                    kind=event,
                    template=f"obligation_{kind}",
                    params={
                        "obligation": obligation.title,
                        "agreement": obligation.agreement.title,
                        "due_date": obligation.due_on.isoformat(),
                    },
                )
                sent += 1
    return sent
