"""Peppol BIS Billing 3.0 e-invoices: UBL 2.1 `Invoice` and `CreditNote` XML of an
invoice or a credit note, written from the same `Document` the PDF prints.

Every document must pass the official rule sets (CEN EN 16931 and OpenPEPPOL's
BIS 3.0 with the Swedish, Norwegian and Danish national rules); the tests run
them. Amounts are the document's minor units written with exactly two decimals.
"""

import re
from decimal import Decimal

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from lxml import etree

from members.contributions.documents import (
    Document,
    Party,
    credit_note_document,
    invoice_document,
)
from members.contributions.models import Contribution, CreditNote, InvoiceSettings
from members.contributions.references import PEPPOL_SCHEMES

CUSTOMIZATION_ID = (
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
)
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
INVOICE_TYPE_CODE = "380"  # commercial invoice
CREDIT_NOTE_TYPE_CODE = "381"  # credit note

NS_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
NS_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
NS_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"

# UNCL 4461 payment means: credit transfer, international (Danish practice),
# SEPA credit transfer, and the Danish FI-kort ("reference giro", OIOUBL's FIK).
CREDIT_TRANSFER = "30"
DK_BANK_TRANSFER = "31"
SEPA_CREDIT_TRANSFER = "58"
DK_FIK = "93"
# The FI-kort type of a +71 line: a payment id of 15 digits, no message.
FIK_CARD_TYPE = "71"

LANGUAGE_OF_COUNTRY = {"SE": "sv", "DK": "da", "NO": "nb"}
MEDIA_TYPE = "application/xml"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def amount(minor: int) -> str:
    """Minor units as the text of a UBL amount: exactly two decimals."""
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    return f"{sign}{whole}.{cents:02d}"


def percent(rate: Decimal) -> str:
    return f"{Decimal(rate).quantize(Decimal('0.01'))}"


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value or "")


class _Writer:
    """Appends UBL elements in schema order, leaving out empty ones: the rules
    refuse an empty element (PEPPOL-EN16931-R008)."""

    def __init__(self, root_name: str, namespace: str, currency: str):
        self.root = etree.Element(
            f"{{{namespace}}}{root_name}",
            nsmap={None: namespace, "cac": NS_CAC, "cbc": NS_CBC},
        )
        self.currency = currency

    @staticmethod
    def cac(parent, name: str):
        return etree.SubElement(parent, f"{{{NS_CAC}}}{name}")

    @staticmethod
    def cbc(parent, name: str, text, **attributes):
        if text is None or str(text).strip() == "":
            return None
        element = etree.SubElement(parent, f"{{{NS_CBC}}}{name}", **attributes)
        element.text = str(text)
        return element

    def money(self, parent, name: str, minor: int):
        """An amount in minor units, written in the document's currency."""
        return self.cbc(parent, name, amount(minor), currencyID=self.currency)


def _scheme_of(country: str) -> str:
    return PEPPOL_SCHEMES.get(country, "0007")


def _party(w: _Writer, parent, party: Party, *, seller: bool):
    node = w.cac(parent, "Party")
    w.cbc(node, "EndpointID", party.peppol_id, schemeID=party.peppol_scheme)
    w.cbc(w.cac(node, "PartyName"), "Name", party.name)
    address = w.cac(node, "PostalAddress")
    w.cbc(address, "StreetName", party.street_address)
    w.cbc(address, "CityName", party.city)
    w.cbc(address, "PostalZone", party.postal_code)
    w.cbc(w.cac(address, "Country"), "IdentificationCode", party.country)
    if seller:
        for company_id, scheme in _seller_tax_registrations(party):
            tax_scheme = w.cac(node, "PartyTaxScheme")
            w.cbc(tax_scheme, "CompanyID", company_id)
            w.cbc(w.cac(tax_scheme, "TaxScheme"), "ID", scheme)
    legal = w.cac(node, "PartyLegalEntity")
    w.cbc(legal, "RegistrationName", party.name)
    if party.org_number:
        w.cbc(legal, "CompanyID", party.org_number, schemeID=_scheme_of(party.country))
    if party.phone or party.email:
        contact = w.cac(node, "Contact")
        w.cbc(contact, "Telephone", party.phone)
        w.cbc(contact, "ElectronicMail", party.email)


def _seller_tax_registrations(party: Party) -> list[tuple[str, str]]:
    """(CompanyID, TaxScheme) pairs of the seller: its VAT number, and a Swedish
    seller's F-tax approval as Swedish Peppol practice writes it.

    EN 16931 wants some tax registration of the seller whenever a line is taxed
    or exempt (BR-S-02, BR-E-02). A Norwegian or Danish seller without a VAT
    number gives its organisation number, which is its tax registration there;
    a Swedish one may only write "Godkänd för F-skatt" (SE-R-005), so a Swedish
    seller needs a VAT number or F-tax approval for a valid document.
    """
    registrations = []
    if party.vat_number:
        registrations.append((party.vat_number, "VAT"))
    if party.country == "SE":
        if party.f_skatt:
            registrations.append(("Godkänd för F-skatt", "TAX"))
    elif not party.vat_number and party.org_number:
        registrations.append((party.org_number, "TAX"))
    return registrations


