"""Writes of the contributions module: invoicing, the ledger, card payments, webhooks.

The ledger is the source of truth. Every way money is reported — the card
payment's own response, a webhook, reconciliation, the secretariat entering a
bank transfer — ends in `entry_record`, which enters each payment or refund
once, keyed by its external id, so reports may repeat and arrive in any order.
"""

import datetime
import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from bid import events
from bid.emails import absolute_url, send_email_on_commit
from members.contributions import einvoicing, gateway, notices, stripe_events
from members.contributions.calculation import PropertyInput, calculate
from members.contributions.models import (
    PAYMENT_KINDS,
    Contribution,
    ContributionLine,
    ContributionScheme,
    CreditNote,
    InvoiceSettings,
    InvoicingRun,
    LedgerEntry,
    PaymentAttempt,
    PaymentReview,
    StripeCustomer,
    StripeEvent,
    YearCounter,
    completes_payment,
    vat_of,
)
from members.contributions.references import payee_context, payment_reference
from members.contributions.selectors import members_to_invoice, scheme_rates
from members.notifications.registry import EventKind
from members.organisations.models import Organisation, OrganisationMember

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500
# A project invoice falls due this long after it is issued, unless told.
PROJECT_INVOICE_TERMS = datetime.timedelta(days=30)


class PaymentError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# Invoicing


def _counter(series: str, year: int) -> YearCounter:
    """The series' counter for the year, locked until the transaction ends. The
    row is created first (a unique row, so two first uses cannot both create
    it), then locked: a lock on a row that does not exist yet locks nothing."""
    YearCounter.objects.get_or_create(series=series, year=year)
    return YearCounter.objects.select_for_update().get(series=series, year=year)


def _issue_chunk(scheme, organisations, rates, issued_on, country) -> list[int]:
    """Issue one chunk in one transaction: numbers, contributions and lines."""
    with transaction.atomic():
        counter = _counter(YearCounter.Series.INVOICE, scheme.year)
        # Someone may have issued in between: re-check inside the transaction.
        taken = set(
            Contribution.objects.filter(
                kind=Contribution.Kind.ANNUAL,
                year=scheme.year,
                organisation__in=organisations,
            ).values_list("organisation_id", flat=True)
        )
        todo = [o for o in organisations if o.pk not in taken]
        contributions, lines_per_contribution = [], []
        for offset, organisation in enumerate(todo, start=1):
            number = counter.last_number + offset
            calculation = calculate(
                rates=rates,
                properties=[
                    PropertyInput(
                        p.designation, p.gross_floor_area_m2, p.use_category, p.pk
                    )
                    for p in organisation.properties.all()
                ],
            )
            net = calculation.total_minor
            vat = vat_of(net, scheme.vat_rate)
            contributions.append(
                Contribution(
                    organisation=organisation,
                    kind=Contribution.Kind.ANNUAL,
                    scheme=scheme,
                    year=scheme.year,
                    number=f"{scheme.year}-{number:05d}",
                    payment_reference=payment_reference(
                        year=scheme.year, number=number, country=country
                    ),
                    currency=scheme.currency,
                    net_minor=net,
                    vat_rate=scheme.vat_rate,
                    vat_minor=vat,
                    vat_exemption_reason="" if vat else scheme.vat_exemption_reason,
                    amount_minor=net + vat,
                    issued_on=issued_on,
                    due_date=scheme.due_date,
                    buyer_reference=organisation.buyer_reference,
                    order_reference=organisation.order_reference,
                )
            )
            lines_per_contribution.append(calculation.lines)
        created = Contribution.objects.bulk_create(contributions)
        ContributionLine.objects.bulk_create(
            ContributionLine(
                contribution=contribution,
                kind=line.kind,
                property_id=line.property_id,
                # Property lines keep the designation; the others are named
                # by their kind, in the reader's language.
                description=line.description if line.kind == "property" else "",
                use_category=line.use_category,
                floor_area_m2=line.floor_area_m2,
                rate_minor_per_m2=line.rate_minor_per_m2,
                amount_minor=line.amount_minor,
                position=position,
            )
            for contribution, lines in zip(created, lines_per_contribution, strict=True)
            for position, line in enumerate(lines)
        )
        counter.last_number += len(todo)
        counter.save(update_fields=["last_number"])
        if scheme.locked_at is None:
            ContributionScheme.objects.filter(
                pk=scheme.pk, locked_at__isnull=True
            ).update(locked_at=timezone.now())
        ids = [c.pk for c in created]
        if ids:
            transaction.on_commit(
                lambda: invoice_emails_send.enqueue(contribution_ids=ids)
            )
            einvoicing.invoices_send_on_commit(contribution_ids=ids)
    return ids


