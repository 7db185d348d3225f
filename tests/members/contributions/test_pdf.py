"""Invoices, credit notes and receipts as PDF: what they say, in which language,
who may download them, and the invoice email that carries one."""

import datetime
import io

import pytest
from django.core import mail
from pypdf import PdfReader

from bid.money import format_money
from members.contributions import pdf, services
from members.contributions.models import Contribution, InvoiceSettings
from tests.factories.accounts import (
    AdminUserFactory,
    MemberUserFactory,
    SecretariatUserFactory,
)
from tests.factories.contributions import SchemeFactory, member
from tests.factories.organisations import OrganisationMemberFactory

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 1, 15)
LATE_INTEREST = "Dröjsmålsränta – 8 % över referensräntan; påminnelseavgift 5 €."
SELLERS = {
    "SE": {
        "legal_name": "Centrum BID ek. för.",
        "org_number": "7696255533",
        "vat_number": "SE769625553301",
        "f_skatt": True,
        "bankgiro": "5050-1055",
        "iban": "SE4550000000058398257466",
        "bic": "ESSESESS",
    },
    "NO": {
        "legal_name": "Sentrum BID AS",
        "org_number": "923609016",
        "vat_number": "NO923609016MVA",
        "account_number": "86011117947",
    },
    "DK": {
        "legal_name": "Centrum BID ApS",
        "org_number": "13585628",
        "vat_number": "DK13585628",
        "fik_creditor": "85134376",
        "iban": "DK5000400440116243",
        "bic": "DABADKKK",
    },
}


def seller(country: str = "SE", **fields) -> InvoiceSettings:
    settings = InvoiceSettings.load()
    values = {
        "country": country,
        "street_address": "Storgatan 1",
        "postal_code": "111 22",
        "city": "Stockholm",
        "email": "faktura@bid.example",
        "phone": "08-123 45 67",
        "late_interest_text": LATE_INTEREST,
        **SELLERS[country],
        **fields,
    }
    for name, value in values.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    return settings


def issue(
    *,
    properties=((2000, "office"), (400, "retail")),
    scheme=None,
    designation="Ærø Havn 1:2–3",
    **fields,
):
    """One member's invoice; its first property is "Ærø Havn 1:2–3"."""
    scheme = scheme or SchemeFactory(vat_rate=25)
    organisation, admin = member(
        properties=properties,
        legal_name=fields.pop("legal_name", "Ålands Fastigheter AB"),
        buyer_reference="Kåre Ødegård",
        order_reference="PO-4711",
        **fields,
    )
    first = organisation.properties.order_by("pk").first()
    first.designation = designation
    first.save()
    services.contributions_issue(scheme=scheme, on=ON)
    return Contribution.objects.get(organisation=organisation), admin


def read(content: bytes) -> PdfReader:
    assert content.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(content))


def words(text: str) -> str:
    """Text with every run of spaces (no-break ones too) as one space."""
    return " ".join(text.split())


def text_of(content: bytes) -> str:
    return words(" ".join(page.extract_text() for page in read(content).pages))


def money(amount_minor: int, currency="SEK", language="sv") -> str:
    return words(format_money(amount_minor, currency, language))


def test_an_invoice_says_who_sells_to_whom_what_and_how_to_pay():
    seller("SE")
    contribution, _admin = issue()
    name, content = pdf.invoice_pdf(contribution, language="sv")
    text = text_of(content)

    assert name.endswith("-2026-00001.pdf")
    # 5 000 + 2 000 × 10 + 400 × 15 = 31 000 kr, and 25 % VAT.
    assert contribution.amount_minor == 38_750_00
    for expected in (
        "2026-00001",
        contribution.payment_reference,
        money(38_750_00),
        money(31_000_00),
        money(7_750_00),
        "Centrum BID ek. för.",
        "769625-5533",
        "SE769625553301",
        "Godkänd för F-skatt",
        "Ålands Fastigheter AB",
        "Kåre Ødegård",
        "PO-4711",
        "5050-1055",
        "SE45 5000 0000 0583 9825 7466",
        "ESSESESS",
        "Grundavgift",
        "Ærø Havn 1:2–3",
        "2 000",
        money(1500),
        "15 januari 2026",
        "31 mars 2026",
        LATE_INTEREST,
    ):
        assert expected in text, expected
    reader = read(content)
    assert "2026-00001" in reader.metadata.title
    assert reader.metadata.author == "Centrum BID ek. för."
    assert reader.trailer["/Root"]["/Lang"] == "sv"


