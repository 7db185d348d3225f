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
from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from bid import events
from bid.emails import absolute_url, send_email_on_commit
from members.contributions import gateway
from members.contributions.calculation import PropertyInput, Rates, calculate
from members.contributions.models import (
    PAYMENT_KINDS,
    Contribution,
    ContributionLine,
    ContributionScheme,
    InvoicingRun,
    LedgerEntry,
    PaymentAttempt,
    StripeCustomer,
    StripeEvent,
    YearCounter,
)
from members.enrolment.selectors import active_members
from members.organisations.models import Organisation, OrganisationMember
from members.organisations.validators import _luhn_valid

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500


class PaymentError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# Invoicing


def scheme_rates(scheme: ContributionScheme) -> Rates:
    return Rates(
        base_fee_minor=scheme.base_fee_minor,
        floor_minor=scheme.floor_minor,
        cap_minor=scheme.cap_minor,
        per_m2_minor={r.use_category: r.rate_minor_per_m2 for r in scheme.rates.all()},
    )


def payment_reference(year: int, number: int) -> str:
    """An OCR reference: year and number with a Luhn check digit, as banks use."""
    base = f"{year}{number:06d}"
    check = next(d for d in range(10) if _luhn_valid(f"{base}{d}"))
    return f"{base}{check}"


def _members_to_invoice(scheme: ContributionScheme, on: datetime.date):
    already = Contribution.objects.filter(year=scheme.year).values("organisation_id")
    return (
        active_members(on=on)
        .exclude(pk__in=already)
        .order_by("pk")
        .prefetch_related(Prefetch("properties"))
    )