def project_invoice_issue(
    *,
    organisation: Organisation,
    description: str,
    amount_minor: int,
    currency: str,
    due_date: datetime.date | None = None,
    on: datetime.date | None = None,
    exemption_reason: str = "",
) -> Contribution:
    """Invoice a member its share of a project: one invoice with one line that
    names the project, numbered in the invoices' series of the year it is
    issued and emailed like the annual contribution. A share of a project is
    co-funding, not a sale: it carries no VAT, with `exemption_reason` printed
    (a default sentence when empty). The caller holds what guards against a
    second invoice for the same share (the projects app locks its line)."""
    on = on or timezone.localdate()
    due_date = due_date or on + PROJECT_INVOICE_TERMS
    description = description.strip()
    if amount_minor <= 0:
        raise ValidationError(_("The amount must be more than zero."))
    if not description:
        raise ValidationError(_("Say what the invoice is for."))
    if due_date < on:
        raise ValidationError(_("The due date cannot be before the invoice date."))
    with transaction.atomic():
        counter = _counter(YearCounter.Series.INVOICE, on.year)
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
        number = counter.last_number
        contribution = Contribution(
            organisation=organisation,
            kind=Contribution.Kind.PROJECT,
            year=on.year,
            number=f"{on.year}-{number:05d}",
            payment_reference=payment_reference(
                year=on.year, number=number, country=InvoiceSettings.load().country
            ),
            currency=currency,
            net_minor=amount_minor,
            vat_rate=0,
            vat_minor=0,
            vat_exemption_reason=(
                exemption_reason.strip()
                or _("Co-funding of a joint project; no VAT is charged.")
            )[:300],
            amount_minor=amount_minor,
            issued_on=on,
            due_date=due_date,
            buyer_reference=organisation.buyer_reference,
            order_reference=organisation.order_reference,
        )
        contribution.full_clean(exclude=["organisation"], validate_constraints=False)
        contribution.save()
        ContributionLine.objects.create(
            contribution=contribution,
            kind=ContributionLine.Kind.PROJECT,
            description=description[:200],
            amount_minor=amount_minor,
        )
        ids = [contribution.pk]
        transaction.on_commit(lambda: invoice_emails_send.enqueue(contribution_ids=ids))
        einvoicing.invoices_send_on_commit(contribution_ids=ids)
    return contribution


def contributions_issue(
    *,
    scheme: ContributionScheme,
    by=None,
    on: datetime.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
    run: InvoicingRun | None = None,
) -> InvoicingRun:
    """Issue the year's contribution to every active member not yet invoiced.

    Idempotent and resumable: members already invoiced are skipped, so running
    again after an interruption finishes the job and a third run creates
    nothing. Chunks are issued in one transaction each; if a chunk fails, its
    members are retried one by one so a single bad record cannot stop the rest.
    """
    if by is not None and not by.has_perm("contributions.run_invoicing"):
        raise PermissionDenied
    if scheme != ContributionScheme.objects.filter(year=scheme.year).first():
        raise ValidationError(_("Issue with the latest version of the year's scheme."))
    on = on or timezone.localdate()
    rates = scheme_rates(scheme)
    country = InvoiceSettings.load().country
    organisations = list(members_to_invoice(scheme, on))
    if run is None:
        run = InvoicingRun.objects.create(scheme=scheme, started_by=by)
    run.total = len(organisations)
    run.save(update_fields=["total"])
    try:
        for start in range(0, len(organisations), chunk_size):
            chunk = organisations[start : start + chunk_size]
            try:
                created = _issue_chunk(scheme, chunk, rates, on, country)
            except Exception:
                logger.exception("Invoicing chunk failed; retrying member by member")
                created = []
                for organisation in chunk:
                    try:
                        created += _issue_chunk(
                            scheme, [organisation], rates, on, country
                        )
                    except Exception as error:
                        logger.exception("Invoicing %s failed", organisation)
                        run.failures = [*run.failures, f"{organisation}: {error}"]
            run.done += len(chunk)
            run.created += len(created)
            run.save(update_fields=["done", "created", "failures"])
            if progress:
                progress(run.done, run.total)
        run.status = (
            InvoicingRun.Status.FINISHED
            if not run.failures
            else InvoicingRun.Status.FAILED
        )
    except Exception:
        run.status = InvoicingRun.Status.FAILED
        raise
    finally:
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at"])
    return run


def _payers(organisation: Organisation) -> list:
    roles = [OrganisationMember.Role.ADMIN]
    if organisation.contacts_may_pay:
        roles.append(OrganisationMember.Role.CONTACT)
    return [
        m.user
        for m in organisation.members.filter(role__in=roles).select_related("user")
    ]


