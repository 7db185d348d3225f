"""The books: a year's verifications as a SIE 4I file that balances, parses back,
holds what the ledger holds, and is the same bytes every time."""

import datetime
import io
import re
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone, translation

from members.contributions import services, sie
from members.contributions.models import (
    BookkeepingSettings,
    Contribution,
    CreditNote,
    InvoiceSettings,
    LedgerEntry,
)
from tests.factories.accounts import AdminUserFactory
from tests.factories.contributions import SchemeFactory, member
from tests.factories.organisations import swedish_org_number

pytestmark = pytest.mark.django_db

SELLER = 'Hamnstadens Företagarförening "BID"'
CAFE = 'Café "Kajen" AB'
AKERO = "Fastighets AB Åkerö–Ström"
BJORN = "Bjørn Eiendom AS"


# An independent reader of SIE 4: a tokenizer and the record structure, written
# from the spec, sharing nothing with the writer.


def tokens(line: str) -> list[str]:
    out, i = [], 0
    while i < len(line):
        char = line[i]
        if char in " \t":
            i += 1
        elif char == '"':
            i += 1
            text = []
            while line[i] != '"':
                if line[i] == "\\":
                    i += 1
                text.append(line[i])
                i += 1
            out.append("".join(text))
            i += 1
        elif char in "{}":
            out.append(char)
            i += 1
        else:
            start = i
            while i < len(line) and line[i] not in ' \t"{}':
                i += 1
            out.append(line[start:i])
    return out


def cents(text: str) -> int:
    assert re.fullmatch(r"-?\d+\.\d\d", text), text
    return int(Decimal(text) * 100)


def parse(content: bytes) -> dict:
    text = content.decode("cp437")
    assert "\r\n" in text
    parsed = {"records": [], "konto": {}, "ver": []}
    current = None
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.strip() == "{":
            assert current is not None and current["trans"] is None
            current["trans"] = []
            continue
        if line.strip() == "}":
            parsed["ver"].append(current)
            current = None
            continue
        label, *fields = tokens(line)
        if label == "#TRANS":
            account, open_, close, amount, date, reference = fields
            assert (open_, close) == ("{", "}")
            current["trans"].append(
                {
                    "account": account,
                    "amount": cents(amount),
                    "date": date,
                    "text": reference,
                }
            )
        elif label == "#VER":
            series, number, date, vertext, registered = fields
            current = {
                "series": series,
                "number": int(number),
                "date": date,
                "text": vertext,
                "registered": registered,
                "trans": None,
            }
        elif label == "#KONTO":
            parsed["konto"][fields[0]] = fields[1]
        else:
            parsed["records"].append((label, fields))
    assert current is None
    return parsed


def totals(parsed: dict) -> dict[str, int]:
    per_account = defaultdict(int)
    for verification in parsed["ver"]:
        for line in verification["trans"]:
            per_account[line["account"]] += line["amount"]
    return dict(per_account)


# The year


@pytest.fixture
def seller():
    settings = InvoiceSettings.load()
    settings.legal_name = SELLER
    settings.org_number = swedish_org_number(42)
    settings.country = "SE"
    settings.save()
    return settings


@pytest.fixture
def year_2026(seller):
    """Two invoices at 0 % and three at 25 %, a credit note, bank and card
    payments, a partial refund, a write-off, and a payment in 2027."""
    staff = AdminUserFactory()
    exempt = SchemeFactory(vat_rate=Decimal("0"), vat_exemption_reason="Momsfri.")
    cafe, _ = member(legal_name=CAFE)
    akero, _ = member(legal_name=AKERO)
    services.contributions_issue(scheme=exempt, on=datetime.date(2026, 1, 15))
    taxed = SchemeFactory(version=2, vat_rate=Decimal("25"))
    bjorn, _ = member(legal_name=BJORN)
    doubtful, _ = member(legal_name="Osäker Handel AB")
    prompt, _ = member(legal_name="Punktlig AB")
    services.contributions_issue(scheme=taxed, on=datetime.date(2026, 2, 1))
    invoice = {c.organisation_id: c for c in Contribution.objects.all()}

    def enter(organisation, kind, source, external_id, minor, on):
        services.entry_record(
            contribution=invoice[organisation.pk],
            kind=kind,
            source=source,
            external_id=external_id,
            amount_minor=minor,
            occurred_on=on,
        )

    Kind, Source = LedgerEntry.Kind, LedgerEntry.Source
    enter(cafe, Kind.BANK_PAYMENT, Source.BANK, "bg-1", 25_000_00, date(3, 1))
    services.contribution_void(
        contribution=invoice[akero.pk], by=staff, reason="Fel mottagare", on=date(3, 5)
    )
    enter(bjorn, Kind.CARD_PAYMENT, Source.STRIPE, "pi_1", 31_250_00, date(2, 10))
    enter(bjorn, Kind.REFUND, Source.STRIPE, "ch_1", 5_000_00, date(4, 2))
    enter(prompt, Kind.CARD_PAYMENT, Source.STRIPE, "pi_2", 31_250_00, date(2, 11))
    enter(doubtful, Kind.BANK_PAYMENT, Source.BANK, "bg-2", 27_916_67, date(3, 10))
    services.contribution_write_off(
        contribution=invoice[doubtful.pk], by=staff, reason="Konkurs", on=date(11, 30)
    )
    enter(
        bjorn,
        Kind.BANK_PAYMENT,
        Source.BANK,
        "bg-3",
        5_000_00,
        datetime.date(2027, 1, 10),
    )
    return invoice