def _issue_chunk(scheme, organisations, rates, issued_on) -> list[int]:
    """Issue one chunk in one transaction: numbers, contributions and lines."""
    with transaction.atomic():
        counter, _created = YearCounter.objects.select_for_update().get_or_create(
            year=scheme.year
        )
        # Someone may have issued in between: re-check inside the transaction.
        taken = set(
            Contribution.objects.filter(
                year=scheme.year, organisation__in=organisations
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
            contributions.append(
                Contribution(
                    organisation=organisation,
                    scheme=scheme,
                    year=scheme.year,
                    number=f"{scheme.year}-{number:05d}",
                    payment_reference=payment_reference(scheme.year, number),
                    currency=scheme.currency,
                    amount_minor=calculation.total_minor,
                    issued_on=issued_on,
                    due_date=scheme.due_date,
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
    return ids


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
    organisations = list(_members_to_invoice(scheme, on))
    if run is None:
        run = InvoicingRun.objects.create(scheme=scheme, started_by=by)
    run.total = len(organisations)
    run.save(update_fields=["total"])
    try:
        for start in range(0, len(organisations), chunk_size):
            chunk = organisations[start : start + chunk_size]
            try:
                created = _issue_chunk(scheme, chunk, rates, on)
            except Exception:
                logger.exception("Invoicing chunk failed; retrying member by member")
                created = []
                for organisation in chunk:
                    try:
                        created += _issue_chunk(scheme, [organisation], rates, on)
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


def _invoice_email(contribution: Contribution, template: str) -> None:
    organisation = contribution.organisation
    url = absolute_url(reverse("portal:contribution", args=[contribution.pk]))
    context = {
        "organisation": organisation.legal_name,
        "number": contribution.number,
        "year": contribution.year,
        "amount_minor": contribution.amount_minor,
        "outstanding_minor": contribution.balance()["outstanding"],
        "currency": contribution.currency,
        "due_date": contribution.due_date.isoformat(),
        "reference": contribution.payment_reference,
        "url": url,
    }
    people = _payers(organisation)
    languages = {person.language for person in people} or {"sv"}
    for language in sorted(languages):
        to = [p.email for p in people if p.language == language]
        if language == "sv" or not people:
            to.append(organisation.invoice_email)
        send_email_on_commit(
            to=sorted(set(to)), template=template, context=context, language=language
        )


def contribution_publish(
    contribution: Contribution, kind: str, *, emailed: bool, by=None
) -> None:
    """An event for the organisation's payers (private to the organisation)."""
    people = _payers(contribution.organisation)
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("portal:contribution", args=[contribution.pk])
    events.publish(
        f"contribution.{kind}",
        subject=contribution,
        visibility=events.PRIVATE,
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
            _invoice_email(contribution, "contributions/email/invoice")
            contribution_publish(contribution, "issued", emailed=True)


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


def entry_record(
    *,
    contribution: Contribution,
    kind: str,
    source: str,
    external_id: str,
    amount_minor: int,
    occurred_on: datetime.date,
    reference: str = "",
    receipt_url: str = "",
    by=None,
) -> tuple[LedgerEntry, bool]:
    """Enter a payment or refund once. A refund reported again with a larger
    cumulative amount (Stripe reports refunds per charge) raises the entry."""
    if amount_minor <= 0:
        raise ValidationError(_("The amount must be more than zero."))
    with transaction.atomic():
        entry = (
            LedgerEntry.objects.select_for_update()
            .filter(source=source, external_id=external_id, kind=kind)
            .first()
        )
        if entry is not None:
            if kind == LedgerEntry.Kind.REFUND and amount_minor > entry.amount_minor:
                entry.amount_minor = amount_minor
                entry.save(update_fields=["amount_minor"])
            return entry, False
        entry = LedgerEntry(
            contribution=contribution,
            kind=kind,
            source=source,
            external_id=external_id,
            amount_minor=amount_minor,
            currency=contribution.currency,
            occurred_on=occurred_on,
            reference=reference,
            receipt_url=receipt_url,
            recorded_by=by,
        )
        entry.full_clean()
        entry.save()
        fresh = Contribution.objects.get(pk=contribution.pk)  # no stale annotations
        if kind in PAYMENT_KINDS and fresh.balance()["outstanding"] == 0:
            contribution_publish(contribution, "paid", emailed=False, by=by)
    return entry, True


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
def contribution_void(*, contribution: Contribution, by, reason: str) -> Contribution:
    if not by.has_perm("contributions.change_contribution"):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the contribution is voided.")})
    if contribution.balance()["paid"] > 0:
        raise ValidationError(_("Refund the payments before voiding the contribution."))
    contribution.voided_at = timezone.now()
    contribution.void_reason = reason.strip()
    contribution.save(update_fields=["voided_at", "void_reason"])
    return contribution


# Card payments


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


def _apply_intent(contribution: Contribution, intent: gateway.Intent, by=None) -> None:
    """Bring our records in line with what Stripe says of a PaymentIntent."""
    status = {
        "succeeded": PaymentAttempt.Status.SUCCEEDED,
        "requires_action": PaymentAttempt.Status.REQUIRES_ACTION,
        "processing": PaymentAttempt.Status.PROCESSING,
    }.get(intent.status, PaymentAttempt.Status.FAILED)
    with transaction.atomic():
        attempt, created = PaymentAttempt.objects.select_for_update().get_or_create(
            payment_intent_id=intent.id,
            defaults={
                "contribution": contribution,
                "amount_minor": intent.amount,
                "status": status,
                "failure_message": intent.last_error[:300],
                "started_by": by,
            },
        )
        # A success is final: a late "failed" report about an earlier try of
        # the same PaymentIntent must not undo it.
        if not created and attempt.status != PaymentAttempt.Status.SUCCEEDED:
            attempt.status = status
            attempt.failure_message = intent.last_error[:300]
            attempt.save(update_fields=["status", "failure_message", "updated_at"])
        if intent.status == "succeeded":
            charge = intent.latest_charge or {}
            entry_record(
                contribution=contribution,
                kind=LedgerEntry.Kind.CARD_PAYMENT,
                source=LedgerEntry.Source.STRIPE,
                external_id=intent.id,
                amount_minor=intent.amount_received or intent.amount,
                occurred_on=timezone.localdate(),
                receipt_url=charge.get("receipt_url") or "",
            )
        refunded = int(charge_refunded(intent.latest_charge))
        if refunded:
            entry_record(
                contribution=contribution,
                kind=LedgerEntry.Kind.REFUND,
                source=LedgerEntry.Source.STRIPE,
                external_id=intent.latest_charge["id"],
                amount_minor=refunded,
                occurred_on=timezone.localdate(),
            )


def charge_refunded(charge: dict | None) -> int:
    return int((charge or {}).get("amount_refunded") or 0)


def contribution_pay_by_card(
    *, contribution: Contribution, by, token: str
) -> gateway.Intent:
    """Charge the outstanding amount to the card Stripe.js tokenised.

    The amount comes from the ledger, never from the browser. Nothing is
    written unless Stripe answers; if it cannot be reached, the member is told
    and can try again.
    """
    if not may_pay(user=by, contribution=contribution):
        raise PermissionDenied
    if not gateway.is_configured():
        raise PaymentError(
            _("Card payments are not available. Please pay by bank transfer.")
        )
    if contribution.voided_at:
        raise PaymentError(_("This contribution is void."))
    outstanding = contribution.balance()["outstanding"]
    if outstanding <= 0:
        raise PaymentError(_("Nothing is left to pay on this contribution."))
    if not token or not token.startswith(("tok_", "src_")):
        raise PaymentError(
            _("The card details did not reach the payment service. Please try again.")
        )
    try:
        customer_id = _stripe_customer(contribution.organisation)
        intent = gateway.card_payment_create(
            customer_id=customer_id,
            token=token,
            amount_minor=outstanding,
            currency=contribution.currency,
            contribution_id=contribution.pk,
            idempotency_key=f"bid-contribution-{contribution.pk}-{outstanding}-{token}",
        )
    except gateway.GatewayError as error:
        raise PaymentError(error.user_message) from error
    _apply_intent(contribution, intent, by=by)
    return intent


# Webhooks and reconciliation


def _contribution_for_intent(intent_id: str, metadata: dict) -> Contribution | None:
    contribution_id = (metadata or {}).get("contribution_id")
    if contribution_id:
        return Contribution.objects.filter(pk=contribution_id).first()
    attempt = PaymentAttempt.objects.filter(payment_intent_id=intent_id).first()
    if attempt:
        return attempt.contribution
    entry = LedgerEntry.objects.filter(
        source=LedgerEntry.Source.STRIPE, external_id=intent_id
    ).first()
    if entry:
        return entry.contribution
    # A refund reported before anything else: ask Stripe whose payment it was.
    intent = gateway.payment_intent_retrieve(intent_id)
    contribution_id = intent.metadata.get("contribution_id")
    return (
        Contribution.objects.filter(pk=contribution_id).first()
        if contribution_id
        else None
    )


def stripe_event_apply(*, event: dict) -> str:
    """Apply a verified webhook event once. Returns what happened, for the log."""
    with transaction.atomic():
        stored, created = StripeEvent.objects.select_for_update().get_or_create(
            event_id=event["id"],
            defaults={
                "type": event["type"],
                "created": datetime.datetime.fromtimestamp(
                    int(event.get("created") or 0), tz=datetime.UTC
                ),
                "payload": event,
            },
        )
        if not created and stored.processed_at is not None:
            return "duplicate"
        outcome = _dispatch(event)
        stored.processed_at = timezone.now()
        stored.save(update_fields=["processed_at"])
    return outcome


def _dispatch(event: dict) -> str:
    kind = event["type"]
    obj = event["data"]["object"]
    if kind in ("payment_intent.succeeded", "payment_intent.payment_failed"):
        intent = gateway._intent(obj)
        contribution = _contribution_for_intent(intent.id, intent.metadata)
        if contribution is None:
            return "unknown contribution"
        _apply_intent(contribution, intent)
        return kind
    if kind == "charge.refunded":
        intent_id = obj.get("payment_intent")
        contribution = _contribution_for_intent(intent_id, obj.get("metadata") or {})
        if contribution is None:
            return "unknown contribution"
        entry_record(
            contribution=contribution,
            kind=LedgerEntry.Kind.REFUND,
            source=LedgerEntry.Source.STRIPE,
            external_id=obj["id"],
            amount_minor=charge_refunded(obj),
            occurred_on=timezone.localdate(),
        )
        return kind
    return "ignored"


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
            Q(contribution__in=open_contributions) | Q(updated_at__gte=recent)
        ).select_related("contribution")
    )
    for index, attempt in enumerate(attempts, start=1):
        intent = gateway.payment_intent_retrieve(attempt.payment_intent_id)
        _apply_intent(attempt.contribution, intent)
        if progress:
            progress(index, len(attempts))
    return len(attempts)


def form_token() -> str:
    return uuid.uuid4().hex