def contribution_email_send(*, contribution: Contribution, template: str) -> None:
    """Email the invoice, or a reminder of it, with its PDF to its payers."""
    organisation = contribution.organisation
    url = absolute_url(reverse("portal:contribution", args=[contribution.pk]))
    context = {
        "organisation": organisation.legal_name,
        "number": contribution.number,
        "year": contribution.year,
        "title": contribution.title,
        "amount_minor": contribution.amount_minor,
        "outstanding_minor": contribution.balance()["outstanding"],
        "currency": contribution.currency,
        "due_date": contribution.due_date.isoformat(),
        "reference": contribution.payment_reference,
        "url": url,
        "pay": payee_context(
            InvoiceSettings.load(), reference=contribution.payment_reference
        ),
        "card_payments": gateway.is_configured(),
    }
    _payers_email(
        organisation,
        template=template,
        context=context,
        attachments=[
            {
                "builder": "members.contributions.pdf.invoice_attachment",
                "kwargs": {"contribution_id": contribution.pk},
            }
        ],
    )


def _payers_email(
    organisation: Organisation, *, template: str, context: dict, attachments=None
) -> None:
    """One email per language of the organisation's payers; the invoice
    address gets the Swedish one. Attachments are built in each language."""
    people = _payers(organisation)
    languages = {person.language for person in people} or {"sv"}
    for language in sorted(languages):
        to = [p.email for p in people if p.language == language]
        if language == "sv" or not people:
            to.append(organisation.invoice_email)
        send_email_on_commit(
            to=sorted(set(to)),
            template=template,
            context=context,
            language=language,
            attachments=attachments,
        )


def _credit_note_email(credit_note: CreditNote) -> None:
    contribution = credit_note.contribution
    organisation = contribution.organisation
    context = {
        "organisation": organisation.legal_name,
        "number": credit_note.number,
        "invoice_number": contribution.number,
        "year": contribution.year,
        "amount_minor": credit_note.amount_minor,
        "currency": credit_note.currency,
        "issued_on": credit_note.issued_on.isoformat(),
        "reason": credit_note.reason,
        "url": absolute_url(reverse("portal:contribution", args=[contribution.pk])),
    }
    _payers_email(
        organisation,
        template="contributions/email/credit_note",
        context=context,
        attachments=[
            {
                "builder": "members.contributions.pdf.credit_note_attachment",
                "kwargs": {"credit_note_id": credit_note.pk},
            }
        ],
    )


@task()
def credit_note_email_send(*, credit_note_id: int) -> None:
    credit_note = CreditNote.objects.select_related("contribution__organisation").get(
        pk=credit_note_id
    )
    _credit_note_email(credit_note)


def contribution_publish(
    contribution: Contribution, kind: EventKind, *, emailed: bool, by=None
) -> None:
    """An event for the organisation's payers (private to the organisation)."""
    people = _payers(contribution.organisation)
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("portal:contribution", args=[contribution.pk])
    kind.publish(
        subject=contribution,
        visibility=events.ORGANISATION,
        organisations=[contribution.organisation],
        recipients=people,
        emailed=people if emailed else (),
        actor=by,
        params={"due_date": contribution.due_date.isoformat()},
        url=url,
    )


@task()
def invoice_emails_send(*, contribution_ids: list[int]) -> None:
    for contribution in Contribution.objects.filter(
        pk__in=contribution_ids
    ).select_related("organisation"):
        with transaction.atomic():
            contribution_email_send(
                contribution=contribution,
                template="contributions/email/invoice"
                if contribution.is_annual
                else "contributions/email/project_invoice",
            )
            contribution_publish(contribution, notices.ISSUED, emailed=True)


@task()
def invoicing_task(*, run_id: int) -> None:
    """Issue in the background; the run's row carries the progress."""
    run = InvoicingRun.objects.select_related("scheme", "started_by").get(pk=run_id)
    contributions_issue(scheme=run.scheme, by=run.started_by, run=run)


def invoicing_start(*, scheme: ContributionScheme, by) -> InvoicingRun:
    if not by.has_perm("contributions.run_invoicing"):
        raise PermissionDenied
    if scheme != ContributionScheme.objects.filter(year=scheme.year).first():
        raise ValidationError(_("Issue with the latest version of the year's scheme."))
    run = InvoicingRun.objects.create(scheme=scheme, started_by=by)
    transaction.on_commit(lambda: invoicing_task.enqueue(run_id=run.pk))
    return run


# The ledger


def entry_record(*, contribution: Contribution, **entry) -> tuple[LedgerEntry, bool]:
    """Enter a payment, refund or write-off once; `entry` is its `kind`,
    `source`, `external_id`, `amount_minor`, `occurred_on` and optionally
    `reference`, `receipt_url` and who records it (`by`), as
    `_entry_record_locked` takes them. A refund reported again with a larger
    cumulative amount (Stripe reports refunds per charge) raises the entry.

    Every write to one invoice's ledger holds the invoice's row lock, so writes
    to one invoice happen one after the other: the entry may not exist yet, the
    invoice does. The "paid" event goes out from the payment that brings the
    payments received to the amount. Payments only add up, so exactly one
    payment does that, in whatever order the reports arrive; a refund that is
    reported before its payment cannot swallow the event.
    """
    with transaction.atomic():
        locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
        recorded, created, _before = _entry_record_locked(locked, **entry)
    return recorded, created