def test_unicode_renders_as_itself_in_an_embedded_font():
    seller("SE")
    contribution, _admin = issue()
    _name, content = pdf.invoice_pdf(contribution, language="da")
    text = text_of(content)

    for expected in ("Ærø Havn 1:2–3", "Ålands", "Ødegård", "–", "€", "Dröjsmålsränta"):
        assert expected in text, expected
    assert "?" not in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in read(content).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVuSans" in font for font in fonts)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", ["Förfallodag", "Grundavgift", "31 mars 2026"]),
        ("da", ["Forfaldsdato", "Grundbidrag", "31. marts 2026"]),
        ("nb", ["Forfallsdato", "Grunnkontingent", "31. mars 2026"]),
        ("en", ["Due date", "Base fee", "31 March 2026", "Page 1 of 1"]),
    ],
)
def test_an_invoice_is_in_the_language_asked_for(language, expected):
    seller("SE")
    contribution, _admin = issue()
    _name, content = pdf.invoice_pdf(contribution, language=language)
    text = text_of(content)

    for word in expected:
        assert word in text, word
    assert money(contribution.amount_minor, language=language) in text
    assert read(content).trailer["/Root"]["/Lang"] == language


def test_fifty_properties_run_over_pages_with_the_heading_and_page_numbers():
    seller("SE")
    contribution, _admin = issue(
        properties=[(1000 + n, "office") for n in range(50)],
        scheme=SchemeFactory(vat_rate=25, cap_minor=None),
    )
    _name, content = pdf.invoice_pdf(contribution, language="en")
    pages = [words(page.extract_text()) for page in read(content).pages]

    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        if number < len(pages):
            assert "Description Use m² Rate per m² Amount" in page
    text = " ".join(pages)
    designations = contribution.lines.filter(kind="property").values_list(
        "description", flat=True
    )
    assert len(designations) == 50
    assert all(designation in text for designation in designations)
    assert money(contribution.amount_minor, language="en") in pages[-1]


def test_the_maximum_is_an_allowance_and_zero_vat_prints_its_exemption():
    seller("SE")
    scheme = SchemeFactory(
        vat_rate=0, vat_exemption_reason="Undantagen från moms enligt 3 kap. ML"
    )
    # 5 000 + 60 000 × 10 = 605 000 kr, lowered to the maximum of 500 000 kr.
    contribution, _admin = issue(properties=[(60_000, "office")], scheme=scheme)
    _name, content = pdf.invoice_pdf(contribution, language="en")
    text = text_of(content)

    assert contribution.amount_minor == 500_000_00
    assert "Adjustment to the maximum" in text
    assert money(-105_000_00, language="en") in text
    assert "VAT 0 %" in text
    assert "Undantagen från moms enligt 3 kap. ML" in text
    assert money(500_000_00, language="en") in text


def test_a_norwegian_invoice_gives_the_account_and_the_kid():
    seller("NO")
    contribution, _admin = issue()
    _name, content = pdf.invoice_pdf(contribution, language="nb")
    text = text_of(content)

    assert "8601.11.17947" in text
    assert contribution.payment_reference in text
    assert "NO923609016MVA" in text
    assert "Godkänd för F-skatt" not in text


def test_a_danish_invoice_gives_the_fi_line():
    seller("DK")
    contribution, _admin = issue()
    _name, content = pdf.invoice_pdf(contribution, language="da")
    text = text_of(content)

    assert len(contribution.payment_reference) == 15
    assert f"+71<{contribution.payment_reference}+85134376<" in text
    assert "DK50 0040 0440 1162 43" in text