def date(month, day):
    return datetime.date(2026, month, day)


def test_the_year_is_written_as_balanced_verifications_in_their_series(year_2026):
    content = sie.sie_file(year=2026).content
    parsed = parse(content)

    records = parsed["records"]
    assert records[0] == ("#FLAGGA", ["0"])
    head = dict(records)
    assert head["#FORMAT"] == ["PC8"]
    assert head["#SIETYP"] == ["4"]
    assert head["#PROGRAM"][0] == "BID Platform"
    assert head["#FNAMN"] == [SELLER]
    assert head["#ORGNR"] == [
        f"{swedish_org_number(42)[:6]}-{swedish_org_number(42)[6:]}"
    ]
    assert head["#RAR"] == ["0", "20260101", "20261231"]
    assert "#VALUTA" not in head  # SEK, the spec's default
    # A 4I file carries no balances.
    assert not {"#IB", "#UB", "#RES", "#PSALDO", "#KPTYP"} & set(head)

    for verification in parsed["ver"]:
        assert sum(line["amount"] for line in verification["trans"]) == 0
        assert verification["date"].startswith("2026")
        assert re.fullmatch(r"\d{8}", verification["registered"])
    series = defaultdict(list)
    for verification in parsed["ver"]:
        series[verification["series"]].append(verification["number"])
    assert series == {
        "F": [1, 2, 3, 4, 5],
        "K": [1],
        "B": [1, 2],
        "S": [1, 2],
        "R": [1],
        "A": [1],
    }
    # Numbered by date: the card payment of 10 February before that of 11.
    card = [v for v in parsed["ver"] if v["series"] == "S"]
    assert [v["date"] for v in card] == ["20260210", "20260211"]

    # Every account used is declared, the defaults by their BAS names.
    used = {line["account"] for v in parsed["ver"] for line in v["trans"]}
    assert used == set(parsed["konto"])
    assert parsed["konto"]["1510"] == "Kundfordringar"
    assert parsed["konto"]["2611"] == "Utgående moms på försäljning inom Sverige, 25 %"
    assert parsed["konto"]["3004"] == "Försäljning inom Sverige, momsfri"
    assert parsed["konto"]["6351"] == "Konstaterade förluster på kundfordringar"


def test_the_totals_per_account_are_the_ledgers(year_2026):
    per_account = totals(parse(sie.sie_file(year=2026).content))

    in_2026 = LedgerEntry.objects.filter(occurred_on__year=2026)

    def ledger(**filters):
        return in_2026.filter(**filters).aggregate(s=Sum("amount_minor"))["s"] or 0

    invoiced = Contribution.objects.filter(issued_on__year=2026)
    taxed = invoiced.filter(vat_rate__gt=0).aggregate(
        net=Sum("net_minor"), vat=Sum("vat_minor")
    )
    credited = CreditNote.objects.aggregate(s=Sum("amount_minor"))["s"]
    written_off = ledger(kind="write_off")
    assert per_account == {
        # What is left to pay at the end of 2026: the refunded 5 000 kr.
        "1510": 5_000_00,
        "1930": ledger(kind="bank_payment") - ledger(kind="refund", source="bank"),
        "1580": ledger(kind="card_payment") - ledger(kind="refund", source="stripe"),
        # 6 250 kr on each of three invoices, less the 3 333.33 written off:
        # 3 333.33 × 6 250 / 31 250 = 666.666 → 666.67.
        "2611": -taxed["vat"] + 666_67,
        "3001": -taxed["net"],
        # Two exempt invoices of 25 000 kr, one credited.
        "3004": -50_000_00 + credited,
        "6351": written_off - 666_67,
    }
    assert per_account["1930"] == 52_916_67
    assert per_account["1580"] == 57_500_00
    assert per_account["6351"] == 2_666_66
    assert sum(per_account.values()) == 0