def _entry_record_locked(
    locked: Contribution,
    *,
    kind: str,
    source: str,
    external_id: str,
    amount_minor: int,
    occurred_on: datetime.date,
    reference: str = "",
    receipt_url: str = "",
    by=None,
    entries: list[LedgerEntry] | None = None,
) -> tuple[LedgerEntry, bool, dict]:
    """`entry_record` for a caller that holds the invoice's row lock in its
    transaction (and may pass the invoice's entries it read under that lock);
    also returns the invoice's balance before this entry."""
    if amount_minor <= 0:
        raise ValidationError(_("The amount must be more than zero."))
    # An invoice has a handful of entries: read them all once, for the balance
    # and to find this one if it was entered before.
    if entries is None:
        entries = list(locked.entries.all())
    totals = {}
    for row in entries:
        totals[row.kind] = totals.get(row.kind, 0) + row.amount_minor
    before = locked.balance(totals)
    entry = next(
        (
            row
            for row in entries
            if (row.source, row.external_id, row.kind) == (source, external_id, kind)
        ),
        None,
    )
    if entry is not None:
        if kind == LedgerEntry.Kind.REFUND and amount_minor > entry.amount_minor:
            _refund_within_payments(before, amount_minor - entry.amount_minor)
            entry.amount_minor = amount_minor
            entry.save(update_fields=["amount_minor"])
        return entry, False, before
    if kind == LedgerEntry.Kind.REFUND:
        _refund_within_payments(before, amount_minor)
    entry = LedgerEntry(
        contribution=locked,
        kind=kind,
        source=source,
        external_id=external_id,
        amount_minor=amount_minor,
        currency=locked.currency,
        occurred_on=occurred_on,
        reference=reference,
        receipt_url=receipt_url,
        recorded_by=by,
    )
    # The invoice is locked and the entry looked up under that lock: the
    # queries full_clean would add for them prove nothing more.
    entry.full_clean(
        exclude=["contribution", "recorded_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    entry.save()
    if (
        kind in PAYMENT_KINDS
        and not locked.voided_at
        and completes_payment(
            amount=locked.amount_minor,
            payments_before=before["payments"],
            payment=amount_minor,
        )
    ):
        contribution_publish(locked, notices.PAID, emailed=False, by=by)
    return entry, True, before


def _refund_within_payments(balance: dict, more_minor: int) -> None:
    if balance["refunds"] + more_minor > balance["payments"]:
        raise ValidationError(
            _("A refund cannot be larger than what was paid on the invoice.")
        )


def review_open(
    *,
    source: str,
    reason: str,
    external_id: str,
    amount_minor: int,
    currency: str,
    contribution: Contribution | None = None,
    bank_transaction=None,
    suggestion: Contribution | None = None,
    detail: str = "",
    payload: dict | None = None,
) -> tuple[PaymentReview, bool]:
    """Put money that does not fit the ledger before the secretariat, once per
    source, external id and reason however often it is reported."""
    return PaymentReview.objects.get_or_create(
        source=source,
        external_id=external_id[:120],
        reason=reason,
        defaults={
            "amount_minor": amount_minor,
            "currency": (currency or "")[:3].upper(),
            "contribution": contribution,
            "bank_transaction": bank_transaction,
            "suggestion": suggestion,
            "detail": detail,
            "payload": payload or {},
        },
    )


def bank_payment_record(
    *,
    contribution: Contribution,
    by,
    amount_minor: int,
    occurred_on: datetime.date,
    reference: str,
    form_token: str,
) -> LedgerEntry:
    """The secretariat enters a bank transfer; the form token makes a double
    submission enter it once."""
    if not by.has_perm("contributions.add_ledgerentry"):
        raise PermissionDenied
    if contribution.voided_at:
        raise ValidationError(_("This contribution is void."))
    if occurred_on > timezone.localdate():
        raise ValidationError(
            {"occurred_on": _("The payment date cannot be in the future.")}
        )
    entry, _created = entry_record(
        contribution=contribution,
        kind=LedgerEntry.Kind.BANK_PAYMENT,
        source=LedgerEntry.Source.BANK,
        external_id=f"bank-{form_token}",
        amount_minor=amount_minor,
        occurred_on=occurred_on,
        reference=reference,
        by=by,
    )
    return entry


@transaction.atomic
def contribution_void(
    *, contribution: Contribution, by, reason: str, on: datetime.date | None = None
) -> CreditNote:
    """Cancel an issued invoice with a credit note of the whole amount, numbered
    in the credit notes' own series. The invoice stays, marked void."""
    if not by.has_perm("contributions.change_contribution"):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the contribution is voided.")})
    given, contribution = (
        contribution,
        Contribution.objects.select_for_update().get(pk=contribution.pk),
    )
    if contribution.voided_at:
        raise ValidationError(_("This contribution is void."))
    balance = contribution.balance()
    if balance["paid"] > 0:
        raise ValidationError(_("Refund the payments before voiding the contribution."))
    if balance["written_off"] > 0:
        raise ValidationError(_("A contribution with a write-off cannot be voided."))
    on = on or timezone.localdate()
    counter = _counter(YearCounter.Series.CREDIT_NOTE, on.year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    credit_note = CreditNote(
        contribution=contribution,
        number=f"K{on.year}-{counter.last_number:05d}",
        year=on.year,
        issued_on=on,
        currency=contribution.currency,
        net_minor=contribution.net_minor,
        vat_minor=contribution.vat_minor,
        amount_minor=contribution.amount_minor,
        reason=reason.strip(),
        created_by=by,
    )
    credit_note.full_clean()
    credit_note.save()
    contribution.voided_at = timezone.now()
    contribution.void_reason = reason.strip()
    contribution.save(update_fields=["voided_at", "void_reason"])
    given.voided_at = contribution.voided_at
    given.void_reason = contribution.void_reason
    transaction.on_commit(
        lambda: credit_note_email_send.enqueue(credit_note_id=credit_note.pk)
    )
    einvoicing.credit_note_send_on_commit(credit_note=credit_note)
    return credit_note


# Card payments

# A card payment in flight blocks another of the same invoice this long; after
# that, an attempt nobody finished (a closed 3-D Secure window) no longer does.
ATTEMPT_IN_FLIGHT = datetime.timedelta(minutes=15)
IN_FLIGHT = (
    PaymentAttempt.Status.STARTED,
    PaymentAttempt.Status.PROCESSING,
    PaymentAttempt.Status.REQUIRES_ACTION,
)


def may_pay(*, user, contribution: Contribution) -> bool:
    member = OrganisationMember.objects.filter(
        user=user, organisation_id=contribution.organisation_id
    ).first()
    if member is None:
        return False
    if member.role == OrganisationMember.Role.ADMIN:
        return True
    return contribution.organisation.contacts_may_pay


def _stripe_customer(organisation: Organisation) -> str:
    existing = StripeCustomer.objects.filter(organisation=organisation).first()
    if existing:
        return existing.customer_id
    customer_id = gateway.customer_create(
        name=organisation.legal_name,
        email=organisation.invoice_email,
        organisation_id=organisation.pk,
    )
    StripeCustomer.objects.get_or_create(
        organisation=organisation, defaults={"customer_id": customer_id}
    )
    return customer_id


ATTEMPT_STATUS = {
    "succeeded": PaymentAttempt.Status.SUCCEEDED,
    "requires_action": PaymentAttempt.Status.REQUIRES_ACTION,
    "processing": PaymentAttempt.Status.PROCESSING,
}


def _apply_intent(
    contribution: Contribution,
    intent: stripe_events.PaymentIntent,
    *,
    by=None,
    attempt: PaymentAttempt | None = None,
    occurred_on: datetime.date | None = None,
    locked: bool = False,
) -> str:
    """Bring our records in line with what Stripe says of a PaymentIntent.

    Runs under the invoice's row lock (taken here unless the caller says it
    holds it), so the card response and a webhook about the same PaymentIntent
    cannot both create its attempt or its entry. Nothing here is rolled back
    on its own, so no savepoint is needed inside a caller's transaction."""
    status = ATTEMPT_STATUS.get(intent.status, PaymentAttempt.Status.FAILED)
    occurred_on = occurred_on or timezone.localdate()
    with transaction.atomic(savepoint=False):
        if not locked:
            contribution = Contribution.objects.select_for_update().get(
                pk=contribution.pk
            )
        _attempt_update(contribution, intent, status, by=by, attempt=attempt)
        if intent.currency != contribution.currency:
            review_open(
                source=PaymentReview.Source.STRIPE,
                reason=PaymentReview.Reason.CURRENCY,
                external_id=intent.id,
                amount_minor=intent.amount_received or intent.amount,
                currency=intent.currency,
                contribution=contribution,
            )
            return "review: currency"
        if intent.status != "succeeded":
            return f"payment intent {intent.status or 'without status'}"
        amount = intent.amount_received or intent.amount
        if amount <= 0:
            return "ignored: succeeded with no amount"
        if contribution.voided_at:
            review_open(
                source=PaymentReview.Source.STRIPE,
                reason=PaymentReview.Reason.VOID,
                external_id=intent.id,
                amount_minor=amount,
                currency=intent.currency,
                contribution=contribution,
            )
            return "review: void invoice"
        _entry, created, before = _entry_record_locked(
            contribution,
            kind=LedgerEntry.Kind.CARD_PAYMENT,
            source=LedgerEntry.Source.STRIPE,
            external_id=intent.id,
            amount_minor=amount,
            occurred_on=occurred_on,
            receipt_url=intent.receipt_url,
        )
        if created and amount > before["outstanding"]:
            review_open(
                source=PaymentReview.Source.STRIPE,
                reason=PaymentReview.Reason.OVER,
                external_id=intent.id,
                amount_minor=amount - before["outstanding"],
                currency=intent.currency,
                contribution=contribution,
            )
        if intent.charge_id and intent.amount_refunded:
            return _refund_record(
                contribution,
                charge_id=intent.charge_id,
                payment_intent_id=intent.id,
                refunded=intent.amount_refunded,
                occurred_on=occurred_on,
            )
    return "payment recorded" if created else "payment already recorded"


def _attempt_update(contribution, intent, status, *, by=None, attempt=None) -> None:
    if attempt is None:
        # A webhook about a payment the portal started: its attempt exists.
        # A success is final: a late "failed" report about an earlier try of
        # the same PaymentIntent must not undo it.
        if (
            PaymentAttempt.objects.filter(payment_intent_id=intent.id)
            .exclude(status=PaymentAttempt.Status.SUCCEEDED)
            .update(
                status=status,
                failure_message=intent.last_error,
                updated_at=timezone.now(),
            )
        ):
            return
    existing = PaymentAttempt.objects.filter(payment_intent_id=intent.id).first()
    if attempt is not None and existing is None:
        existing = attempt
        existing.payment_intent_id = intent.id
    elif attempt is not None and existing.pk != attempt.pk:
        # The webhook was quicker than Stripe's answer to the card request.
        PaymentAttempt.objects.filter(pk=attempt.pk).delete()
    if existing is None:
        PaymentAttempt.objects.create(
            contribution=contribution,
            payment_intent_id=intent.id,
            amount_minor=intent.amount,
            status=status,
            failure_message=intent.last_error,
            started_by=by,
        )
        return
    # A success is final: a late "failed" report about an earlier try of the
    # same PaymentIntent must not undo it.
    if existing.status != PaymentAttempt.Status.SUCCEEDED:
        existing.status = status
        existing.failure_message = intent.last_error
    existing.save()


def _refund_record(
    contribution: Contribution,
    *,
    charge_id: str,
    payment_intent_id: str,
    refunded: int,
    occurred_on: datetime.date,
) -> str:
    """A refund of a card payment: tied to the recorded payment of its
    PaymentIntent and never more than that payment. Call under the invoice's
    lock."""
    entries = list(contribution.entries.all())
    payment = next(
        (
            entry
            for entry in entries
            if entry.source == LedgerEntry.Source.STRIPE
            and entry.kind == LedgerEntry.Kind.CARD_PAYMENT
            and entry.external_id == payment_intent_id
        ),
        None,
    )
    reason = None
    if payment is None:
        reason = PaymentReview.Reason.REFUND_UNPAID
    elif refunded > payment.amount_minor:
        reason = PaymentReview.Reason.REFUND_OVER
    else:
        try:
            _entry_record_locked(
                contribution,
                kind=LedgerEntry.Kind.REFUND,
                source=LedgerEntry.Source.STRIPE,
                external_id=charge_id,
                amount_minor=refunded,
                occurred_on=occurred_on,
                entries=entries,
            )
        except ValidationError:
            reason = PaymentReview.Reason.REFUND_OVER
    if reason:
        review_open(
            source=PaymentReview.Source.STRIPE,
            reason=reason,
            external_id=charge_id,
            amount_minor=refunded,
            currency=contribution.currency,
            contribution=contribution,
        )
        return f"review: {reason}"
    return "refund recorded"


def _locked_outstanding(
    contribution: Contribution, *, error: type[Exception], nothing_left: str
) -> tuple[Contribution, int]:
    """The invoice, locked for the rest of the caller's transaction, and what
    is left to pay on it; `error` when it is void or nothing is left."""
    locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if locked.voided_at:
        raise error(_("This contribution is void."))
    outstanding = locked.balance()["outstanding"]
    if outstanding <= 0:
        raise error(nothing_left)
    return locked, outstanding


def _attempt_claim(contribution: Contribution, by) -> tuple[PaymentAttempt, int]:
    """Claim the invoice for one card payment: under the invoice's lock, refuse
    while another payment of it is in flight, else record this attempt first.
    Returns the attempt and the amount to charge."""
    with transaction.atomic():
        locked, outstanding = _locked_outstanding(
            contribution,
            error=PaymentError,
            nothing_left=_("Nothing is left to pay on this contribution."),
        )
        attempts = locked.payment_attempts.all()
        busy = attempts.filter(
            status__in=IN_FLIGHT, updated_at__gte=timezone.now() - ATTEMPT_IN_FLIGHT
        ).first()
        if busy:
            raise PaymentError(
                _(
                    "A card payment of this invoice is already in progress "
                    "(started %(time)s). Nothing more was charged. Reload the "
                    "page in a minute to see whether it went through."
                )
                % {"time": formats.time_format(timezone.localtime(busy.created_at))}
            )
        # The key names the business fact: this invoice, this outstanding
        # amount, the n-th try at it. A repeat of the same request is the
        # same charge to Stripe; a new try after a declined card is not.
        tries = attempts.filter(amount_minor=outstanding).count()
        attempt = PaymentAttempt.objects.create(
            contribution=locked,
            amount_minor=outstanding,
            status=PaymentAttempt.Status.STARTED,
            idempotency_key=f"bid-contribution-{locked.pk}-{outstanding}-{tries + 1}",
            started_by=by,
        )
    return attempt, outstanding


def _attempt_failed(attempt: PaymentAttempt, message: str) -> None:
    """Release the invoice for another try: this one ended without a charge
    the platform knows of (a webhook still records one Stripe made)."""
    PaymentAttempt.objects.filter(pk=attempt.pk).update(
        status=PaymentAttempt.Status.FAILED,
        failure_message=message[:300],
        updated_at=timezone.now(),
    )


def contribution_pay_by_card(
    *, contribution: Contribution, by, token: str
) -> gateway.Intent:
    """Charge the outstanding amount to the card Stripe.js tokenised.

    The amount comes from the ledger, never from the browser. One payment of an
    invoice at a time: the attempt is recorded before Stripe is called, so a
    second request (another tab, another administrator) is refused and charges
    nothing. If Stripe refuses or cannot be reached, the attempt is marked
    failed, the member is told and can try again.
    """
    if not may_pay(user=by, contribution=contribution):
        raise PermissionDenied
    if not gateway.is_configured():
        raise PaymentError(
            _("Card payments are not available. Please pay by bank transfer.")
        )
    if not token or not token.startswith(("tok_", "src_")):
        raise PaymentError(
            _("The card details did not reach the payment service. Please try again.")
        )
    attempt, outstanding = _attempt_claim(contribution, by)
    try:
        customer_id = _stripe_customer(contribution.organisation)
        intent = gateway.card_payment_create(
            customer_id=customer_id,
            token=token,
            amount_minor=outstanding,
            currency=contribution.currency,
            contribution_id=contribution.pk,
            idempotency_key=attempt.idempotency_key,
        )
    except gateway.GatewayError as error:
        _attempt_failed(attempt, error.user_message)
        raise PaymentError(error.user_message) from error
    facts = stripe_events.payment_intent(intent.raw)
    if isinstance(facts, stripe_events.Ignored):
        logger.error("Stripe answered with an unusable PaymentIntent: %s", facts.reason)
        _attempt_failed(attempt, facts.reason)
        raise PaymentError(
            _("The card payment service gave an unexpected answer. Please try again.")
        )
    _apply_intent(contribution, facts, by=by, attempt=attempt)
    return intent


def contribution_write_off(
    *, contribution: Contribution, by, reason: str, on: datetime.date | None = None
) -> LedgerEntry:
    """Write off what is left to pay when it will never be paid: the invoice is
    settled without money and the loss goes to the books."""
    if not by.has_perm("contributions.add_ledgerentry"):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the amount is written off.")})
    with transaction.atomic():
        locked, outstanding = _locked_outstanding(
            contribution,
            error=ValidationError,
            nothing_left=_("Nothing is left to write off."),
        )
        entry, _created = entry_record(
            contribution=locked,
            kind=LedgerEntry.Kind.WRITE_OFF,
            source=LedgerEntry.Source.SECRETARIAT,
            external_id=f"write-off-{locked.pk}",
            amount_minor=outstanding,
            occurred_on=on or timezone.localdate(),
            reference=reason.strip()[:120],
            by=by,
        )
    return entry


# Webhooks and reconciliation


class EventDeferred(Exception):
    """The event cannot be applied yet (Stripe must be asked and cannot be
    reached); nothing was stored and Stripe delivers it again later."""


def _contribution_for(contribution_id: int | None, intent_id: str, lock=False):
    """The invoice a PaymentIntent paid: from its metadata, else from what we
    recorded of it. With `lock`, the invoice comes locked (one look-up less
    than reading it and then locking it)."""
    if not contribution_id and intent_id:
        contribution_id = (
            PaymentAttempt.objects.filter(payment_intent_id=intent_id)
            .values_list("contribution_id", flat=True)
            .first()
            or LedgerEntry.objects.filter(
                source=LedgerEntry.Source.STRIPE,
                kind=LedgerEntry.Kind.CARD_PAYMENT,
                external_id=intent_id,
            )
            .values_list("contribution_id", flat=True)
            .first()
        )
    if not contribution_id:
        return None
    invoices = Contribution.objects.all()
    if lock:
        invoices = invoices.select_for_update()
    return invoices.filter(pk=contribution_id).first()


def stripe_event_apply(*, event: stripe_events.Event) -> str:
    """Apply a verified webhook event once. Returns what happened, for the log.

    The event's row is inserted first, in the same transaction as what it
    changes: a second delivery of the same event waits on the unique id until
    the first commits, then finds it and stops; if the first fails (or is
    deferred) nothing of it stays and the next delivery starts afresh."""
    try:
        with transaction.atomic():
            StripeEvent.objects.create(
                event_id=event.id,
                type=event.type,
                created=event.created or timezone.now(),
                payload=event.payload,
                processed_at=timezone.now(),
            )
            return _dispatch(event)
    except IntegrityError:
        # Rolled back whole; the usual cause is the event stored before (no
        # savepoint spent on every event to tell that case apart up front).
        if StripeEvent.objects.filter(event_id=event.id).exists():
            return "duplicate"
        raise


def _dispatch(event: stripe_events.Event) -> str:
    occurred_on = timezone.localdate(event.created) if event.created else None
    if event.type in ("payment_intent.succeeded", "payment_intent.payment_failed"):
        intent = stripe_events.payment_intent(event.object)
        if isinstance(intent, stripe_events.Ignored):
            return f"ignored: {intent.reason}"
        contribution = _contribution_for(intent.contribution_id, intent.id, lock=True)
        if contribution is None:
            return "ignored: not a payment of a contribution"
        return _apply_intent(contribution, intent, occurred_on=occurred_on, locked=True)
    if event.type == "charge.refunded":
        charge = stripe_events.refunded_charge(event.object)
        if isinstance(charge, stripe_events.Ignored):
            return f"ignored: {charge.reason}"
        return _charge_refunded(charge, occurred_on=occurred_on)
    return "ignored: not an event the ledger uses"


def _charge_refunded(
    charge: stripe_events.RefundedCharge, *, occurred_on: datetime.date | None
) -> str:
    intent_id = charge.payment_intent_id
    # The invoice the refunded payment was recorded on, if it was.
    contribution_id = (
        LedgerEntry.objects.filter(
            source=LedgerEntry.Source.STRIPE,
            kind=LedgerEntry.Kind.CARD_PAYMENT,
            external_id=intent_id,
        )
        .values_list("contribution_id", flat=True)
        .first()
        if intent_id
        else None
    )
    if intent_id and contribution_id is None:
        # A refund reported before its payment: ask Stripe whose payment it was
        # and record the payment first, as a delivery in order would have.
        found = _record_from_stripe(intent_id, occurred_on)
        contribution_id = found.pk if found else None
    contribution = _contribution_for(
        contribution_id or charge.contribution_id, intent_id, lock=True
    )
    if contribution is None:
        return "ignored: not a refund of a contribution"
    if charge.currency and charge.currency != contribution.currency:
        review_open(
            source=PaymentReview.Source.STRIPE,
            reason=PaymentReview.Reason.CURRENCY,
            external_id=charge.id,
            amount_minor=charge.amount_refunded,
            currency=charge.currency,
            contribution=contribution,
        )
        return "review: currency"
    with transaction.atomic(savepoint=False):
        return _refund_record(
            contribution,
            charge_id=charge.id,
            payment_intent_id=charge.payment_intent_id,
            refunded=charge.amount_refunded,
            occurred_on=occurred_on or timezone.localdate(),
        )


def _record_from_stripe(intent_id: str, occurred_on) -> Contribution | None:
    """Fetch a PaymentIntent from Stripe and apply it; its invoice, if ours."""
    try:
        intent = gateway.payment_intent_retrieve(intent_id)
    except gateway.GatewayError as error:
        if error.retryable:
            raise EventDeferred(str(error)) from error
        return None
    facts = stripe_events.payment_intent(intent.raw)
    if isinstance(facts, stripe_events.Ignored):
        return None
    contribution = _contribution_for(facts.contribution_id, facts.id)
    if contribution is not None:
        _apply_intent(contribution, facts, occurred_on=occurred_on)
    return contribution


def contributions_reconcile(
    *, progress: Callable[[int, int], None] | None = None
) -> int:
    """Fetch the PaymentIntents of open contributions — and of card payments of
    the last 30 days, for refunds — and apply what webhooks missed. Returns how
    many intents were checked."""
    open_contributions = (
        Contribution.objects.with_balance()
        .filter(outstanding_minor__gt=0, voided_at__isnull=True)
        .values("pk")
    )
    recent = timezone.now() - datetime.timedelta(days=30)
    attempts = list(
        PaymentAttempt.objects.filter(
            Q(contribution__in=open_contributions) | Q(updated_at__gte=recent),
            payment_intent_id__isnull=False,
        ).select_related("contribution")
    )
    for index, attempt in enumerate(attempts, start=1):
        intent = gateway.payment_intent_retrieve(attempt.payment_intent_id)
        facts = stripe_events.payment_intent(intent.raw)
        if isinstance(facts, stripe_events.Ignored):
            logger.warning("Reconciliation skipped %s: %s", attempt, facts.reason)
        else:
            _apply_intent(attempt.contribution, facts)
        if progress:
            progress(index, len(attempts))
    return len(attempts)


def form_token() -> str:
    return uuid.uuid4().hex
