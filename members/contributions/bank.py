"""Bank files into the ledger, and the secretariat's queue of payments to review.

A file is imported once (its SHA-256 is stored) and each payment once (the
bank's own id of it is unique), whichever file reports it. Payments are matched
by their payment reference; what does not fit the invoice it names — less,
more, another currency, a void invoice, no invoice at all — is put before the
secretariat, which assigns, refunds or accepts it.

The import is one transaction per file and works in bulk: one query for all
references, the invoices concerned locked in one go (in id order), their
balances read in one query, and entries, transactions and reviews inserted in
batches. It keeps `services.entry_record`'s invariants — every write to an
invoice's ledger holds its row lock, each payment is entered once under its
external id, and the "paid" event goes out for each invoice this import
completes — without its queries per payment.
"""

import datetime
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from members.contributions import bankfiles, notices
from members.contributions.models import (
    BankImport,
    BankTransaction,
    Contribution,
    LedgerEntry,
    PaymentReview,
    completes_payment,
)
from members.contributions.references import reference_candidates
from members.contributions.services import (
    contribution_publish,
    entry_record,
    review_open,
)

CHUNK = 1000
Reason = PaymentReview.Reason
Outcome = BankTransaction.Outcome
BANK = PaymentReview.Source.BANK
# Reasons whose money never reached the ledger: it is assigned or sent back.
NOT_IN_LEDGER = (Reason.UNMATCHED, Reason.VOID, Reason.CURRENCY)
LEGAL_FORMS = {
    "ab",
    "aktiebolag",
    "publ",
    "hb",
    "kb",
    "ek",
    "för",
    "ekonomisk",
    "förening",
    "as",
    "asa",
    "ans",
    "da",
    "aps",
    "a/s",
    "i/s",
    "k/s",
    "ivs",
}


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


# Matching


def reference_keys(reference: str) -> list[str]:
    """Every form under which an invoice's payment reference may hide in what
    the payer wrote: the whole, each group of digits (spaces and dashes inside
    allowed) and each number alone, with and without padding zeros."""
    keys: list[str] = []
    pieces = [reference]
    pieces += re.findall(r"\d(?:[\d \-]*\d)?", reference or "")
    pieces += re.findall(r"\d+", reference or "")
    for piece in pieces:
        for key in reference_candidates(piece):
            if len(key) >= 6 and key not in keys:
                keys.append(key)
    return keys


def _name_key(name: str) -> str:
    words = re.sub(r"[^\w/]+", " ", (name or "").lower()).split()
    return " ".join(w for w in words if w not in LEGAL_FORMS)


def names_close(payer: str, organisation: str) -> bool:
    """Whether a payer's name as the bank wrote it (often in capitals, cut at
    35 characters, without or with its legal form) is the organisation's."""
    a, b = _name_key(payer), _name_key(organisation)
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 6 and longer.startswith(shorter):
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.85


@dataclass
class _Invoice:
    pk: int
    currency: str
    voided: bool
    outstanding: int
    amount: int
    payments: int


@dataclass
class _Plan:
    payment: bankfiles.BankPayment
    outcome: str = Outcome.UNMATCHED
    reason: str = ""
    contribution_id: int | None = None
    currency: str = ""
    entry: bool = False
    suggestion_id: int | None = None
    detail: str = ""
    payload: dict = field(default_factory=dict)


def _invoices_by_reference(keys: set[str]) -> dict[str, int]:
    found = {}
    for chunk in _chunks(sorted(keys)):
        found.update(
            Contribution.objects.filter(payment_reference__in=chunk).values_list(
                "payment_reference", "pk"
            )
        )
    return found