def test_names_are_in_codepage_437_with_quotes_escaped(year_2026):
    content = sie.sie_file(year=2026).content

    assert content.decode("cp437")  # every byte is codepage 437
    # å ä ö as PC8 bytes, not UTF-8.
    assert "Företagarförening".encode("cp437") in content
    assert "Företagarförening".encode() not in content
    assert b'#FNAMN "Hamnstadens F\x94retagarf\x94rening \\"BID\\""' in content
    assert b'"Faktura 2026-00001 Caf\x82 \\"Kajen\\" AB"' in content
    # What codepage 437 lacks is transliterated, not dropped.
    assert "Åkerö-Ström".encode("cp437") in content
    assert "Björn Eiendom AS".encode("cp437") in content
    assert b"?" not in content


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Åsa Öberg & Äng", '"Åsa Öberg & Äng"'),
        ('Café "Kajen" AB', '"Café \\"Kajen\\" AB"'),
        ("C:\\Böcker\\", '"C:\\\\Böcker\\\\"'),
        ("Søren – Müller’s", '"Sören - Müller\'s"'),
        ("Rad ett\nrad två\tflik", '"Rad ett rad två flik"'),
        ("5 €", '"5 EUR"'),
        ("Łódź", '"Lódz"'),
        ("漢字", '"??"'),
        ("ZERO\u200bWIDTH", '"ZEROWIDTH"'),
    ],
)
def test_texts_are_quoted_and_transliterated_to_pc8(text, written):
    assert sie.quoted(text) == written
    written.encode("cp437")


def test_exporting_again_later_gives_the_same_bytes(year_2026, monkeypatch):
    first = sie.sie_file(year=2026).content
    later = timezone.now() + datetime.timedelta(days=40)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert sie.sie_file(year=2026).content == first
    # #GEN is the latest registration among the verifications, not today.
    registered = max(
        timezone.localtime(moment).date()
        for moment in [
            *Contribution.objects.values_list("created_at", flat=True),
            *LedgerEntry.objects.filter(occurred_on__year=2026).values_list(
                "recorded_at", flat=True
            ),
        ]
    )
    assert dict(parse(first)["records"])["#GEN"] == [registered.strftime("%Y%m%d")]


def test_an_empty_year_is_a_valid_file_dated_by_its_last_day(seller):
    parsed = parse(sie.sie_file(year=2031).content)

    assert parsed["ver"] == [] and parsed["konto"] == {}
    assert dict(parsed["records"])["#GEN"] == ["20311231"]


def test_the_year_is_only_its_own_verifications(year_2026):
    parsed = parse(sie.sie_file(year=2027).content)

    assert [(v["series"], v["number"], v["date"]) for v in parsed["ver"]] == [
        ("B", 1, "20270110")
    ]
    assert sie.sie_years() == [
        {"year": 2027, "count": 1},
        {"year": 2026, "count": 12},
    ]
    assert len(parse(sie.sie_file(year=2026).content)["ver"]) == 12


def test_the_accounts_come_from_the_bookkeeping_settings(year_2026):
    books = BookkeepingSettings.load()
    books.bank_account = "1940"
    books.revenue_account = "3011"
    books.full_clean()
    books.save()

    content = sie.sie_file(year=2026).content
    parsed = parse(content)

    assert parsed["konto"]["1940"] == "Övriga bankkonton"
    assert parsed["konto"]["3011"] == "Medlemsavgifter, moms"
    assert "1930" not in totals(parsed) and "3001" not in totals(parsed)
    assert totals(parsed)["1940"] == 52_916_67
    assert b"#TRANS 1940 {} 25000.00 20260301" in content


def test_a_verification_that_does_not_balance_is_refused():
    verification = sie.Verification(
        series="F",
        date=date(1, 1),
        text="Faktura",
        registered_on=date(1, 1),
        reference="2026-00001",
        currency="SEK",
        lines=[("1510", 100_00), ("3001", -99_99)],
    )
    with pytest.raises(sie.UnbalancedVerification):
        sie._render(verification, 1)


