"""Sending invoices and credit notes to the Peppol network, each document once.

Members with a Peppol participant id get their e-invoice through the configured
access point (members/contributions/access_point.py) after the invoice or credit
note is committed. `einvoice_sent_at` records the delivery; a recorded document
is never sent again. Failures the provider calls temporary are retried like
emails (bid/emails.py); the others are logged and left for the secretariat.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from members.contributions import access_point, peppol
from members.contributions.documents import buyer_party, seller_party
from members.contributions.models import Contribution, CreditNote

logger = logging.getLogger(__name__)

# Attempts per document; a failed one is queued again after 5, 10, 15 … minutes
# where the task backend can defer (the database queue), else retried at once.
EINVOICE_ATTEMPTS = 4
INVOICE, CREDIT_NOTE = "invoice", "credit_note"


def _wanted(organisation) -> bool:
    return bool(organisation.peppol_id) and access_point.is_configured()


def invoices_send_on_commit(*, contribution_ids: list[int]) -> None:
    """After commit, queue the e-invoice of each of these invoices whose member
    receives e-invoices; nothing when no access point is configured."""
    if not access_point.is_configured() or not contribution_ids:
        return
    transaction.on_commit(lambda: _queue_invoices(list(contribution_ids)))


def _queue_invoices(contribution_ids: list[int]) -> None:
    pending = Contribution.objects.filter(
        pk__in=contribution_ids,
        einvoice_sent_at__isnull=True,
        organisation__peppol_id__gt="",
    ).values_list("pk", flat=True)
    for pk in pending:
        einvoice_send.enqueue(kind=INVOICE, pk=pk)


def credit_note_send_on_commit(*, credit_note: CreditNote) -> None:
    if not _wanted(credit_note.contribution.organisation):
        return
    pk = credit_note.pk
    transaction.on_commit(lambda: einvoice_send.enqueue(kind=CREDIT_NOTE, pk=pk))


def _envelope(document, kind: str) -> access_point.Envelope:
    if kind == INVOICE:
        xml = peppol.invoice_xml(document)
        organisation, number = document.organisation, document.number
    else:
        xml = peppol.credit_note_xml(document)
        organisation, number = document.contribution.organisation, document.number
    buyer, seller = buyer_party(organisation), seller_party()
    return access_point.Envelope(
        document_id=f"{kind.replace('_', '-')}-{number}",
        receiver_scheme=buyer.peppol_scheme,
        receiver_id=buyer.peppol_id,
        sender_scheme=seller.peppol_scheme,
        sender_id=seller.peppol_id,
        xml=xml,
    )


def _queryset(kind: str):
    if kind == INVOICE:
        return Contribution.objects.select_related("organisation")
    return CreditNote.objects.select_related("contribution__organisation")


# A worker claims a document before calling the access point, so the money
# row is locked only for that moment, never for the call; a claim older than
# this is a worker that died mid-send and may be taken over.
CLAIM = "sending:"
CLAIM_EXPIRES = datetime.timedelta(minutes=30)


def _claim(kind: str, pk: int):
    """The document, claimed for sending by this worker; None when it was sent
    or another worker is sending it."""
    with transaction.atomic():
        document = _queryset(kind).select_for_update(of=("self",)).get(pk=pk)
        if document.einvoice_sent_at:
            return None
        claimed = document.einvoice_message_id
        if claimed.startswith(CLAIM):
            since = datetime.datetime.fromisoformat(claimed.removeprefix(CLAIM))
            if timezone.now() - since < CLAIM_EXPIRES:
                return None
        document.einvoice_message_id = f"{CLAIM}{timezone.now().isoformat()}"
        document.save(update_fields=["einvoice_message_id"])
    return document


@task()
def einvoice_send(*, kind: str, pk: int, attempt: int = 1) -> str:
    """Send one document unless it was sent (or is being sent)."""
    backend = access_point.get_access_point()
    if backend is None:
        return "not configured"
    document = _claim(kind, pk)
    if document is None:
        return "already sent"
    model = type(document)
    envelope = _envelope(document, kind)
    try:
        delivery = backend.send(envelope)
    except access_point.RetryableAccessPointError as error:
        model.objects.filter(pk=pk).update(einvoice_message_id="")
        _retry(kind=kind, pk=pk, attempt=attempt, error=error)
        return "failed"
    except access_point.AccessPointError as error:
        model.objects.filter(pk=pk).update(einvoice_message_id="")
        logger.error(
            "E-invoice %s was refused by the access point, not retried: %s",
            envelope.document_id,
            error,
        )
        return "refused"
    model.objects.filter(pk=pk).update(
        einvoice_sent_at=timezone.now(),
        einvoice_message_id=delivery.message_id[:200],
    )
    logger.info(
        "E-invoice %s sent to the Peppol network as %s",
        envelope.document_id,
        delivery.message_id,
    )
    return "sent"


def _retry(*, kind: str, pk: int, attempt: int, error: Exception) -> None:
    if attempt >= EINVOICE_ATTEMPTS:
        logger.error(
            "E-invoice %s %s failed %s times, giving up: %s", kind, pk, attempt, error
        )
        return
    logger.warning(
        "E-invoice %s %s failed (attempt %s), retrying: %s", kind, pk, attempt, error
    )
    retry = {"kind": kind, "pk": pk, "attempt": attempt + 1}
    if default_task_backend.supports_defer:
        einvoice_send.using(
            run_after=timezone.now() + datetime.timedelta(minutes=5 * attempt)
        ).enqueue(**retry)
    else:
        einvoice_send.call(**retry)


class EinvoiceState:
    SENT = "sent"
    NOT_CONFIGURED = "not_configured"
    NO_PEPPOL_ID = "no_peppol_id"
    PENDING = "pending"


def einvoice_state(document, organisation) -> str:
    """Where a document's e-invoice stands, for the admin."""
    if document.einvoice_sent_at:
        return EinvoiceState.SENT
    if not access_point.is_configured():
        return EinvoiceState.NOT_CONFIGURED
    if not organisation.peppol_id:
        return EinvoiceState.NO_PEPPOL_ID
    return EinvoiceState.PENDING