def _lock_and_read(ids: set[int]) -> dict[int, _Invoice]:
    """Lock the invoices in id order (so two imports never wait on each other
    in a circle), then read their balances."""
    ordered = sorted(ids)
    for chunk in _chunks(ordered):
        list(
            Contribution.objects.select_for_update()
            .filter(pk__in=chunk)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    invoices = {}
    for chunk in _chunks(ordered):
        for pk, currency, voided_at, outstanding, amount, payments in (
            Contribution.objects.filter(pk__in=chunk)
            .with_balance()
            .values_list(
                "pk",
                "currency",
                "voided_at",
                "outstanding_minor",
                "amount_minor",
                "payments_minor",
            )
        ):
            invoices[pk] = _Invoice(
                pk,
                currency,
                voided_at is not None,
                max(outstanding, 0),
                amount,
                payments,
            )
    return invoices


def _already_imported(external_ids: list[str]) -> set[str]:
    taken = set()
    for chunk in _chunks(sorted(set(external_ids))):
        taken.update(
            BankTransaction.objects.filter(external_id__in=chunk).values_list(
                "external_id", flat=True
            )
        )
        taken.update(
            LedgerEntry.objects.filter(
                source=LedgerEntry.Source.BANK,
                kind=LedgerEntry.Kind.BANK_PAYMENT,
                external_id__in=chunk,
            ).values_list("external_id", flat=True)
        )
    return taken


def _payload(payment: bankfiles.BankPayment, **more) -> dict:
    return {
        "booked_on": payment.booked_on.isoformat(),
        "reference": payment.reference,
        "payer_name": payment.payer_name,
        "payer_account": payment.payer_account,
        "information": payment.information,
        **more,
    }


def _plan(payment, invoice_id: int | None, invoices: dict, paid: set) -> _Plan:
    """What a payment does to the ledger; `invoices` carries each invoice's
    balance from one payment of the file to the next."""
    plan = _Plan(payment=payment, payload=_payload(payment))
    if payment.amount_minor <= 0:
        plan.reason = Reason.UNMATCHED
        plan.detail = _(
            "A deduction the payer made from a payment, not money paid in. Check "
            "it against the credit notes and accept it with a note."
        )
        return plan
    invoice = invoices.get(invoice_id) if invoice_id else None
    if invoice is None:
        plan.reason = Reason.UNMATCHED
        return plan
    plan.contribution_id = invoice.pk
    plan.currency = invoice.currency
    if invoice.voided:
        plan.reason = Reason.VOID
        return plan
    if invoice.currency != payment.currency:
        plan.reason = Reason.CURRENCY
        return plan
    left = invoice.outstanding
    amount = payment.amount_minor
    plan.entry = True
    plan.payload["outstanding_minor"] = left
    if amount == left:
        plan.outcome = Outcome.MATCHED
    elif amount < left:
        plan.outcome, plan.reason = Outcome.SHORT, Reason.SHORT
        plan.payload["missing_minor"] = left - amount
    else:
        plan.outcome, plan.reason = Outcome.OVER, Reason.OVER
        plan.payload["surplus_minor"] = amount - left
    invoice.outstanding = max(left - amount, 0)
    if completes_payment(
        amount=invoice.amount, payments_before=invoice.payments, payment=amount
    ):
        paid.add(invoice.pk)
    invoice.payments += amount
    return plan


def _suggest(plans: list[_Plan], invoices: dict[int, _Invoice]) -> None:
    """For a payment no reference places: the one open invoice of the same
    amount and currency whose organisation has the payer's name, if exactly
    one has."""
    wanted = [
        p
        for p in plans
        if p.reason == Reason.UNMATCHED
        and p.payment.amount_minor > 0
        and p.payment.payer_name
    ]
    if not wanted:
        return
    amounts = {p.payment.amount_minor for p in wanted}
    candidates = defaultdict(list)
    rows = (
        Contribution.objects.with_balance()
        .filter(voided_at__isnull=True, outstanding_minor__in=amounts)
        .values_list("pk", "currency", "outstanding_minor", "organisation__legal_name")
    )
    for pk, currency, outstanding, name in rows:
        if pk in invoices:
            # This import has moved its balance on.
            outstanding = invoices[pk].outstanding
        candidates[(currency, outstanding)].append((pk, name))
    for plan in wanted:
        close = [
            pk
            for pk, name in candidates[
                (plan.payment.currency, plan.payment.amount_minor)
            ]
            if names_close(plan.payment.payer_name, name)
        ]
        if len(close) == 1:
            plan.suggestion_id = close[0]


def _insert(bank_import: BankImport, plans: list[_Plan], by) -> None:
    entries = {
        p.payment.external_id: LedgerEntry(
            contribution_id=p.contribution_id,
            kind=LedgerEntry.Kind.BANK_PAYMENT,
            source=LedgerEntry.Source.BANK,
            external_id=p.payment.external_id,
            amount_minor=p.payment.amount_minor,
            currency=p.currency,
            occurred_on=p.payment.booked_on,
            reference=p.payment.reference[:120],
            recorded_by=by,
        )
        for p in plans
        if p.entry
    }
    LedgerEntry.objects.bulk_create(entries.values(), batch_size=CHUNK)
    # In id order, so two imports inserting the same payments meet on the
    # first of them rather than each waiting for the other.
    ordered = sorted(plans, key=lambda p: p.payment.external_id)
    transactions = [
        BankTransaction(
            bank_import=bank_import,
            external_id=p.payment.external_id,
            booked_on=p.payment.booked_on,
            amount_minor=p.payment.amount_minor,
            currency=p.payment.currency[:3],
            reference=p.payment.reference[:70],
            payer_name=p.payment.payer_name[:140],
            payer_account=p.payment.payer_account[:70],
            information=p.payment.information[:500],
            outcome=p.outcome,
            contribution_id=p.contribution_id if p.entry else None,
            entry=entries.get(p.payment.external_id),
        )
        for p in ordered
    ]
    BankTransaction.objects.bulk_create(transactions, batch_size=CHUNK)
    PaymentReview.objects.bulk_create(
        [
            PaymentReview(
                source=BANK,
                reason=p.reason,
                external_id=p.payment.external_id,
                amount_minor=p.payment.amount_minor,
                currency=p.payment.currency[:3],
                contribution_id=p.contribution_id,
                bank_transaction=transaction_,
                suggestion_id=p.suggestion_id,
                detail=p.detail,
                payload=p.payload,
            )
            for p, transaction_ in zip(ordered, transactions, strict=True)
            if p.reason
        ],
        batch_size=CHUNK,
    )


def _write(bank_import: BankImport, plans: list[_Plan], by) -> tuple[list, int]:
    """Insert the plans; payments another import entered meanwhile (one that
    reached none of the invoices locked here) are dropped and counted as
    already imported."""
    dropped = 0
    while True:
        try:
            with transaction.atomic():
                _insert(bank_import, plans, by)
            return plans, dropped
        except IntegrityError:
            taken = _already_imported([p.payment.external_id for p in plans])
            if not taken or any(
                p.entry for p in plans if p.payment.external_id in taken
            ):
                raise
            kept = [p for p in plans if p.payment.external_id not in taken]
            dropped += len(plans) - len(kept)
            plans = kept


@task()
def paid_events_publish(*, contribution_ids: list[int], by_id: int | None = None):
    """The "paid" event of each invoice a bank file settled."""
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    for contribution in Contribution.objects.filter(
        pk__in=contribution_ids
    ).select_related("organisation"):
        with transaction.atomic():
            contribution_publish(contribution, notices.PAID, emailed=False, by=by)


def bank_file_import(*, file_name: str, content: bytes, by=None) -> BankImport:
    """Read a bank file into the ledger and return its report.

    The same file a second time returns the first import's report, marked
    `already_imported_file`, and changes nothing; a payment already entered
    from another file counts as already imported. Raises ValidationError for a
    file that cannot be read, before anything is written.
    """
    if by is not None and not by.has_perm("contributions.add_bankimport"):
        raise PermissionDenied
    digest = hashlib.sha256(content).hexdigest()
    earlier = BankImport.objects.filter(sha256=digest).first()
    if earlier is not None:
        earlier.already_imported_file = True
        return earlier
    kind, payments = bankfiles.parse(content, file_name)
    try:
        with transaction.atomic():
            bank_import = BankImport.objects.create(
                file_name=(file_name or "")[:255] or digest[:16],
                sha256=digest,
                format=kind,
                imported_by=by,
            )
            _import(bank_import, payments, by)
    except IntegrityError:
        # The same file imported at the same moment: the other import won.
        earlier = BankImport.objects.filter(sha256=digest).first()
        if earlier is None:
            raise
        earlier.already_imported_file = True
        return earlier
    bank_import.already_imported_file = False
    return bank_import


def _import(bank_import: BankImport, payments: list, by) -> None:
    already = 0
    fresh, seen = [], set()
    for payment in payments:
        if payment.external_id in seen:
            already += 1
        else:
            seen.add(payment.external_id)
            fresh.append(payment)
    keys = {p.external_id: reference_keys(p.reference) for p in fresh}
    by_reference = _invoices_by_reference({k for ks in keys.values() for k in ks})
    invoice_of = {
        p.external_id: next(
            (by_reference[k] for k in keys[p.external_id] if k in by_reference), None
        )
        for p in fresh
    }
    invoices = _lock_and_read({pk for pk in invoice_of.values() if pk})
    # Read after the locks: an import that held them has committed by now.
    taken = _already_imported([p.external_id for p in fresh])
    already += sum(1 for p in fresh if p.external_id in taken)
    paid: set[int] = set()
    plans = [
        _plan(p, invoice_of[p.external_id], invoices, paid)
        for p in fresh
        if p.external_id not in taken
    ]
    _suggest(plans, invoices)
    plans, dropped = _write(bank_import, plans, by)
    counts = defaultdict(int)
    for plan in plans:
        counts[plan.outcome] += 1
    bank_import.matched = counts[Outcome.MATCHED]
    bank_import.short = counts[Outcome.SHORT]
    bank_import.over = counts[Outcome.OVER]
    bank_import.unmatched = counts[Outcome.UNMATCHED]
    bank_import.already_imported = already + dropped
    bank_import.save(
        update_fields=["matched", "short", "over", "unmatched", "already_imported"]
    )
    if paid:
        # Enqueued inside the transaction: with the database task backend the
        # task is stored with the entries, so no settled invoice goes unannounced.
        paid_events_publish.enqueue(
            contribution_ids=sorted(paid), by_id=getattr(by, "pk", None)
        )


# The review queue


def _review_for_update(review: PaymentReview, by) -> PaymentReview:
    if not by.has_perm("contributions.change_paymentreview"):
        raise PermissionDenied
    locked = (
        PaymentReview.objects.select_for_update(of=("self",))
        .select_related("bank_transaction")
        .get(pk=review.pk)
    )
    if locked.status == PaymentReview.Status.RESOLVED:
        raise ValidationError(_("This payment has already been resolved."))
    return locked


def _resolve(review: PaymentReview, resolution: str, by, note: str) -> PaymentReview:
    review.status = PaymentReview.Status.RESOLVED
    review.resolution = resolution
    review.resolved_at = timezone.now()
    review.resolved_by = by
    review.note = note.strip()
    review.save(
        update_fields=[
            "status",
            "resolution",
            "resolved_at",
            "resolved_by",
            "note",
            "contribution",
            "payload",
        ]
    )
    return review


def _note_required(note: str, message: str) -> None:
    if not (note or "").strip():
        raise ValidationError({"note": message})


@transaction.atomic
def review_assign(
    *,
    review: PaymentReview,
    contribution: Contribution,
    by,
    note: str = "",
    amount_minor: int | None = None,
) -> PaymentReview:
    """Enter a bank payment no reference placed (or placed on a void invoice,
    or in another currency) on the invoice the secretariat names. If it is
    less or more than is left to pay, a short or over item follows it in the
    queue. `amount_minor` is the amount in the invoice's currency, asked for
    only when the payment came in another."""
    review = _review_for_update(review, by)
    bank_transaction = review.bank_transaction
    if review.source != BANK or review.reason not in NOT_IN_LEDGER:
        raise ValidationError(
            _("Only a bank payment that is not in the ledger can be assigned.")
        )
    if bank_transaction is None or bank_transaction.amount_minor <= 0:
        raise ValidationError(_("This is not a payment that can enter the ledger."))
    invoice = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if invoice.voided_at:
        raise ValidationError({"contribution": _("This contribution is void.")})
    if invoice.currency == bank_transaction.currency:
        amount_minor = bank_transaction.amount_minor
    elif not amount_minor or amount_minor <= 0:
        raise ValidationError(
            {
                "amount_minor": _(
                    "The payment is in %(paid)s and the invoice in %(invoice)s: "
                    "enter the amount in %(invoice)s that the bank credited."
                )
                % {"paid": bank_transaction.currency, "invoice": invoice.currency}
            }
        )
    left = invoice.balance()["outstanding"]
    entry, _created = entry_record(
        contribution=invoice,
        kind=LedgerEntry.Kind.BANK_PAYMENT,
        source=LedgerEntry.Source.BANK,
        external_id=bank_transaction.external_id,
        amount_minor=amount_minor,
        occurred_on=bank_transaction.booked_on,
        reference=bank_transaction.reference[:120],
        by=by,
    )
    if amount_minor == left:
        outcome = Outcome.MATCHED
    elif amount_minor < left:
        outcome = Outcome.SHORT
    else:
        outcome = Outcome.OVER
    bank_transaction.contribution = invoice
    bank_transaction.entry = entry
    bank_transaction.outcome = outcome
    bank_transaction.save(update_fields=["contribution", "entry", "outcome"])
    if outcome != Outcome.MATCHED:
        more = (
            {"missing_minor": left - amount_minor}
            if outcome == Outcome.SHORT
            else {"surplus_minor": amount_minor - left}
        )
        review_open(
            source=BANK,
            reason=outcome,
            external_id=bank_transaction.external_id,
            amount_minor=amount_minor,
            currency=invoice.currency,
            contribution=invoice,
            payload={**review.payload, "outstanding_minor": left, **more},
        )
    review.payload = {
        **review.payload,
        "reported_contribution_id": review.contribution_id,
        "assigned_minor": amount_minor,
    }
    review.contribution = invoice
    return _resolve(review, PaymentReview.Resolution.ASSIGNED, by, note)


@transaction.atomic
def review_refund(*, review: PaymentReview, by, note: str = "") -> PaymentReview:
    """Send money back: the surplus of an over payment (a refund entry in the
    ledger), or a payment that never entered it (marked, with a note on how
    it was sent back)."""
    review = _review_for_update(review, by)
    if review.source != BANK:
        raise ValidationError(
            _("Card payments are refunded in Stripe; mark this item as handled.")
        )
    if review.reason == Reason.OVER:
        invoice = Contribution.objects.select_for_update().get(
            pk=review.contribution_id
        )
        surplus = review.payload.get("surplus_minor") or review.amount_minor
        amount = min(invoice.balance()["over"], surplus)
        if amount <= 0:
            raise ValidationError(
                _("Nothing was paid beyond the invoice's amount; nothing to refund.")
            )
        entry_record(
            contribution=invoice,
            kind=LedgerEntry.Kind.REFUND,
            source=LedgerEntry.Source.BANK,
            external_id=review.external_id,
            amount_minor=amount,
            occurred_on=timezone.localdate(),
            reference=review.payload.get("reference", "")[:120],
            by=by,
        )
        review.payload = {**review.payload, "refunded_minor": amount}
    elif review.reason in NOT_IN_LEDGER:
        if review.amount_minor <= 0:
            raise ValidationError(
                _("A deduction is no money to send back; accept it with a note.")
            )
        _note_required(note, _("Say how and when the money was sent back."))
    else:
        raise ValidationError(
            _("A short payment is not refunded: accept it, or wait for the rest.")
        )
    return _resolve(review, PaymentReview.Resolution.REFUNDED, by, note)


@transaction.atomic
def review_accept(*, review: PaymentReview, by, note: str = "") -> PaymentReview:
    """Keep a short or over payment as it is, or close a card payment's item
    (handled in Stripe) or a deduction, with a note on why."""
    review = _review_for_update(review, by)
    if (
        review.source == BANK
        and review.reason not in (Reason.SHORT, Reason.OVER)
        and review.amount_minor > 0
    ):
        raise ValidationError(
            _(
                "This payment is not in the ledger: assign it to an invoice or "
                "refund it."
            )
        )
    _note_required(note, _("Say why it is accepted as it is."))
    return _resolve(review, PaymentReview.Resolution.ACCEPTED, by, note)


def review_actions(review: PaymentReview) -> list[str]:
    """The resolutions that fit an open item: "assign", "refund", "accept"."""
    if review.status != PaymentReview.Status.OPEN:
        return []
    if review.source != BANK:
        return ["accept"]
    if review.reason in NOT_IN_LEDGER:
        return ["assign", "refund"] if review.amount_minor > 0 else ["accept"]
    if review.reason == Reason.OVER:
        return ["refund", "accept"]
    return ["accept"]


# Reads for the admin


def reviews_open() -> QuerySet[PaymentReview]:
    return PaymentReview.objects.filter(
        status=PaymentReview.Status.OPEN
    ).select_related(
        "contribution__organisation", "suggestion__organisation", "bank_transaction"
    )


def reviews_resolved() -> QuerySet[PaymentReview]:
    return (
        PaymentReview.objects.filter(status=PaymentReview.Status.RESOLVED)
        .select_related("contribution", "resolved_by", "bank_transaction")
        .order_by("-resolved_at")
    )


def open_invoices(*, currency: str | None = None) -> QuerySet[Contribution]:
    invoices = (
        Contribution.objects.with_balance()
        .filter(voided_at__isnull=True, outstanding_minor__gt=0)
        .select_related("organisation")
        .order_by("-year", "number")
    )
    return invoices.filter(currency=currency) if currency else invoices


def invoice_by_number_or_reference(value: str) -> Contribution | None:
    value = (value or "").strip()
    if not value:
        return None
    found = Contribution.objects.filter(number=value).first()
    if found is None:
        keys = reference_keys(value)
        found = Contribution.objects.filter(payment_reference__in=keys).first()
    return found


def booked_on_of(review: PaymentReview) -> datetime.date | None:
    value = (review.payload or {}).get("booked_on")
    return datetime.date.fromisoformat(value) if value else None