def test_a_year_in_two_currencies_is_refused(year_2026):
    Contribution.objects.filter(vat_rate=0).update(currency="NOK")

    with (
        translation.override("en"),
        pytest.raises(sie.SieError, match="several currencies"),
    ):
        sie.sie_file(year=2026)


def test_another_currency_is_declared(seller):
    scheme = SchemeFactory(currency="NOK")
    member()
    services.contributions_issue(scheme=scheme, on=date(1, 15))

    assert dict(parse(sie.sie_file(year=2026).content)["records"])["#VALUTA"] == ["NOK"]


def test_the_export_reads_in_a_few_queries_however_many_invoices(
    seller, django_assert_max_num_queries
):
    scheme = SchemeFactory()
    for _ in range(30):
        member()
    services.contributions_issue(scheme=scheme, on=date(1, 15))
    for number, contribution in enumerate(Contribution.objects.all()):
        services.entry_record(
            contribution=contribution,
            kind=LedgerEntry.Kind.BANK_PAYMENT,
            source=LedgerEntry.Source.BANK,
            external_id=f"bg-{number}",
            amount_minor=contribution.amount_minor,
            occurred_on=date(2, 1),
        )

    with django_assert_max_num_queries(6):
        parsed = parse(sie.sie_file(year=2026).content)
    assert len(parsed["ver"]) == 60


# The command


def test_the_command_writes_the_file(year_2026, tmp_path):
    target = tmp_path / "books.se"
    out = io.StringIO()

    call_command("export_sie", "--year", "2026", "--output", str(target), stdout=out)

    assert target.read_bytes() == sie.sie_file(year=2026).content
    assert "12 verifications" in out.getvalue()


def test_the_command_writes_bytes_to_stdout(year_2026):
    out = io.BytesIO()

    call_command("export_sie", "--year", "2026", stdout=out)

    assert out.getvalue() == sie.sie_file(year=2026).content


# The admin


def test_the_secretariat_downloads_a_year(year_2026, client_for):
    client = client_for("secretariat")

    page = client.get(reverse("contributions_books"))
    download = client.get(reverse("contributions_books_download", args=[2026]))

    assert page.status_code == 200
    assert page.context["years"][1] == {"year": 2026, "count": 12}
    assert reverse("contributions_books_download", args=[2026]) in page.text
    assert (
        reverse("wagtailsettings:edit", args=["contributions", "bookkeepingsettings"])
        in page.text
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"] == (
        'attachment; filename="hamnstadens-foretagarforening-bid-2026.se"'
    )
    assert download.content == sie.sie_file(year=2026).content


def test_the_board_gets_no_books(year_2026, client_for):
    client = client_for("board")

    page = client.get(reverse("contributions_books"))
    download = client.get(reverse("contributions_books_download", args=[2026]))

    assert page.status_code == 302 and download.status_code == 302
    assert download["Location"] == reverse("wagtailadmin_home")
    assert not download.content


def test_the_menu_shows_the_books_to_the_secretariat_only(client_for):
    url = reverse("contributions_books")

    assert url in client_for("secretariat").get(reverse("wagtailadmin_home")).text
    assert url not in client_for("board").get(reverse("wagtailadmin_home")).text


def test_a_year_out_of_range_is_not_found(client_for):
    response = client_for("secretariat").get("/admin/contributions/books/99999.se")

    assert response.status_code == 404


def test_the_settings_form_refuses_an_account_that_is_not_four_digits(client_for):
    client = client_for("secretariat")
    url = reverse("wagtailsettings:edit", args=["contributions", "bookkeepingsettings"])
    form_url = client.get(url, follow=True).redirect_chain[-1][0]
    data = {
        "receivables_account": "15100",
        "bank_account": "19x0",
        "card_account": "1580",
        "output_vat_account": "2611",
        "revenue_account": "3001",
        "exempt_revenue_account": "3004",
        "write_off_account": "6351",
    }

    response = client.post(form_url, data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"receivables_account", "bank_account"}
    assert BookkeepingSettings.load().receivables_account == "1510"

    data.update(receivables_account="1511", bank_account="1940")
    assert client.post(form_url, data).status_code == 302
    books = BookkeepingSettings.load()
    assert (books.receivables_account, books.bank_account) == ("1511", "1940")
