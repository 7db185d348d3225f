"""Invoices, credit notes and receipts as PDF: a `documents.Document` on A4, in
the document's language, in a bundled Unicode font (DejaVu Sans)."""

import re

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from bid.money import format_money, format_number
from bid.pdf import FONT, GREY, PlatformPDF
from members.contributions.documents import (
    Document,
    Party,
    credit_note_document,
    invoice_document,
    receipt_document,
)
from members.contributions.models import Contribution, CreditNote, InvoiceSettings

# The Swedish tax agency's phrase; the law asks for these words, in every language.
F_SKATT = "Godkänd för F-skatt"
MIMETYPE = "application/pdf"

MARGIN = 18
WIDTH = 210 - 2 * MARGIN
RULE = (190, 196, 200)
SHADE = (236, 242, 241)
# Description, use, m², rate per m², amount.
COLUMNS = (58, 36, 20, 26, 34)


# A number is named as its own country names it, whoever reads the document.
ORG_NUMBER_LABELS = {"SE": "Org.nr", "DK": "CVR-nr.", "NO": "Org.nr."}


def _org_label(party) -> str:
    return ORG_NUMBER_LABELS.get(party.country) or _("Org. no.")


class _DocumentPDF(PlatformPDF):
    def __init__(self, document: Document):
        super().__init__(margin=MARGIN, bottom=26)
        self.document = document
        self.set_text_color(0)
        self.set_draw_color(*RULE)

    def header(self):
        if self.page_no() == 1:
            return
        self.set_y(10)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        document = self.document
        running = f"{document.title} {document.number} · {document.seller.name}"
        self.cell(0, 4, running, align="R")
        self.set_text_color(0)
        self.set_y(20)

    def footer(self):
        seller = self.document.seller
        self.set_y(-20)
        self.line(MARGIN, self.get_y(), 210 - MARGIN, self.get_y())
        self.ln(1.5)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*GREY)
        legal = [seller.name]
        if seller.org_number:
            legal.append(f"{_org_label(seller)} {seller.org_number_display}")
        if seller.vat_number:
            vat_label = _("VAT no.")
            legal.append(f"{vat_label} {seller.vat_number}")
        if seller.f_skatt:
            legal.append(F_SKATT)
        contact = [
            seller.street_address,
            _postal(seller),
            seller.email,
            seller.phone,
        ]
        page = _("Page %(page)s of %(pages)s") % {
            "page": self.page_no(),
            "pages": self.str_alias_nb_pages,
        }
        self.cell(WIDTH - 30, 4, " · ".join(p for p in legal if p))
        self.cell(30, 4, page, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.cell(WIDTH - 30, 4, " · ".join(p for p in contact if p))
        self.set_text_color(0)


def _postal(party: Party) -> str:
    return " ".join(p for p in (party.postal_code, party.city) if p)


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def _money(document: Document, amount_minor: int) -> str:
    return format_money(amount_minor, document.currency, document.language)


def _country_name(code: str) -> str:
    return str(dict(InvoiceSettings.Country.choices).get(code, code))


def _pairs(pdf: FPDF, x: float, width: float, label_width: float, pairs) -> None:
    """Label and value rows in a column starting at x; values wrap."""
    for label, value, bold in pairs:
        pdf.set_x(x)
        pdf.set_font(FONT, "", 8.5)
        pdf.set_text_color(*GREY)
        pdf.cell(label_width, 5, label)
        pdf.set_text_color(0)
        pdf.set_font(FONT, "B" if bold else "", 9)
        pdf.multi_cell(
            width - label_width, 5, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )


def _top(pdf: _DocumentPDF, document: Document) -> None:
    """The seller and the document's title and number."""
    seller = document.seller
    top = pdf.get_y()
    pdf.set_font(FONT, "B", 13)
    pdf.multi_cell(100, 6, seller.name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 9)
    for line in (
        seller.street_address,
        _postal(seller),
        seller.email,
        seller.phone,
    ):
        if line:
            pdf.cell(100, 4.5, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    left_bottom = pdf.get_y()
    pdf.set_xy(MARGIN + 100, top)
    pdf.set_font(FONT, "B", 20)
    pdf.cell(WIDTH - 100, 9, document.title.upper(), align="R")
    pdf.set_xy(MARGIN + 100, top + 10)
    pdf.set_font(FONT, "", 10)
    pdf.cell(WIDTH - 100, 5, document.number, align="R")
    pdf.set_y(max(left_bottom, top + 16) + 6)


def _buyer_lines(document: Document) -> list[tuple[str, bool]]:
    buyer = document.buyer
    lines = [(buyer.name, True)]
    lines += [(line, False) for line in (buyer.street_address, _postal(buyer)) if line]
    if buyer.country and buyer.country != document.seller.country:
        lines.append((_country_name(buyer.country), False))
    if buyer.org_number:
        lines.append((f"{_org_label(buyer)} {buyer.org_number_display}", False))
    return lines


def _details(document: Document) -> list[tuple[str, str, bool]]:
    """What identifies the document, beside the buyer."""
    if document.kind == "invoice":
        pairs = [
            (_("Invoice number"), document.number, True),
            (_("Invoice date"), _date(document.issued_on), False),
            (_("Due date"), _date(document.due_date), True),
        ]
    elif document.kind == "credit_note":
        pairs = [
            (_("Credit note number"), document.number, True),
            (_("Date"), _date(document.issued_on), False),
            (_("Credited invoice"), document.invoice_number, False),
            (_("Invoice date"), _date(document.invoice_issued_on), False),
        ]
    else:
        pairs = [
            (_("Receipt number"), document.number, True),
            (_("Date of payment"), _date(document.paid_on), False),
            (_("Invoice number"), document.invoice_number, False),
        ]
    if document.year:
        pairs.append((_("Financial year"), str(document.year), False))
    if document.kind == "invoice":
        pairs.append((_("Amount to pay"), _money(document, document.total_minor), True))
    if document.kind == "invoice" and document.payment_reference:
        pairs.append(
            (
                document.payment_reference_label or _("Payment reference"),
                document.payment_reference,
                True,
            )
        )
    if document.buyer_reference:
        pairs.append((_("Your reference"), document.buyer_reference, False))
    if document.order_reference:
        pairs.append((_("Order reference"), document.order_reference, False))
    return pairs


def _parties(pdf: _DocumentPDF, document: Document) -> None:
    top = pdf.get_y()
    pdf.set_font(FONT, "", 8.5)
    pdf.set_text_color(*GREY)
    label = _("Received from") if document.kind == "receipt" else _("Customer")
    pdf.cell(88, 5, label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0)
    for text, bold in _buyer_lines(document):
        pdf.set_font(FONT, "B" if bold else "", 10 if bold else 9)
        pdf.multi_cell(88, 5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    left_bottom = pdf.get_y()
    pdf.set_y(top)
    _pairs(pdf, MARGIN + 94, WIDTH - 94, 38, _details(document))
    pdf.set_y(max(left_bottom, pdf.get_y()) + 6)


def _paragraph(pdf: FPDF, text: str, *, size=9, bold=False, colour=0) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*(colour if isinstance(colour, tuple) else (colour,)))
    pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0)


def _lines_table(pdf: _DocumentPDF, document: Document, sign: int) -> None:
    """The invoice's lines; its heading is repeated on every page it runs over."""
    pdf.set_font(FONT, "", 8.5)
    with pdf.table(
        width=WIDTH,
        col_widths=COLUMNS,
        text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"),
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(emphasis="BOLD", fill_color=SHADE),
        line_height=5,
        padding=(1, 1.5),
        repeat_headings=1,
    ) as table:
        heading = table.row()
        for text in (
            _("Description"),
            _("Use"),
            _("m²"),
            _("Rate per m²"),
            _("Amount"),
        ):
            heading.cell(text)
        for line in document.lines:
            row = table.row()
            if line.kind == "property":
                row.cell(line.designation or line.description)
                row.cell(line.use_label)
                row.cell(format_number(line.quantity, document.language))
                row.cell(_money(document, line.unit_price_minor))
            else:
                row.cell(line.description)
                row.cell("")
                row.cell("")
                row.cell("")
            row.cell(_money(document, sign * line.net_minor))
        for allowance in document.allowances:
            row = table.row()
            row.cell(allowance.reason)
            row.cell("")
            row.cell("")
            row.cell("")
            row.cell(_money(document, -sign * allowance.amount_minor))


def _totals(pdf: _DocumentPDF, document: Document, sign: int) -> None:
    rows = [(_("Amount before VAT"), _money(document, sign * document.net_minor))]
    exemptions = []
    for vat in document.vat:
        rate = format_number(vat.rate, document.language)
        rows.append(
            (
                _("VAT %(rate)s %% of %(amount)s")
                % {"rate": rate, "amount": _money(document, sign * vat.taxable_minor)},
                _money(document, sign * vat.tax_minor),
            )
        )
        if vat.exemption_reason:
            exemptions.append(vat.exemption_reason)
    total_label = (
        _("Total credited") if document.kind == "credit_note" else _("Total to pay")
    )
    needed = 6 * (len(rows) + 1) + 6 * len(exemptions) + 6
    if pdf.will_page_break(needed):
        pdf.add_page()
    pdf.ln(2)
    label_x, label_width, value_width = MARGIN + 60, WIDTH - 60 - 40, 40
    for label, value in rows:
        pdf.set_x(label_x)
        pdf.set_font(FONT, "", 9)
        pdf.cell(label_width, 5.5, label, align="R")
        pdf.cell(
            value_width, 5.5, value, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    pdf.line(label_x, pdf.get_y() + 0.5, 210 - MARGIN, pdf.get_y() + 0.5)
    pdf.ln(1.5)
    pdf.set_x(label_x)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(label_width, 7, total_label, align="R")
    pdf.cell(
        value_width,
        7,
        _money(document, sign * document.total_minor),
        align="R",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    for text in exemptions:
        pdf.ln(1)
        _paragraph(pdf, text, size=8, colour=GREY)
    pdf.ln(4)


def _payment_box(pdf: _DocumentPDF, document: Document) -> None:
    pairs = [(line.label, line.value, True) for line in document.payee]
    pairs += [
        (_("Amount to pay"), _money(document, document.total_minor), True),
        (_("Due date"), _date(document.due_date), True),
    ]
    height = 10 + 5 * len(pairs) + 3
    if pdf.will_page_break(height + 12):
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_fill_color(*SHADE)
    pdf.rect(MARGIN, top, WIDTH, height, style="F")
    pdf.set_xy(MARGIN + 4, top + 3)
    pdf.set_font(FONT, "B", 10)
    pdf.cell(0, 5, _("Payment details"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    _pairs(pdf, MARGIN + 4, WIDTH - 8, 50, pairs)
    pdf.set_y(top + height + 3)
    if document.late_interest_text:
        _paragraph(pdf, document.late_interest_text, size=8, colour=GREY)


def _receipt_body(pdf: _DocumentPDF, document: Document) -> None:
    pairs = [
        (
            _("For"),
            _("Invoice %(number)s of %(date)s")
            % {
                "number": document.invoice_number,
                "date": _date(document.invoice_issued_on),
            },
            False,
        ),
        (_("Invoice total"), _money(document, document.total_minor), False),
        (_("Paid"), _money(document, document.paid_minor or 0), True),
        (_("Date of payment"), _date(document.paid_on), False),
        (_("Paid with"), document.payment_method, False),
    ]
    outstanding = document.extra.get("outstanding_minor")
    if outstanding:
        pairs.append((_("Left to pay"), _money(document, outstanding), True))
    top = pdf.get_y()
    height = 7 + 5 * len(pairs)
    pdf.set_fill_color(*SHADE)
    pdf.rect(MARGIN, top, WIDTH, height, style="F")
    pdf.set_y(top + 4)
    _pairs(pdf, MARGIN + 4, WIDTH - 8, 50, pairs)
    pdf.set_y(top + height + 6)
    message = (
        _("Received with thanks. %(amount)s is left to pay on the invoice.")
        % {"amount": _money(document, outstanding)}
        if outstanding
        else _("Received with thanks. The invoice is paid in full.")
    )
    _paragraph(pdf, message, size=10)


def render(document: Document) -> bytes:
    """The document as PDF bytes, every text in the document's language."""
    with translation.override(document.language):
        pdf = _DocumentPDF(document)
        pdf.set_title(f"{document.title} {document.number}")
        pdf.set_author(document.seller.name)
        pdf.set_subject(f"{document.title} {document.number}")
        pdf.set_creator(document.seller.name or "BID Platform")
        pdf.set_lang(document.language)
        pdf.add_page()
        _top(pdf, document)
        _parties(pdf, document)
        if document.kind == "receipt":
            _receipt_body(pdf, document)
            return bytes(pdf.output())
        sign = -1 if document.kind == "credit_note" else 1
        if document.kind == "credit_note":
            _paragraph(
                pdf,
                _("Credits invoice %(number)s of %(date)s.")
                % {
                    "number": document.invoice_number,
                    "date": _date(document.invoice_issued_on),
                },
                bold=True,
            )
            if document.note:
                _paragraph(pdf, _("Reason: %(reason)s") % {"reason": document.note})
        elif document.note:
            _paragraph(pdf, document.note, bold=True)
        pdf.ln(3)
        _lines_table(pdf, document, sign)
        _totals(pdf, document, sign)
        if document.kind == "invoice":
            _payment_box(pdf, document)
        else:
            _paragraph(
                pdf,
                _("Nothing is to be paid: this credit note cancels the invoice."),
                size=9,
            )
        return bytes(pdf.output())


def filename(document: Document) -> str:
    """invoice-2026-00001.pdf, with the word in the document's language."""
    with translation.override(document.language):
        word = {
            "invoice": pgettext("file name", "invoice"),
            "credit_note": pgettext("file name", "credit-note"),
            "receipt": pgettext("file name", "receipt"),
        }[document.kind]
    safe = re.sub(r"[^A-Za-z0-9-]+", "-", f"{word}-{document.number}").strip("-")
    return f"{safe}.pdf"


def invoice_pdf(contribution: Contribution, *, language: str) -> tuple[str, bytes]:
    document = invoice_document(contribution, language=language)
    return filename(document), render(document)


def credit_note_pdf(credit_note: CreditNote, *, language: str) -> tuple[str, bytes]:
    document = credit_note_document(credit_note, language=language)
    return filename(document), render(document)


def receipt_pdf(entry, *, language: str) -> tuple[str, bytes]:
    document = receipt_document(entry, language=language)
    return filename(document), render(document)


# Email attachments: `bid.emails` calls these by their dotted path at send time.


def invoice_attachment(*, language: str, contribution_id: int):
    contribution = Contribution.objects.select_related("organisation").get(
        pk=contribution_id
    )
    return (*invoice_pdf(contribution, language=language), MIMETYPE)


def credit_note_attachment(*, language: str, credit_note_id: int):
    credit_note = CreditNote.objects.select_related("contribution__organisation").get(
        pk=credit_note_id
    )
    return (*credit_note_pdf(credit_note, language=language), MIMETYPE)