def _payment_means(w: _Writer, document: Document, settings: InvoiceSettings) -> None:
    """How to pay, most usual way of the seller's country first.

    Sweden: bankgiro and plusgiro as credit transfers (30) to the giro number
    with branch SE:BANKGIRO / SE:PLUSGIRO (the Swedish rules SE-R-007…011).
    Norway: credit transfer to the account number, the KID as payment id.
    Denmark: the FI-kort +71 as payment means 93 with "71#<payment id>" and the
    creditor number (OIOUBL practice, rules DK-R-010/011). An IBAN is offered
    last: as a credit transfer with the BIC, and between Danish parties, who
    may not use 30 (DK-R-005), as a bank transfer (31, which needs the BIC) or
    else a SEPA credit transfer (58).

    UBL allows several payment means only with one code and one payment id
    (UBL-SR-44, UBL-SR-47): ways of another code than the first are left to
    the PDF, so a Danish FI-kort invoice offers the FI-kort alone.
    """
    reference = document.payment_reference
    ways: list[tuple[str, str, str, str]] = []  # code, payment id, account, branch
    country = settings.country
    if country == "SE":
        if settings.bankgiro:
            ways.append(
                (CREDIT_TRANSFER, reference, _digits(settings.bankgiro), "SE:BANKGIRO")
            )
        if settings.plusgiro:
            ways.append(
                (CREDIT_TRANSFER, reference, _digits(settings.plusgiro), "SE:PLUSGIRO")
            )
    elif country == "NO" and settings.account_number:
        ways.append((CREDIT_TRANSFER, reference, _digits(settings.account_number), ""))
    elif country == "DK" and settings.fik_creditor:
        ways.append(
            (
                DK_FIK,
                f"{FIK_CARD_TYPE}#{reference}",
                _digits(settings.fik_creditor),
                "",
            )
        )
    if settings.iban:
        iban = re.sub(r"\s", "", settings.iban).upper()
        bic = settings.bic.strip().upper()
        code = CREDIT_TRANSFER
        if country == "DK" and document.buyer.country == "DK":
            code = DK_BANK_TRANSFER if bic else SEPA_CREDIT_TRANSFER
        ways.append((code, reference, iban, bic))
    for code, payment_id, account, branch in ways:
        if code != ways[0][0]:
            continue
        means = w.cac(w.root, "PaymentMeans")
        w.cbc(means, "PaymentMeansCode", code)
        w.cbc(means, "PaymentID", payment_id)
        financial_account = w.cac(means, "PayeeFinancialAccount")
        w.cbc(financial_account, "ID", account)
        if branch:
            w.cbc(w.cac(financial_account, "FinancialInstitutionBranch"), "ID", branch)


def _tax_category(w: _Writer, parent, name: str, vat, *, with_reason: bool):
    category = w.cac(parent, name)
    w.cbc(category, "ID", vat.category)
    w.cbc(category, "Percent", percent(vat.rate))
    if with_reason and vat.category == "E":
        w.cbc(category, "TaxExemptionReason", vat.exemption_reason)
    w.cbc(w.cac(category, "TaxScheme"), "ID", "VAT")


def buyer_reference(document: Document) -> str:
    """BT-10, which Peppol requires unless there is an order reference (R003).

    The member's own reference; else its order reference; else the invoice's
    number (for a credit note: the number of the invoice it credits), the one
    identifier both sides already share about this invoice.
    """
    return (
        document.buyer_reference
        or document.order_reference
        or document.invoice_number
        or document.number
    )