def test_a_credit_note_credits_the_invoice_and_asks_for_nothing():
    seller("SE")
    contribution, _admin = issue()
    credit_note = services.contribution_void(
        contribution=contribution,
        by=AdminUserFactory(),
        reason="Fel yta – ny faktura kommer",
        on=datetime.date(2026, 2, 3),
    )
    name, content = pdf.credit_note_pdf(credit_note, language="en")
    text = text_of(content)

    assert name == f"credit-note-{credit_note.number}.pdf"
    for expected in (
        "Credit note",
        credit_note.number,
        "Credits invoice 2026-00001 of 15 January 2026",
        "Fel yta – ny faktura kommer",
        money(-contribution.amount_minor, language="en"),
        "3 February 2026",
    ):
        assert expected in text, expected
    assert "Payment details" not in text
    assert contribution.payment_reference not in text


def test_a_receipt_says_what_was_paid_and_what_is_left():
    seller("SE")
    contribution, _admin = issue()
    entry, _created = services.entry_record(
        contribution=contribution,
        kind="bank_payment",
        source="bank",
        external_id="bank-1",
        amount_minor=10_000_00,
        occurred_on=datetime.date(2026, 2, 1),
    )
    name, content = pdf.receipt_pdf(entry, language="en")
    text = text_of(content)

    assert name == f"receipt-2026-00001-{entry.pk}.pdf"
    for expected in (
        "Receipt",
        "Invoice 2026-00001 of 15 January 2026",
        money(10_000_00, language="en"),
        "1 February 2026",
        "Bank payment",
        "Left to pay",
        money(contribution.amount_minor - 10_000_00, language="en"),
    ):
        assert expected in text, expected

    rest, _created = services.entry_record(
        contribution=contribution,
        kind="bank_payment",
        source="bank",
        external_id="bank-2",
        amount_minor=contribution.amount_minor - 10_000_00,
        occurred_on=datetime.date(2026, 2, 10),
    )
    _name, content = pdf.receipt_pdf(rest, language="en")
    assert "Left to pay" not in text_of(content)
    assert "paid in full" in text_of(content)
    # The first receipt still says what was left when it was paid.
    _name, content = pdf.receipt_pdf(entry, language="en")
    assert money(contribution.amount_minor - 10_000_00, language="en") in text_of(
        content
    )


