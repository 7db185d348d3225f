"""What an invoice, a credit note or a receipt says, gathered once for every
format that prints it: the PDF, the Peppol e-invoice and the portal.

Amounts stay integers in minor units; the formats turn them into text. Texts
are in the language active when the document is built (`translation.override`).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from members.contributions.models import (
    Contribution,
    ContributionLine,
    CreditNote,
    InvoiceSettings,
    LedgerEntry,
)
from members.contributions.references import (
    PayeeLine,
    buyer_peppol_id,
    payee_lines,
    reference_label,
    seller_peppol_id,
)
from members.organisations.models import Property
from members.organisations.validators import format_org_number

# UN/ECE Recommendation 20 units, as Peppol requires: square metre, and "one".
UNIT_SQUARE_METRE = "MTK"
UNIT_ONE = "C62"


@dataclass(frozen=True)
class Party:
    name: str
    org_number: str
    country: str
    street_address: str = ""
    postal_code: str = ""
    city: str = ""
    vat_number: str = ""
    email: str = ""
    phone: str = ""
    peppol_scheme: str = ""
    peppol_id: str = ""
    f_skatt: bool = False

    @property
    def org_number_display(self) -> str:
        return format_org_number(self.org_number, self.country)


@dataclass(frozen=True)
class Line:
    """An invoice line: `quantity` × `unit_price_minor` = `net_minor` exactly.

    Property lines are floor area × rate per m²; the base fee and a raise to the
    minimum are one of each. A lowering to the maximum is not a line but an
    allowance (`Document.allowances`): e-invoices forbid negative prices.
    """

    position: int
    kind: str
    description: str
    quantity: int
    unit: str
    unit_price_minor: int
    net_minor: int
    designation: str = ""
    use_label: str = ""


@dataclass(frozen=True)
class Allowance:
    reason: str
    amount_minor: int  # positive: what is taken off


@dataclass(frozen=True)
class VatBreakdown:
    """One VAT category of the document: S (standard) or E (exempt)."""

    category: str
    rate: Decimal
    taxable_minor: int
    tax_minor: int
    exemption_reason: str = ""


@dataclass(frozen=True)
class Document:
    kind: str  # "invoice", "credit_note" or "receipt"
    title: str
    number: str
    issued_on: datetime.date
    currency: str
    seller: Party
    buyer: Party
    lines: tuple[Line, ...]
    net_minor: int
    vat_minor: int
    total_minor: int
    vat: tuple[VatBreakdown, ...]
    language: str
    allowances: tuple[Allowance, ...] = ()
    due_date: datetime.date | None = None
    year: int | None = None
    buyer_reference: str = ""
    order_reference: str = ""
    payment_reference: str = ""
    payment_reference_label: str = ""
    payee: tuple[PayeeLine, ...] = ()
    # A credit note names the invoice it credits; a receipt the invoice paid.
    invoice_number: str = ""
    invoice_issued_on: datetime.date | None = None
    note: str = ""
    late_interest_text: str = ""
    paid_minor: int | None = None  # receipts: what this payment was
    paid_on: datetime.date | None = None
    payment_method: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def line_total_minor(self) -> int:
        return sum(line.net_minor for line in self.lines)

    @property
    def allowance_total_minor(self) -> int:
        return sum(allowance.amount_minor for allowance in self.allowances)


def seller_party(settings: InvoiceSettings | None = None) -> Party:
    settings = settings or InvoiceSettings.load()
    scheme, identifier = seller_peppol_id(settings)
    return Party(
        name=settings.legal_name,
        org_number=settings.org_number.replace("-", "").replace(" ", ""),
        country=settings.country,
        street_address=settings.street_address,
        postal_code=settings.postal_code,
        city=settings.city,
        vat_number=settings.vat_number.replace(" ", "").upper(),
        email=settings.email,
        phone=settings.phone,
        peppol_scheme=scheme,
        peppol_id=identifier,
        f_skatt=settings.f_skatt and settings.country == "SE",
    )


def buyer_party(organisation) -> Party:
    scheme, identifier = buyer_peppol_id(organisation)
    return Party(
        name=organisation.legal_name,
        org_number=organisation.org_number,
        country=organisation.country,
        street_address=organisation.street_address,
        postal_code=organisation.postal_code,
        city=organisation.city,
        email=organisation.invoice_email,
        peppol_scheme=scheme,
        peppol_id=identifier,
    )


def _line_text(line: ContributionLine) -> tuple[str, str]:
    """(description, use) of a line in the active language."""
    if line.kind == ContributionLine.Kind.PROPERTY:
        use = (
            str(Property.UseCategory(line.use_category).label)
            if line.use_category
            else ""
        )
        return line.description, use
    if line.kind == ContributionLine.Kind.PROJECT and line.description:
        return line.description, ""
    return str(ContributionLine.Kind(line.kind).label), ""


def _lines(
    contribution: Contribution,
) -> tuple[tuple[Line, ...], tuple[Allowance, ...]]:
    lines, allowances = [], []
    for position, line in enumerate(contribution.lines.all(), start=1):
        description, use = _line_text(line)
        if line.kind == ContributionLine.Kind.CAP:
            allowances.append(Allowance(description, -line.amount_minor))
            continue
        if line.kind == ContributionLine.Kind.PROPERTY:
            quantity, unit = line.floor_area_m2 or 0, UNIT_SQUARE_METRE
            price = line.rate_minor_per_m2 or 0
        else:
            quantity, unit, price = 1, UNIT_ONE, line.amount_minor
        lines.append(
            Line(
                position=position,
                kind=line.kind,
                description=description,
                quantity=quantity,
                unit=unit,
                unit_price_minor=price,
                net_minor=line.amount_minor,
                designation=line.description
                if line.kind == ContributionLine.Kind.PROPERTY
                else "",
                use_label=use,
            )
        )
    return tuple(lines), tuple(allowances)


def _vat(contribution: Contribution) -> tuple[VatBreakdown, ...]:
    if contribution.vat_rate:
        return (
            VatBreakdown(
                "S",
                Decimal(contribution.vat_rate),
                contribution.net_minor,
                contribution.vat_minor,
            ),
        )
    return (
        VatBreakdown(
            "E",
            Decimal(0),
            contribution.net_minor,
            0,
            contribution.vat_exemption_reason or _("Exempt from VAT"),
        ),
    )


def _common(contribution: Contribution, language: str) -> dict:
    settings = InvoiceSettings.load()
    lines, allowances = _lines(contribution)
    return {
        "currency": contribution.currency,
        "seller": seller_party(settings),
        "buyer": buyer_party(contribution.organisation),
        "lines": lines,
        "allowances": allowances,
        "net_minor": contribution.net_minor,
        "vat_minor": contribution.vat_minor,
        "total_minor": contribution.amount_minor,
        "vat": _vat(contribution),
        "language": language,
        "year": contribution.year,
        "buyer_reference": contribution.buyer_reference,
        "order_reference": contribution.order_reference,
        "payment_reference": contribution.payment_reference,
        "payment_reference_label": reference_label(settings.country),
        "late_interest_text": settings.late_interest_text,
    }, settings


def invoice_document(contribution: Contribution, *, language: str) -> Document:
    with translation.override(language):
        common, settings = _common(contribution, language)
        return Document(
            kind="invoice",
            title=_("Invoice"),
            number=contribution.number,
            issued_on=contribution.issued_on,
            due_date=contribution.due_date,
            payee=tuple(
                payee_lines(settings, reference=contribution.payment_reference)
            ),
            note=contribution.title,
            **common,
        )


def credit_note_document(credit_note: CreditNote, *, language: str) -> Document:
    contribution = credit_note.contribution
    with translation.override(language):
        common, _settings = _common(contribution, language)
        return Document(
            kind="credit_note",
            title=_("Credit note"),
            number=credit_note.number,
            issued_on=credit_note.issued_on,
            invoice_number=contribution.number,
            invoice_issued_on=contribution.issued_on,
            note=credit_note.reason,
            **common,
        )


def _outstanding_after(entry: LedgerEntry) -> int:
    """What was left to pay on the invoice once this payment was in: the
    ledger's entries up to this one, in the ledger's order."""
    contribution = entry.contribution
    settled = 0
    for earlier in contribution.entries.all():
        if (earlier.occurred_on, earlier.pk) > (entry.occurred_on, entry.pk):
            continue
        if earlier.kind == LedgerEntry.Kind.REFUND:
            settled -= earlier.amount_minor
        else:
            settled += earlier.amount_minor
    if contribution.voided_at:
        return 0
    return max(contribution.amount_minor - settled, 0)


def receipt_document(entry: LedgerEntry, *, language: str) -> Document:
    """A receipt for one payment of an invoice: the invoice's lines, and what
    this payment was."""
    contribution = entry.contribution
    with translation.override(language):
        common, _settings = _common(contribution, language)
        return Document(
            kind="receipt",
            title=_("Receipt"),
            number=f"{contribution.number}-{entry.pk}",
            issued_on=entry.occurred_on,
            invoice_number=contribution.number,
            invoice_issued_on=contribution.issued_on,
            paid_minor=entry.amount_minor,
            paid_on=entry.occurred_on,
            payment_method=str(entry.get_kind_display()),
            extra={"outstanding_minor": _outstanding_after(entry)},
            **common,
        )
