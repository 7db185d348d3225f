"""Writes of a project's money: funding lines through pledge, decision, invoice
and payment, and what the project spent.

A line moves forward only, one step at a time and each step once: pledged →
decided → invoiced → paid (the BID's own money goes from decided straight to
paid: it is not invoiced). A member's line is invoiced through the
contributions ledger and becomes paid when the ledger says its invoice is paid;
another party's invoice and payment are recorded here. Every step locks the
line, so two people taking it at once take it once.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bid.access import require_permission
from members.contributions.models import PAYMENT_KINDS, Contribution
from members.contributions.services import project_invoice_issue
from members.meetings.models import Decision
from members.organisations.models import Organisation
from members.projects.models import Expenditure, FundingLine
from members.projects.services import FOLLOW_UP_REFUSAL
from members.proposals.models import ACTIVE_STATUSES, CLOSED_STATUSES, Proposal

Status = FundingLine.Status
Party = FundingLine.Party

# Lines are added to projects being carried out; money may still come in and
# go out after a project closed.
OPEN_FOR_LINES = ACTIVE_STATUSES
OPEN_FOR_MONEY = [*ACTIVE_STATUSES, *CLOSED_STATUSES]


def _locked(line: FundingLine) -> FundingLine:
    """The line, locked until the caller's transaction ends: the one row two
    people taking the same step would both change."""
    return (
        FundingLine.objects.select_for_update(of=("self",))
        .select_related("project", "organisation")
        .get(pk=line.pk)
    )


def _refresh(given: FundingLine, locked: FundingLine) -> FundingLine:
    """Copy what the step changed onto the caller's instance."""
    for field in ("status", "decided_on", "decision_id", "invoice_id"):
        setattr(given, field, getattr(locked, field))
    given.invoiced_on, given.paid_on = locked.invoiced_on, locked.paid_on
    return locked


def _step(given: FundingLine, line: FundingLine, *, to: str, by, **changes):
    """Take the locked line to status `to` with what the step records, saved as
    taken by `by`, and copied onto the caller's instance."""
    line.status = to
    for field, value in changes.items():
        setattr(line, field, value)
    line.recorded_by = by
    line.save(update_fields=["status", *changes, "recorded_by", "updated_at"])
    return _refresh(given, line)


def _not_in_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def _expect(line: FundingLine, *states: str) -> None:
    if line.status not in states:
        raise ValidationError(
            _("This step cannot be taken: the line is %(status)s.")
            % {"status": line.get_status_display().lower()}
        )


def funding_line_add(
    *,
    project: Proposal,
    by,
    party: str,
    amount_minor: int,
    organisation: Organisation | None = None,
    party_name: str = "",
    currency: str | None = None,
    pledged_on: datetime.date | None = None,
    note: str = "",
) -> FundingLine:
    """Record a party's pledge to pay a share of an accepted project."""
    require_permission(by, "projects.add_fundingline", FOLLOW_UP_REFUSAL)
    if project.status not in OPEN_FOR_LINES:
        raise ValidationError(
            _("Funding is recorded for accepted projects that are not closed.")
        )
    if party == Party.BID and organisation is not None:
        raise ValidationError(
            {"organisation": _("The BID's own money names no organisation.")}
        )
    line = FundingLine(
        project=project,
        party=party,
        organisation=organisation,
        party_name=party_name.strip(),
        amount_minor=amount_minor,
        currency=currency or project.currency,
        pledged_on=pledged_on or timezone.localdate(),
        note=note.strip(),
        recorded_by=by,
    )
    line.full_clean()
    _not_in_future(line.pledged_on, "pledged_on")
    line.save()
    return line


@transaction.atomic
def funding_line_decide(
    *,
    line: FundingLine,
    by,
    decided_on: datetime.date | None = None,
    decision: Decision | None = None,
) -> FundingLine:
    """The party has decided to pay: by a meeting's decision (for the BID, the
    board's), or as the party reports it."""
    require_permission(by, "projects.change_fundingline", FOLLOW_UP_REFUSAL)
    given, line = line, _locked(line)
    _expect(line, Status.PLEDGED)
    decided_on = decided_on or timezone.localdate()
    _not_in_future(decided_on, "decided_on")
    if decided_on < line.pledged_on:
        raise ValidationError(
            {"decided_on": _("A decision cannot come before the pledge.")}
        )
    return _step(
        given, line, to=Status.DECIDED, by=by, decided_on=decided_on, decision=decision
    )