def document_xml(document: Document, *, settings: InvoiceSettings) -> bytes:
    """The UBL of an invoice or credit note `Document`."""
    if document.kind not in ("invoice", "credit_note"):
        raise ValueError(f"no e-invoice of a {document.kind}")
    credit = document.kind == "credit_note"
    w = _Writer(
        "CreditNote" if credit else "Invoice",
        NS_CREDIT_NOTE if credit else NS_INVOICE,
        document.currency,
    )
    root = w.root
    w.cbc(root, "CustomizationID", CUSTOMIZATION_ID)
    w.cbc(root, "ProfileID", PROFILE_ID)
    w.cbc(root, "ID", document.number)
    w.cbc(root, "IssueDate", document.issued_on.isoformat())
    if credit:
        w.cbc(root, "CreditNoteTypeCode", CREDIT_NOTE_TYPE_CODE)
    else:
        w.cbc(root, "DueDate", document.due_date and document.due_date.isoformat())
        w.cbc(root, "InvoiceTypeCode", INVOICE_TYPE_CODE)
    w.cbc(root, "Note", document.note)
    w.cbc(root, "DocumentCurrencyCode", document.currency)
    w.cbc(root, "BuyerReference", buyer_reference(document))
    if document.order_reference:
        w.cbc(w.cac(root, "OrderReference"), "ID", document.order_reference)
    if credit:
        reference = w.cac(w.cac(root, "BillingReference"), "InvoiceDocumentReference")
        w.cbc(reference, "ID", document.invoice_number)
        w.cbc(
            reference,
            "IssueDate",
            document.invoice_issued_on and document.invoice_issued_on.isoformat(),
        )
    _party(w, w.cac(root, "AccountingSupplierParty"), document.seller, seller=True)
    _party(w, w.cac(root, "AccountingCustomerParty"), document.buyer, seller=False)

    if not credit:
        _payment_means(w, document, settings)
    terms = _payment_terms(document)
    if terms:
        w.cbc(w.cac(root, "PaymentTerms"), "Note", terms)

    # A lowering to the maximum is a document-level allowance in the category
    # of the lines: e-invoices forbid negative prices.
    vat = document.vat[0]
    for allowance in document.allowances:
        node = w.cac(root, "AllowanceCharge")
        w.cbc(node, "ChargeIndicator", "false")
        w.cbc(node, "AllowanceChargeReason", allowance.reason)
        w.money(node, "Amount", allowance.amount_minor)
        _tax_category(w, node, "TaxCategory", vat, with_reason=False)

    tax_total = w.cac(root, "TaxTotal")
    w.money(tax_total, "TaxAmount", document.vat_minor)
    for breakdown in document.vat:
        subtotal = w.cac(tax_total, "TaxSubtotal")
        w.money(subtotal, "TaxableAmount", breakdown.taxable_minor)
        w.money(subtotal, "TaxAmount", breakdown.tax_minor)
        _tax_category(w, subtotal, "TaxCategory", breakdown, with_reason=True)

    totals = w.cac(root, "LegalMonetaryTotal")
    w.money(totals, "LineExtensionAmount", document.line_total_minor)
    w.money(totals, "TaxExclusiveAmount", document.net_minor)
    w.money(totals, "TaxInclusiveAmount", document.total_minor)
    if document.allowances:
        w.money(totals, "AllowanceTotalAmount", document.allowance_total_minor)
    w.money(totals, "PayableAmount", document.total_minor)

    for line in document.lines:
        node = w.cac(root, "CreditNoteLine" if credit else "InvoiceLine")
        w.cbc(node, "ID", line.position)
        w.cbc(
            node,
            "CreditedQuantity" if credit else "InvoicedQuantity",
            line.quantity,
            unitCode=line.unit,
        )
        w.money(node, "LineExtensionAmount", line.net_minor)
        item = w.cac(node, "Item")
        w.cbc(item, "Description", line.use_label)
        w.cbc(item, "Name", line.description)
        _tax_category(w, item, "ClassifiedTaxCategory", vat, with_reason=False)
        price = w.cac(node, "Price")
        w.money(price, "PriceAmount", line.unit_price_minor)
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True)


def _payment_terms(document: Document) -> str:
    if document.kind == "credit_note":
        return _("Credits invoice %(number)s in full; the invoice is cancelled.") % {
            "number": document.invoice_number
        }
    parts = [
        _("Pay by %(date)s with the reference %(reference)s.")
        % {
            "date": date_format(document.due_date, "DATE_FORMAT"),
            "reference": document.payment_reference,
        }
    ]
    if document.late_interest_text:
        parts.append(document.late_interest_text)
    return " ".join(parts)


def _language(settings: InvoiceSettings, language: str | None) -> str:
    return language or LANGUAGE_OF_COUNTRY.get(settings.country, "sv")


def invoice_xml(contribution: Contribution, *, language: str | None = None) -> bytes:
    settings = InvoiceSettings.load()
    language = _language(settings, language)
    document = invoice_document(contribution, language=language)
    with translation.override(language):
        return document_xml(document, settings=settings)


def credit_note_xml(credit_note: CreditNote, *, language: str | None = None) -> bytes:
    settings = InvoiceSettings.load()
    language = _language(settings, language)
    document = credit_note_document(credit_note, language=language)
    with translation.override(language):
        return document_xml(document, settings=settings)


def file_name(document_number: str, kind: str) -> str:
    prefix = "credit-note" if kind == "credit_note" else "invoice"
    return f"{prefix}-{document_number}.xml"