def test_the_invoice_email_carries_the_invoice_in_its_own_language(
    django_capture_on_commit_callbacks,
):
    seller("SE")
    scheme = SchemeFactory(vat_rate=25)
    organisation, admin = member(legal_name="Engelska AB")
    admin.language = "en"
    admin.save()
    OrganisationMemberFactory(
        organisation=organisation, user=MemberUserFactory(language="sv")
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.contributions_issue(scheme=scheme, on=ON)

    contribution = Contribution.objects.get(organisation=organisation)
    english = next(m for m in mail.outbox if admin.email in m.to)
    swedish = next(m for m in mail.outbox if organisation.invoice_email in m.to)
    for message, expected in ((english, "Due date"), (swedish, "Förfallodag")):
        ((name, content, mimetype),) = message.attachments
        assert mimetype == "application/pdf"
        assert name.endswith("-2026-00001.pdf")
        text = text_of(content)
        assert expected in text
        assert contribution.payment_reference in text
    assert english.attachments[0][0] == "invoice-2026-00001.pdf"


def test_voiding_emails_the_credit_note_to_the_payers(
    django_capture_on_commit_callbacks,
):
    seller("SE")
    contribution, admin = issue()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        credit_note = services.contribution_void(
            contribution=contribution, by=AdminUserFactory(), reason="Dubblett"
        )

    message = next(m for m in mail.outbox if admin.email in m.to)
    assert credit_note.number in message.subject
    assert "2026-00001" in message.body
    assert "Dubblett" in message.body
    ((name, content, mimetype),) = message.attachments
    assert mimetype == "application/pdf"
    assert name.endswith(f"-{credit_note.number}.pdf")
    assert credit_note.number in text_of(content)


def assert_pdf_download(response, filename_end: str) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert disposition.endswith(f'{filename_end}"')
    assert "private" in response["Cache-Control"]
    return text_of(response.content)


def test_members_download_their_own_invoice_credit_note_and_receipt(client):
    seller("SE")
    scheme = SchemeFactory(vat_rate=25)
    contribution, admin = issue(scheme=scheme)
    voided, _other_admin = issue(
        scheme=scheme, legal_name="Annat AB", designation="Ærø Havn 2:1"
    )
    services.contribution_void(contribution=voided, by=AdminUserFactory(), reason="Fel")
    entry, _created = services.entry_record(
        contribution=contribution,
        kind="bank_payment",
        source="bank",
        external_id="bank-1",
        amount_minor=100_00,
        occurred_on=datetime.date(2026, 2, 1),
    )
    client.force_login(admin)

    text = assert_pdf_download(
        client.get(f"/portal/contributions/{contribution.pk}/invoice.pdf"),
        "-2026-00001.pdf",
    )
    assert "Förfallodag" in text
    text = assert_pdf_download(
        client.get(f"/en/portal/contributions/{contribution.pk}/invoice.pdf"),
        "invoice-2026-00001.pdf",
    )
    assert "Due date" in text
    assert_pdf_download(
        client.get(f"/portal/receipts/{entry.pk}/receipt.pdf"), f"-{entry.pk}.pdf"
    )
    # No credit note on an invoice that stands; another member's are not found.
    assert (
        client.get(f"/portal/contributions/{contribution.pk}/credit-note.pdf")
    ).status_code == 404
    page = client.get(f"/portal/contributions/{contribution.pk}/").content.decode()
    assert f"/portal/contributions/{contribution.pk}/invoice.pdf" in page
    assert f"/portal/receipts/{entry.pk}/receipt.pdf" in page
    assert "credit-note.pdf" not in page
    for url in (
        f"/portal/contributions/{voided.pk}/invoice.pdf",
        f"/portal/contributions/{voided.pk}/credit-note.pdf",
    ):
        assert client.get(url).status_code == 404

    client.force_login(voided.organisation.members.get().user)
    text = assert_pdf_download(
        client.get(f"/en/portal/contributions/{voided.pk}/credit-note.pdf"),
        f"{voided.credit_note.number}.pdf",
    )
    assert "Credits invoice 2026-00002" in text
    page = client.get(f"/portal/contributions/{voided.pk}/").content.decode()
    assert f"/portal/contributions/{voided.pk}/credit-note.pdf" in page
    assert client.get(f"/portal/receipts/{entry.pk}/receipt.pdf").status_code == 404


def test_staff_download_in_their_language_or_the_one_asked_for(client):
    seller("SE")
    contribution, _admin = issue()
    staff = SecretariatUserFactory(language="nb")
    client.force_login(staff)
    url = f"/admin/contributions/{contribution.pk}/invoice.pdf"

    assert "Forfallsdato" in assert_pdf_download(client.get(url), "-2026-00001.pdf")
    assert "Forfaldsdato" in assert_pdf_download(
        client.get(url, {"lang": "da"}), "-2026-00001.pdf"
    )
    assert "Due date" in assert_pdf_download(
        client.get(url, {"lang": "en"}), "invoice-2026-00001.pdf"
    )
    # A language the site does not have: the staff member's own.
    assert "Forfallsdato" in assert_pdf_download(
        client.get(url, {"lang": "xx"}), "-2026-00001.pdf"
    )
    page = client.get(f"/admin/contributions/inspect/{contribution.pk}/")
    assert f"{url}?lang=da" in page.content.decode()

    entry, _created = services.entry_record(
        contribution=contribution,
        kind="bank_payment",
        source="bank",
        external_id="bank-1",
        amount_minor=100_00,
        occurred_on=datetime.date(2026, 2, 1),
    )
    receipt = f"/admin/contributions/receipts/{entry.pk}/receipt.pdf"
    assert f"2026-00001-{entry.pk}" in assert_pdf_download(
        client.get(receipt, {"lang": "en"}), f"receipt-2026-00001-{entry.pk}.pdf"
    )
    page = client.get(f"/admin/contributions/inspect/{contribution.pk}/")
    assert receipt in page.content.decode()