@transaction.atomic
def funding_line_invoice(
    *,
    line: FundingLine,
    by,
    on: datetime.date | None = None,
    due_date: datetime.date | None = None,
) -> FundingLine:
    """Invoice a decided line. A member's line becomes an invoice of the
    contributions ledger (its number, payment reference, PDF and e-mail); for
    another party the day it was invoiced is recorded. The BID's own money is
    not invoiced."""
    require_permission(by, "projects.change_fundingline", FOLLOW_UP_REFUSAL)
    given, line = line, _locked(line)
    _expect(line, Status.DECIDED)
    if line.party == Party.BID:
        raise ValidationError(
            _("The BID's own money is not invoiced; record it as paid.")
        )
    if line.project.status not in OPEN_FOR_MONEY:
        raise ValidationError(_("This project is not accepted."))
    on = on or timezone.localdate()
    _not_in_future(on, "on")
    if line.decided_on and on < line.decided_on:
        raise ValidationError({"on": _("An invoice cannot come before the decision.")})
    if line.party == Party.MEMBER:
        # Stored on the invoice line: in the main language, as the project.
        with translation.override(settings.LANGUAGE_CODE):
            description = _("Share of the project “%(title)s”") % {
                "title": line.project.title
            }
        line.invoice = project_invoice_issue(
            organisation=line.organisation,
            description=description,
            amount_minor=line.amount_minor,
            currency=line.currency,
            on=on,
            due_date=due_date,
        )
    return _step(
        given, line, to=Status.INVOICED, by=by, invoice=line.invoice, invoiced_on=on
    )


@transaction.atomic
def funding_line_record_payment(
    *, line: FundingLine, by, paid_on: datetime.date | None = None
) -> FundingLine:
    """Record that a party other than a member paid (a member's invoice is
    paid in the ledger). The BID's own money is paid once decided."""
    require_permission(by, "projects.change_fundingline", FOLLOW_UP_REFUSAL)
    given, line = line, _locked(line)
    if line.party == Party.MEMBER:
        raise ValidationError(
            _("A member's share is paid through its invoice in the ledger.")
        )
    _expect(line, Status.DECIDED if line.party == Party.BID else Status.INVOICED)
    paid_on = paid_on or timezone.localdate()
    _not_in_future(paid_on, "paid_on")
    if paid_on < (line.invoiced_on or line.decided_on or line.pledged_on):
        raise ValidationError(
            {"paid_on": _("A payment cannot come before the step before it.")}
        )
    return _step(given, line, to=Status.PAID, by=by, paid_on=paid_on)


def funding_lines_paid_in_ledger(*, contribution_id: int) -> int:
    """Mark the member's line of an invoice paid once the ledger has it paid in
    full, dated by the payment that completed it. Safe to call again and for
    any invoice: a line already paid, or an invoice that is not a project
    share or not paid, changes nothing. Returns how many lines moved."""
    with transaction.atomic():
        lines = list(
            FundingLine.objects.select_for_update().filter(
                invoice_id=contribution_id, status=Status.INVOICED
            )
        )
        if not lines:
            return 0
        invoice = Contribution.objects.get(pk=contribution_id)
        balance = invoice.balance()
        if invoice.voided_at or balance["paid"] < invoice.amount_minor:
            return 0
        paid_on = (
            invoice.entries.filter(kind__in=PAYMENT_KINDS)
            .order_by("-occurred_on")
            .values_list("occurred_on", flat=True)
            .first()
        ) or timezone.localdate()
        return FundingLine.objects.filter(pk__in=[line.pk for line in lines]).update(
            status=Status.PAID, paid_on=paid_on, updated_at=timezone.now()
        )


@transaction.atomic
def funding_line_remove(*, line: FundingLine, by) -> None:
    """Take back a pledge nobody has decided on yet; later steps stay, as
    records of what was decided, invoiced and paid."""
    require_permission(by, "projects.delete_fundingline", FOLLOW_UP_REFUSAL)
    line = _locked(line)
    _expect(line, Status.PLEDGED)
    line.delete()


def expenditure_record(
    *,
    project: Proposal,
    by,
    spent_on: datetime.date,
    description: str,
    amount_minor: int,
    currency: str | None = None,
) -> Expenditure:
    """Record money the project spent."""
    require_permission(by, "projects.add_expenditure", FOLLOW_UP_REFUSAL)
    if project.status not in OPEN_FOR_MONEY:
        raise ValidationError(_("Spending is recorded for accepted projects."))
    expenditure = Expenditure(
        project=project,
        spent_on=spent_on,
        description=description.strip(),
        amount_minor=amount_minor,
        currency=currency or project.currency,
        recorded_by=by,
    )
    expenditure.full_clean()
    _not_in_future(spent_on, "spent_on")
    expenditure.save()
    return expenditure
