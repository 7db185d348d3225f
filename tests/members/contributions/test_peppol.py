"""Peppol BIS Billing 3.0 e-invoices: every invoice and credit note the platform
writes passes the official rule sets, and says what the buyer needs."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from lxml import etree

from members.contributions import peppol, services
from members.contributions.models import Contribution, CreditNote, InvoiceSettings
from members.organisations.models import Organisation
from tests import peppol_validator
from tests.factories.accounts import SecretariatUserFactory
from tests.factories.contributions import SchemeFactory, member
from tests.peppol_validator import validate

pytestmark = pytest.mark.django_db

NS = {
    "cac": peppol.NS_CAC,
    "cbc": peppol.NS_CBC,
    "inv": peppol.NS_INVOICE,
    "cn": peppol.NS_CREDIT_NOTE,
}
MUNICIPALITY_PEPPOL_ID = "0007:2120000142"
SE_EXEMPTION = "Undantaget från skatteplikt enligt 3 kap. 1 § mervärdesskattelagen"
SELLERS = {
    "SE": {
        "legal_name": "Västerhamns Stadskärna ek. för.",
        "org_number": "769612-3459",
        "vat_number": "SE769612345901",
        "f_skatt": True,
        "street_address": "Kajgatan 4",
        "postal_code": "120 30",
        "city": "Västerhamn",
        "country": "SE",
        "email": "faktura@stadskarna.example",
        "phone": "+46 8 123 45 67",
        "bankgiro": "5050-1055",
        "plusgiro": "",
        "account_number": "",
        "fik_creditor": "",
        "iban": "SE45 5000 0000 0583 9825 7466",
        "bic": "ESSESESS",
        "peppol_id": "",
        "late_interest_text": "Dröjsmålsränta enligt räntelagen.",
    },
    "NO": {
        "legal_name": "Sentrum Næringsforening",
        "org_number": "923609016",
        "vat_number": "",
        "f_skatt": False,
        "street_address": "Torget 1",
        "postal_code": "0150",
        "city": "Oslo",
        "country": "NO",
        "email": "faktura@sentrum.example",
        "phone": "+47 22 00 00 00",
        "bankgiro": "",
        "plusgiro": "",
        "account_number": "8601.11.17947",
        "fik_creditor": "",
        "iban": "NO93 8601 1117 947",
        "bic": "DNBANOKK",
        "peppol_id": "",
        "late_interest_text": "",
    },
    "DK": {
        "legal_name": "Bymidte Ålborg Erhvervsforening",
        "org_number": "24256790",
        "vat_number": "DK24256790",
        "f_skatt": False,
        "street_address": "Østerågade 2",
        "postal_code": "9000",
        "city": "Aalborg",
        "country": "DK",
        "email": "faktura@bymidte.example",
        "phone": "",
        "bankgiro": "",
        "plusgiro": "",
        "account_number": "",
        "fik_creditor": "85123456",
        "iban": "DK50 0040 0440 1162 43",
        "bic": "DABADKKK",
        "peppol_id": "",
        "late_interest_text": "",
    },
}


def seller(country: str, **changes) -> InvoiceSettings:
    settings = InvoiceSettings.load()
    for field, value in {**SELLERS[country], **changes}.items():
        setattr(settings, field, value)
    settings.save()
    return settings


def norwegian_org_number(n: int) -> str:
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    while True:
        base = f"{910000000 + n * 7:09d}"[:8]
        remainder = sum(int(d) * w for d, w in zip(base, weights, strict=True)) % 11
        check = 0 if remainder == 0 else 11 - remainder
        if check != 10:
            return f"{base}{check}"
        n += 1


def danish_cvr(n: int) -> str:
    weights = (2, 7, 6, 5, 4, 3, 2)
    while True:
        base = f"{3000000 + n * 13:07d}"
        check = -sum(int(d) * w for d, w in zip(base, weights, strict=True)) % 11
        if check != 10:
            return f"{base}{check}"
        n += 1


def issue(year: int, *, vat_rate: str, currency: str, reason: str = "") -> None:
    scheme = SchemeFactory(
        year=year,
        currency=currency,
        vat_rate=Decimal(vat_rate),
        vat_exemption_reason=reason,
        due_date=datetime.date(year, 3, 31),
    )
    services.contributions_issue(scheme=scheme, on=datetime.date(year, 1, 15))


def void(organisation: Organisation, year: int) -> CreditNote:
    contribution = Contribution.objects.get(organisation=organisation, year=year)
    return services.contribution_void(
        contribution=contribution,
        by=SecretariatUserFactory(),
        reason="Fel fastighetsägare",
        on=datetime.date(year, 2, 1),
    )


def parse(xml: bytes):
    return etree.fromstring(xml)


def text(root, path: str) -> str | None:
    found = root.find(path, NS)
    return None if found is None else found.text


def _write(directory, name: str, xml: bytes):
    path = directory / f"{name}.xml"
    path.write_bytes(xml)
    return path


def build_documents(directory) -> list:
    """Every kind of document the platform writes, one file each."""
    files = []

    def invoice(name, organisation, year):
        contribution = Contribution.objects.get(organisation=organisation, year=year)
        files.append(_write(directory, name, peppol.invoice_xml(contribution)))

    def credit(name, organisation, year):
        note = void(organisation, year)
        files.append(_write(directory, name, peppol.credit_note_xml(note)))

    # Sweden, 25 % VAT, bankgiro and IBAN, F-skatt.
    seller("SE")
    many, _ = member(
        legal_name="Åkersberg Fastigheter AB",
        properties=[
            (2000, "office"),
            (400, "retail"),
            (120, "residential"),
            (800, "mixed"),
            (350, "industrial"),
            (60, "public"),
        ],
    )
    floor, _ = member(legal_name="Lilla Huset AB", properties=[(100, "residential")])
    capped, _ = member(legal_name="Storägarna AB", properties=[(40000, "retail")])
    municipality, _ = member(
        legal_name="Västerhamns kommun",
        org_number="2120000142",
        type="public_agency",
        peppol_id=MUNICIPALITY_PEPPOL_ID,
        buyer_reference="KST 4711 Stadsbyggnad",
        order_reference="PO-2026-17",
    )
    ordered, _ = member(legal_name="Beställaren AB", order_reference="IO-55")
    issue(2026, vat_rate="25", currency="SEK")
    invoice("se-25-many-properties", many, 2026)
    invoice("se-25-floor", floor, 2026)
    invoice("se-25-cap", capped, 2026)
    invoice("se-25-municipality", municipality, 2026)
    invoice("se-25-order-reference-only", ordered, 2026)
    credit("se-25-credit-note", floor, 2026)

    # Sweden, exempt, a seller with F-skatt but no VAT number, paid by plusgiro.
    seller("SE", vat_number="", bankgiro="", plusgiro="412345-1")
    issue(2027, vat_rate="0", currency="SEK", reason=SE_EXEMPTION)
    invoice("se-exempt-many-properties", many, 2027)
    invoice("se-exempt-cap", capped, 2027)
    invoice("se-exempt-municipality", municipality, 2027)
    credit("se-exempt-credit-note", municipality, 2027)

    # Norway, exempt and not VAT-registered, account number with KID; Norwegian
    # members beside the Swedish ones.
    seller("NO")
    oslo, _ = member(
        legal_name="Oslo Gårdeierforening AS",
        country="NO",
        org_number=norwegian_org_number(1),
        buyer_reference="Kari Nordmann",
    )
    bergen, _ = member(
        legal_name="Bryggen Eiendom AS",
        country="NO",
        org_number=norwegian_org_number(2),
        properties=[(300, "retail")],
    )
    issue(2028, vat_rate="0", currency="NOK", reason="Unntatt merverdiavgift")
    invoice("no-exempt-buyer-reference", oslo, 2028)
    invoice("no-exempt-floor", bergen, 2028)
    invoice("no-exempt-swedish-buyer", many, 2028)
    credit("no-exempt-credit-note", oslo, 2028)

    # Denmark, 25 % moms, FI-kort +71 and IBAN; Danish and Swedish members.
    seller("DK")
    aarhus, _ = member(
        legal_name="Åboulevarden Ejendomme ApS",
        country="DK",
        org_number=danish_cvr(1),
        buyer_reference="EAN 5798000000001",
    )
    odense, _ = member(
        legal_name="Ørsted Gården A/S",
        country="DK",
        org_number=danish_cvr(2),
        properties=[(900, "office"), (40000, "retail")],
    )
    issue(2029, vat_rate="25", currency="DKK")
    invoice("dk-25-buyer-reference", aarhus, 2029)
    invoice("dk-25-cap", odense, 2029)
    invoice("dk-25-municipality-buyer", municipality, 2029)
    credit("dk-25-credit-note", odense, 2029)
    # Without a BIC a Danish buyer is offered a SEPA transfer to the IBAN.
    seller("DK", bic="", fik_creditor="")
    invoice("dk-25-iban-without-bic", aarhus, 2029)
    return files


def test_every_generated_document_passes_the_peppol_rules(tmp_path):
    files = build_documents(tmp_path)
    # A document without a buyer reference and an order reference is refused:
    # the validator really checks (PEPPOL-EN16931-R003).
    root = parse((tmp_path / "se-25-municipality.xml").read_bytes())
    for path in ("cbc:BuyerReference", "cac:OrderReference"):
        element = root.find(path, NS)
        element.getparent().remove(element)
    broken = _write(tmp_path, "broken-no-references", etree.tostring(root))

    verdicts, output = validate([*files, broken])

    # The matrix holds what it claims to: allowances, floor lines, credit notes.
    def has(name, path):
        return parse((tmp_path / f"{name}.xml").read_bytes()).find(path, NS) is not None

    for name in ("se-25-cap", "se-exempt-cap", "dk-25-cap"):
        assert has(name, "cac:AllowanceCharge"), name
    assert not has("se-25-many-properties", "cac:AllowanceCharge")
    for name in ("se-25-floor", "no-exempt-floor"):
        root = parse((tmp_path / f"{name}.xml").read_bytes())
        assert len(root.findall("cac:InvoiceLine", NS)) == 3, name
    for name in ("se-exempt-cap", "no-exempt-floor"):
        assert has(name, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[cbc:ID='E']")
    for name in ("se-25-credit-note", "no-exempt-credit-note", "dk-25-credit-note"):
        assert has(name, "cac:BillingReference"), name
    assert has("dk-25-iban-without-bic", "cac:PaymentMeans[cbc:PaymentMeansCode='58']")

    assert len(files) == 19
    failing = {name: v for name, v in verdicts.items() if v != "valid"}
    assert failing == {"broken-no-references.xml": "fails PEPPOL-EN16931-R003"}, output


def test_an_invoice_carries_the_peppol_header_lines_allowance_and_totals():
    seller("SE")
    capped, _ = member(legal_name="Storägarna AB", properties=[(40000, "retail")])
    issue(2026, vat_rate="25", currency="SEK")
    contribution = Contribution.objects.get(organisation=capped)

    root = parse(peppol.invoice_xml(contribution))

    assert etree.QName(root).localname == "Invoice"
    assert text(root, "cbc:CustomizationID") == peppol.CUSTOMIZATION_ID
    assert text(root, "cbc:ProfileID") == peppol.PROFILE_ID
    assert text(root, "cbc:InvoiceTypeCode") == "380"
    assert text(root, "cbc:ID") == contribution.number
    assert text(root, "cbc:IssueDate") == "2026-01-15"
    assert text(root, "cbc:DueDate") == "2026-03-31"
    assert text(root, "cbc:DocumentCurrencyCode") == "SEK"
    # 5 000 + 40 000 m² × 15 kr = 605 000 kr, lowered to the 500 000 kr cap.
    allowance = root.find("cac:AllowanceCharge", NS)
    assert text(allowance, "cbc:ChargeIndicator") == "false"
    assert text(allowance, "cbc:Amount") == "105000.00"
    assert text(allowance, "cac:TaxCategory/cbc:ID") == "S"
    assert text(allowance, "cac:TaxCategory/cbc:Percent") == "25.00"
    totals = root.find("cac:LegalMonetaryTotal", NS)
    assert text(totals, "cbc:LineExtensionAmount") == "605000.00"
    assert text(totals, "cbc:AllowanceTotalAmount") == "105000.00"
    assert text(totals, "cbc:TaxExclusiveAmount") == "500000.00"
    assert text(totals, "cbc:TaxInclusiveAmount") == "625000.00"
    assert text(totals, "cbc:PayableAmount") == "625000.00"
    assert text(root, "cac:TaxTotal/cbc:TaxAmount") == "125000.00"
    assert text(root, "cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount") == "500000.00"
    lines = root.findall("cac:InvoiceLine", NS)
    assert [text(line, "cbc:InvoicedQuantity") for line in lines] == ["1", "40000"]
    assert [
        line.find("cbc:InvoicedQuantity", NS).get("unitCode") for line in lines
    ] == ["C62", "MTK"]
    assert text(lines[1], "cac:Price/cbc:PriceAmount") == "15.00"
    assert text(lines[1], "cbc:LineExtensionAmount") == "600000.00"
    assert text(lines[1], "cac:Item/cbc:Description") == "Handel"
    for amount in root.iterfind(".//*[@currencyID]"):
        assert amount.get("currencyID") == "SEK"
        assert len(amount.text.rpartition(".")[2]) == 2, amount.text


def test_the_seller_and_buyer_are_identified_as_peppol_requires():
    seller("SE")
    municipality, _ = member(
        legal_name="Västerhamns kommun",
        org_number="2120000142",
        peppol_id=MUNICIPALITY_PEPPOL_ID,
    )
    company, _ = member(legal_name="Bolaget AB")
    issue(2026, vat_rate="25", currency="SEK")

    municipal = parse(
        peppol.invoice_xml(Contribution.objects.get(organisation=municipality))
    )
    private = parse(peppol.invoice_xml(Contribution.objects.get(organisation=company)))

    buyer = municipal.find("cac:AccountingCustomerParty/cac:Party", NS)
    endpoint = buyer.find("cbc:EndpointID", NS)
    assert (endpoint.get("schemeID"), endpoint.text) == ("0007", "2120000142")
    endpoint = private.find("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", NS)
    assert (endpoint.get("schemeID"), endpoint.text) == ("0007", company.org_number)
    supplier = municipal.find("cac:AccountingSupplierParty/cac:Party", NS)
    endpoint = supplier.find("cbc:EndpointID", NS)
    assert (endpoint.get("schemeID"), endpoint.text) == ("0007", "7696123459")
    assert text(supplier, "cac:PartyLegalEntity/cbc:CompanyID") == "7696123459"
    schemes = [
        (text(s, "cbc:CompanyID"), text(s, "cac:TaxScheme/cbc:ID"))
        for s in supplier.findall("cac:PartyTaxScheme", NS)
    ]
    assert schemes == [("SE769612345901", "VAT"), ("Godkänd för F-skatt", "TAX")]
    assert text(buyer, "cac:PartyLegalEntity/cbc:RegistrationName") == (
        "Västerhamns kommun"
    )


def test_the_buyer_reference_falls_back_to_the_order_reference_then_the_number():
    seller("SE")
    both, _ = member(buyer_reference="KST 4711", order_reference="PO-1")
    order_only, _ = member(order_reference="IO-55")
    neither, _ = member()
    issue(2026, vat_rate="25", currency="SEK")

    def references(organisation):
        contribution = Contribution.objects.get(organisation=organisation)
        root = parse(peppol.invoice_xml(contribution))
        return (
            text(root, "cbc:BuyerReference"),
            text(root, "cac:OrderReference/cbc:ID"),
            contribution.number,
        )

    assert references(both)[:2] == ("KST 4711", "PO-1")
    assert references(order_only)[:2] == ("IO-55", "IO-55")
    reference, order, number = references(neither)
    assert (reference, order) == (number, None)


def test_swedish_payment_means_are_bankgiro_plusgiro_and_iban_with_the_ocr():
    seller("SE", plusgiro="412345-1")
    organisation, _ = member()
    issue(2026, vat_rate="25", currency="SEK")
    contribution = Contribution.objects.get(organisation=organisation)

    root = parse(peppol.invoice_xml(contribution))

    means = [
        (
            text(m, "cbc:PaymentMeansCode"),
            text(m, "cbc:PaymentID"),
            text(m, "cac:PayeeFinancialAccount/cbc:ID"),
            text(m, "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID"),
        )
        for m in root.findall("cac:PaymentMeans", NS)
    ]
    reference = contribution.payment_reference
    assert means == [
        ("30", reference, "50501055", "SE:BANKGIRO"),
        ("30", reference, "4123451", "SE:PLUSGIRO"),
        ("30", reference, "SE4550000000058398257466", "ESSESESS"),
    ]
    assert reference in text(root, "cac:PaymentTerms/cbc:Note")


def test_norwegian_kid_and_danish_fi_kort_payment_means():
    seller("NO")
    oslo, _ = member(country="NO", org_number=norwegian_org_number(3))
    issue(2028, vat_rate="25", currency="NOK")
    norwegian = Contribution.objects.get(organisation=oslo)
    root = parse(peppol.invoice_xml(norwegian))
    first = root.find("cac:PaymentMeans", NS)
    assert text(first, "cbc:PaymentMeansCode") == "30"
    assert text(first, "cbc:PaymentID") == norwegian.payment_reference
    assert text(first, "cac:PayeeFinancialAccount/cbc:ID") == "86011117947"
    supplier = root.find("cac:AccountingSupplierParty/cac:Party", NS)
    # Not VAT-registered: the organisation number is its tax registration.
    assert text(supplier, "cac:PartyTaxScheme/cbc:CompanyID") == "923609016"
    assert text(supplier, "cac:PartyTaxScheme/cac:TaxScheme/cbc:ID") == "TAX"

    seller("DK")
    aarhus, _ = member(country="DK", org_number=danish_cvr(3))
    issue(2029, vat_rate="25", currency="DKK")
    danish = Contribution.objects.get(organisation=aarhus)
    root = parse(peppol.invoice_xml(danish))
    # One code per document (UBL-SR-47): the FI-kort alone, the IBAN is on the PDF.
    (fik,) = root.findall("cac:PaymentMeans", NS)
    assert text(fik, "cbc:PaymentMeansCode") == "93"
    assert text(fik, "cbc:PaymentID") == f"71#{danish.payment_reference}"
    assert len(danish.payment_reference) == 15
    assert text(fik, "cac:PayeeFinancialAccount/cbc:ID") == "85123456"
    legal = root.find(
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID", NS
    )
    assert (legal.get("schemeID"), legal.text) == ("0184", "24256790")

    # Without the FI-kort: a bank transfer to the IBAN, with the BIC.
    seller("DK", fik_creditor="")
    root = parse(peppol.invoice_xml(danish))
    (iban,) = root.findall("cac:PaymentMeans", NS)
    assert text(iban, "cbc:PaymentMeansCode") == "31"
    assert text(iban, "cac:PayeeFinancialAccount/cbc:ID") == "DK5000400440116243"
    assert text(iban, "cbc:PaymentID") == danish.payment_reference


def test_an_exempt_invoice_has_category_e_with_its_reason():
    seller("SE")
    organisation, _ = member()
    issue(2027, vat_rate="0", currency="SEK", reason=SE_EXEMPTION)

    root = parse(
        peppol.invoice_xml(Contribution.objects.get(organisation=organisation))
    )

    category = root.find("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory", NS)
    assert (text(category, "cbc:ID"), text(category, "cbc:Percent")) == ("E", "0.00")
    assert text(category, "cbc:TaxExemptionReason") == SE_EXEMPTION
    assert text(root, "cac:TaxTotal/cbc:TaxAmount") == "0.00"
    assert {
        text(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID")
        for line in root.findall("cac:InvoiceLine", NS)
    } == {"E"}


def test_a_credit_note_references_the_invoice_it_credits():
    seller("SE")
    organisation, _ = member(buyer_reference="KST 1")
    issue(2026, vat_rate="25", currency="SEK")
    note = void(organisation, 2026)

    root = parse(peppol.credit_note_xml(note))

    assert etree.QName(root).localname == "CreditNote"
    assert text(root, "cbc:CreditNoteTypeCode") == "381"
    assert text(root, "cbc:ID") == note.number
    reference = root.find("cac:BillingReference/cac:InvoiceDocumentReference", NS)
    assert text(reference, "cbc:ID") == note.contribution.number
    assert text(reference, "cbc:IssueDate") == "2026-01-15"
    assert text(root, "cbc:BuyerReference") == "KST 1"
    assert text(root, "cbc:Note") == "Fel fastighetsägare"
    assert root.find("cac:PaymentMeans", NS) is None
    assert text(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == (
        peppol.amount(note.amount_minor)
    )
    assert root.findall("cac:CreditNoteLine/cbc:CreditedQuantity", NS)


def test_amounts_are_written_with_exactly_two_decimals():
    assert peppol.amount(0) == "0.00"
    assert peppol.amount(5) == "0.05"
    assert peppol.amount(123456789) == "1234567.89"
    assert peppol.amount(-105000_00) == "-105000.00"


# Downloads


def _issued():
    seller("SE")
    organisation, admin = member()
    issue(2026, vat_rate="25", currency="SEK")
    return Contribution.objects.get(organisation=organisation), admin


def test_the_organisation_downloads_its_e_invoice_and_credit_note(client_for):
    contribution, admin = _issued()
    client = client_for("member_a", user=admin)

    response = client.get(reverse("portal:contribution_ubl", args=[contribution.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"] == (
        f'attachment; filename="invoice-{contribution.number}.xml"'
    )
    assert text(parse(response.content), "cbc:ID") == contribution.number
    credit_url = reverse("portal:credit_note_ubl", args=[contribution.pk])
    assert client.get(credit_url).status_code == 404  # not void: no credit note
    detail = client.get(reverse("portal:contribution", args=[contribution.pk]))
    assert reverse("portal:contribution_ubl", args=[contribution.pk]) in (
        detail.content.decode()
    )
    assert credit_url not in detail.content.decode()

    note = void(contribution.organisation, 2026)
    response = client.get(credit_url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="credit-note-{note.number}.xml"'
    )
    root = parse(response.content)
    assert etree.QName(root).localname == "CreditNote"
    assert text(root, "cbc:ID") == note.number
    detail = client.get(reverse("portal:contribution", args=[contribution.pk]))
    assert credit_url in detail.content.decode()


def test_another_organisation_gets_404_for_the_e_invoice(client_for):
    contribution, _admin = _issued()
    void(contribution.organisation, 2026)
    other = client_for("member_b")

    for name in ("portal:contribution_ubl", "portal:credit_note_ubl"):
        assert other.get(reverse(name, args=[contribution.pk])).status_code == 404


def test_staff_download_e_invoices_in_the_admin(client_for):
    contribution, _admin = _issued()
    void(contribution.organisation, 2026)
    staff = client_for("board")

    invoice = staff.get(reverse("contributions_invoice_ubl", args=[contribution.pk]))
    credit = staff.get(reverse("contributions_credit_note_ubl", args=[contribution.pk]))
    page = staff.get(f"/admin/contributions/inspect/{contribution.pk}/")

    assert invoice.status_code == credit.status_code == 200
    assert invoice["Content-Type"] == credit["Content-Type"] == "application/xml"
    assert etree.QName(parse(invoice.content)).localname == "Invoice"
    assert etree.QName(parse(credit.content)).localname == "CreditNote"
    html = page.content.decode()
    assert reverse("contributions_invoice_ubl", args=[contribution.pk]) in html
    assert reverse("contributions_credit_note_ubl", args=[contribution.pk]) in html
    member_client = client_for("member_a")
    assert (
        member_client.get(
            reverse("contributions_invoice_ubl", args=[contribution.pk])
        ).status_code
        == 302
    )


def test_a_missing_validator_skips_locally_and_fails_under_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(
        peppol_validator, "validator_candidates", lambda: [tmp_path / "nowhere"]
    )
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="PEPPOL_VALIDATE"):
        peppol_validator.require_validator()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run it"):
        peppol_validator.require_validator()


def test_the_validator_is_looked_for_in_the_documented_order(monkeypatch, tmp_path):
    monkeypatch.setenv("PEPPOL_VALIDATE", str(tmp_path / "validate"))
    candidates = peppol_validator.validator_candidates()
    assert candidates[0] == tmp_path / "validate"
    assert candidates[1:] == [
        peppol_validator.REPOSITORY.parent / "shared" / "peppol" / "validate",
        peppol_validator.Path("/work/shared/peppol/validate"),
    ]
