"""The secretariat's and board's PDF downloads of invoices, credit notes and
receipts, in a language of their choosing (`?lang=sv|da|nb|en`)."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils import translation
from wagtail.admin.auth import permission_required

from members.contributions.models import Contribution, CreditNote, LedgerEntry
from members.contributions.pdf import credit_note_pdf, invoice_pdf, receipt_pdf
from members.contributions.views import pdf_response

view_required = permission_required("contributions.view_contribution")


def _language(request) -> str:
    """`?lang=`, else the staff member's own language, else the admin's."""
    languages = dict(settings.LANGUAGES)
    for language in (request.GET.get("lang"), getattr(request.user, "language", "")):
        if language in languages:
            return language
    return translation.get_language() or settings.LANGUAGE_CODE


@view_required
def invoice_download(request, pk: int):
    contribution = get_object_or_404(
        Contribution.objects.select_related("organisation"), pk=pk
    )
    return pdf_response(*invoice_pdf(contribution, language=_language(request)))


@view_required
def credit_note_download(request, pk: int):
    credit_note = get_object_or_404(
        CreditNote.objects.select_related("contribution__organisation"),
        contribution_id=pk,
    )
    return pdf_response(*credit_note_pdf(credit_note, language=_language(request)))


@view_required
def receipt_download(request, pk: int):
    entry = get_object_or_404(
        LedgerEntry.objects.select_related("contribution__organisation").filter(
            kind__in=[LedgerEntry.Kind.CARD_PAYMENT, LedgerEntry.Kind.BANK_PAYMENT]
        ),
        pk=pk,
    )
    return pdf_response(*receipt_pdf(entry, language=_language(request)))
