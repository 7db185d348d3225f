"""Bank files into the ledger: matching by reference, each file and payment
once, the review queue and its resolutions, the command and the admin."""

import datetime
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation

from members.contributions import bank, services
from members.contributions.models import (
    BankImport,
    BankTransaction,
    Contribution,
    ContributionScheme,
    InvoiceSettings,
    LedgerEntry,
    PaymentReview,
)
from members.notifications.models import Event
from tests.factories.accounts import (
    AdminUserFactory,
    BoardUserFactory,
    SecretariatUserFactory,
)
from tests.factories.contributions import SchemeFactory, member

FILES = Path(__file__).parent / "files"
# Members in invoice-number order, with the m² of office that sets the amount:
# 5 000 kr + 10 kr/m², so 2000 m² → 25 000 kr.
MEMBERS = [
    ("Alfa Fastigheter AB", 2000),  # 2026-00001, 25 000 kr
    ("Beta Bygg AB", 1500),  # 2026-00002, 20 000 kr
    ("Gamma Handel AB", 1000),  # 2026-00003, 15 000 kr
    ("Delta Kontor AB", 800),  # 2026-00004, 13 000 kr
    ("Epsilon AB", 3000),  # 2026-00005, 35 000 kr
    ("Zeta Café HB", 600),  # 2026-00006, 11 000 kr
    ("Eta Invest AB", 700),  # 2026-00007, 12 000 kr, voided
    ("Theta Service AB", 900),  # 2026-00008, 14 000 kr
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def read(name: str) -> bytes:
    return (FILES / name).read_bytes()


def build_invoices() -> dict[int, Contribution]:
    settings = InvoiceSettings.load()
    settings.country = "SE"
    settings.legal_name = "Centrum BID"
    settings.bankgiro = "5050-1055"
    settings.save()
    SchemeFactory()
    for name, area in MEMBERS:
        member(legal_name=name, properties=((area, "office"),))
    services.contributions_issue(
        scheme=ContributionScheme.objects.get(), on=datetime.date(2026, 1, 15)
    )
    invoices = {int(c.number[-5:]): c for c in Contribution.objects.all()}
    services.contribution_void(
        contribution=invoices[7], by=AdminUserFactory(), reason="Utträde"
    )
    return {n: Contribution.objects.get(pk=c.pk) for n, c in invoices.items()}


@pytest.fixture
def invoices(db):
    return build_invoices()


@pytest.fixture
def secretary(db):
    return SecretariatUserFactory()


def imported(name: str, by=None, content: bytes | None = None) -> BankImport:
    return bank.bank_file_import(
        file_name=name, content=read(name) if content is None else content, by=by
    )


def paid_on(invoice: Contribution) -> list[int]:
    return sorted(invoice.entries.values_list("amount_minor", flat=True))


def review_of(reason: str, **filters) -> PaymentReview:
    return PaymentReview.objects.get(reason=reason, **filters)


def counts(report: BankImport) -> tuple:
    return (
        report.matched,
        report.short,
        report.over,
        report.unmatched,
        report.already_imported,
    )


# Matching


def test_bgmax_payments_are_matched_by_ocr(invoices):
    report = imported("bgmax_two_deposits.txt")

    assert report.format == "bgmax"
    assert counts(report) == (3, 1, 1, 3, 0)
    assert paid_on(invoices[1]) == [2500000]
    assert invoices[1].status == Contribution.Status.PAID
    # Two invoices paid with one payment, its extra references sharing it out.
    assert paid_on(invoices[3]) == [1500000]
    assert paid_on(invoices[4]) == [1300000]
    assert BankTransaction.objects.filter(bank_import=report).count() == 8
    entry = invoices[1].entries.get()
    assert (entry.kind, entry.source, entry.occurred_on) == (
        "bank_payment",
        "bank",
        datetime.date(2026, 2, 2),
    )
    assert entry.bank_transaction.outcome == "matched"
    assert entry.bank_transaction.contribution == invoices[1]


def test_short_payment_is_entered_and_put_up_for_follow_up(invoices):
    imported("bgmax_two_deposits.txt")

    assert paid_on(invoices[2]) == [1500000]
    review = review_of("short")
    assert review.contribution == invoices[2]
    assert review.payload["missing_minor"] == 500000
    assert review.bank_transaction.outcome == "short"
    assert invoices[2].balance()["outstanding"] == 500000


def test_over_payment_is_entered_and_its_surplus_put_up(invoices):
    imported("bgmax_two_deposits.txt")

    assert paid_on(invoices[5]) == [3600000]
    review = review_of("over")
    assert review.contribution == invoices[5]
    assert review.payload["surplus_minor"] == 100000
    assert invoices[5].balance()["over"] == 100000


def test_payment_to_a_void_invoice_is_not_entered(invoices):
    imported("bgmax_two_deposits.txt")

    assert paid_on(invoices[7]) == []
    review = review_of("void")
    assert review.contribution == invoices[7]
    assert review.amount_minor == 1200000
    assert review.bank_transaction.outcome == "unmatched"
    assert review.bank_transaction.contribution is None


def test_unknown_reference_suggests_the_one_invoice_of_that_amount_and_payer(
    invoices,
):
    imported("bgmax_two_deposits.txt")

    review = review_of("unmatched", amount_minor=1100000)
    assert review.suggestion == invoices[6]
    assert review.payload["payer_name"] == "Zeta Café HB"
    assert paid_on(invoices[6]) == []


def test_no_suggestion_when_the_payer_is_not_the_member(invoices):
    content = read("bgmax_two_deposits.txt").replace(
        "Zeta Café HB".encode("latin-1"), b"Nagon Annan AB"
    )
    imported("other.txt", content=content)

    assert review_of("unmatched", amount_minor=1100000).suggestion is None


def test_deduction_goes_to_the_queue_and_not_the_ledger(invoices):
    imported("bgmax_two_deposits.txt")

    review = review_of("unmatched", amount_minor=-20000)
    assert "deduction" in review.detail
    assert not LedgerEntry.objects.filter(amount_minor=20000).exists()


def test_second_import_of_the_same_file_changes_nothing(invoices):
    first = imported("bgmax_two_deposits.txt")
    entries = LedgerEntry.objects.count()
    reviews = PaymentReview.objects.count()

    again = imported("bgmax_two_deposits.txt")

    assert again.pk == first.pk
    assert again.already_imported_file is True
    assert first.already_imported_file is False
    assert BankImport.objects.count() == 1
    assert LedgerEntry.objects.count() == entries
    assert PaymentReview.objects.count() == reviews


def test_camt054_v2_batch_entry_is_matched_payment_by_payment(invoices):
    report = imported("camt054_v2.xml")

    assert report.format == "camt054"
    assert counts(report) == (3, 1, 0, 1, 0)
    assert paid_on(invoices[1]) == [2500000]
    assert paid_on(invoices[2]) == [2000000]
    # Found in the unstructured text, written with spaces.
    assert paid_on(invoices[3]) == [1500000]
    assert paid_on(invoices[4]) == [1000000]
    assert review_of("short").contribution == invoices[4]
    assert review_of("unmatched").amount_minor == 77700


def test_camt054_v8_matches_and_sends_another_currency_to_review(invoices):
    report = imported("camt054_v8.xml")

    assert counts(report) == (2, 0, 0, 1, 0)
    assert paid_on(invoices[6]) == [1100000]
    assert paid_on(invoices[8]) == [1400000]
    review = review_of("currency")
    assert (review.contribution, review.amount_minor, review.currency) == (
        invoices[5],
        100000,
        "EUR",
    )
    assert paid_on(invoices[5]) == []


def test_overlapping_statement_adds_only_what_is_new(invoices):
    imported("camt054_v2.xml")
    entries = LedgerEntry.objects.count()

    report = imported("camt053_v2.xml")

    assert report.format == "camt053"
    assert counts(report) == (1, 0, 0, 0, 5)
    assert LedgerEntry.objects.count() == entries + 1
    assert paid_on(invoices[5]) == [3500000]
    assert paid_on(invoices[1]) == [2500000]
    assert list(report.transactions.values_list("external_id", flat=True)) == [
        "camt:SE4550000000058398257466:T-0006"
    ]


def test_re_exported_notification_counts_every_payment_as_already_imported(
    invoices,
):
    imported("camt054_v2.xml")
    entries = LedgerEntry.objects.count()
    re_export = read("camt054_v2.xml").replace(b"NTF-20260202-0001", b"NTF-R-0001")

    report = imported("again.xml", content=re_export)

    assert report.already_imported_file is False
    assert counts(report) == (0, 0, 0, 0, 5)
    assert LedgerEntry.objects.count() == entries


def test_two_payments_for_one_invoice_in_one_file_are_short_then_matched(invoices):
    def tx(ref, amount, reference):
        return (
            f"<TxDtls><Refs><AcctSvcrRef>{ref}</AcctSvcrRef></Refs>"
            f'<Amt Ccy="SEK">{amount}</Amt><RmtInf><Strd><CdtrRefInf><Ref>{reference}'
            "</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>"
        )

    content = (
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.04">'
        "<BkToCstmrDbtCdtNtfctn><Ntfctn><Acct><Id><IBAN>SE1</IBAN></Id></Acct><Ntry>"
        '<Amt Ccy="SEK">25000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>'
        "<BookgDt><Dt>2026-02-10</Dt></BookgDt><NtryDtls>"
        + tx("A", "10000.00", "20260000011")
        + tx("B", "15000.00", "2026 0000 011")
        + "</NtryDtls></Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>"
    ).encode()

    report = imported("two.xml", content=content)

    assert counts(report) == (1, 1, 0, 0, 0)
    assert paid_on(invoices[1]) == [1000000, 1500000]
    assert Event.objects.filter(kind="contribution.paid").count() == 1


def test_paid_event_is_not_repeated_for_an_invoice_paid_before_a_refund(invoices):
    for kind, amount in (("card_payment", 2500000), ("refund", 500000)):
        services.entry_record(
            contribution=invoices[1],
            kind=kind,
            source="stripe",
            external_id="pi_1",
            amount_minor=amount,
            occurred_on=datetime.date(2026, 1, 20),
        )
    content = read("camt054_v2.xml").replace(b">25000.00<", b">5000.00<")

    report = imported("rest.xml", content=content)

    assert report.matched == 3
    assert invoices[1].balance()["outstanding"] == 0
    assert (
        Event.objects.filter(kind="contribution.paid", object_id=invoices[1].pk).count()
        == 1
    )


def test_paid_event_goes_out_for_each_invoice_the_file_settles(invoices):
    imported("bgmax_two_deposits.txt")

    paid = Event.objects.filter(kind="contribution.paid")
    assert sorted(paid.values_list("object_id", flat=True)) == sorted(
        invoices[n].pk for n in (1, 3, 4, 5)
    )


def test_file_that_cannot_be_read_writes_nothing(invoices):
    with pytest.raises(ValidationError):
        imported("bad.txt", content=b"not a bank file")

    assert BankImport.objects.count() == 0
    assert LedgerEntry.objects.filter(source="bank").count() == 0


def test_only_those_who_may_import_do(invoices):
    with pytest.raises(PermissionDenied):
        imported("camt054_v2.xml", by=BoardUserFactory())

    report = imported("camt054_v2.xml", by=SecretariatUserFactory())
    assert report.imported_by is not None
    assert LedgerEntry.objects.filter(recorded_by=report.imported_by).count() == 4


def test_reference_keys_find_a_reference_in_what_the_payer_wrote():
    assert "20260000011" in bank.reference_keys("OCR 2026 0000 011, tack!")
    assert "20260000011" in bank.reference_keys("00020260000011")
    assert "000020270000015" in bank.reference_keys("+71<000020270000015+12345678<")


@pytest.mark.parametrize(
    ("payer", "organisation", "close"),
    [
        ("ZETA CAFE HB", "Zeta Café HB", True),
        ("FASTIGHETS AB CENTRUMHUSET I STOCKH", "Centrumhuset i Stockholm AB", False),
        ("CENTRUMHUSET I STOCKHOLM", "Centrumhuset i Stockholm Fastigheter AB", True),
        ("Beta Bygg", "Beta Bygg AB", True),
        ("Gamma Handel AB", "Beta Bygg AB", False),
        ("", "Beta Bygg AB", False),
    ],
)
def test_names_close(payer, organisation, close):
    assert bank.names_close(payer, organisation) is close


# The review queue


@pytest.fixture
def queued(invoices):
    imported("bgmax_two_deposits.txt")
    return invoices


def test_assigning_an_unmatched_payment_enters_it(queued, secretary):
    review = review_of("unmatched", amount_minor=1100000)

    bank.review_assign(
        review=review, contribution=review.suggestion, by=secretary, note="Zeta"
    )

    review.refresh_from_db()
    assert (review.status, review.resolution, review.resolved_by) == (
        "resolved",
        "assigned",
        secretary,
    )
    assert review.contribution == queued[6]
    assert paid_on(queued[6]) == [1100000]
    transaction_ = review.bank_transaction
    transaction_.refresh_from_db()
    assert (transaction_.outcome, transaction_.contribution) == ("matched", queued[6])
    assert transaction_.entry.amount_minor == 1100000
    assert not PaymentReview.objects.filter(
        external_id=review.external_id, status="open"
    ).exists()


def test_assigning_a_payment_to_a_larger_invoice_opens_a_short_item(queued, secretary):
    review = review_of("void")

    bank.review_assign(review=review, contribution=queued[8], by=secretary)

    assert paid_on(queued[8]) == [1200000]
    follow_up = PaymentReview.objects.get(
        external_id=review.external_id, reason="short", status="open"
    )
    assert follow_up.contribution == queued[8]
    assert follow_up.payload["missing_minor"] == 200000
    review.refresh_from_db()
    assert review.payload["reported_contribution_id"] == queued[7].pk


def test_assigning_a_payment_in_another_currency_asks_for_the_amount(queued, secretary):
    imported("camt054_v8.xml")
    review = review_of("currency")

    with pytest.raises(ValidationError) as caught:
        bank.review_assign(review=review, contribution=queued[5], by=secretary)
    assert "amount_minor" in caught.value.error_dict

    bank.review_assign(
        review=review, contribution=queued[5], by=secretary, amount_minor=100000
    )
    assert 100000 in paid_on(queued[5])


def test_assigning_to_a_void_invoice_is_refused(queued, secretary):
    review = review_of("unmatched", amount_minor=1100000)

    with pytest.raises(ValidationError):
        bank.review_assign(review=review, contribution=queued[7], by=secretary)
    review.refresh_from_db()
    assert review.status == "open"
    assert paid_on(queued[7]) == []


def test_refunding_an_over_payment_enters_a_refund_of_the_surplus(queued, secretary):
    review = review_of("over")

    bank.review_refund(review=review, by=secretary)

    refund = queued[5].entries.get(kind="refund")
    assert (refund.amount_minor, refund.source) == (100000, "bank")
    balance = Contribution.objects.get(pk=queued[5].pk).balance()
    assert (balance["over"], balance["outstanding"]) == (0, 0)
    review.refresh_from_db()
    assert review.resolution == "refunded"


def test_refunding_unmatched_money_needs_a_note_and_enters_nothing(queued, secretary):
    review = review_of("unmatched", amount_minor=1100000)
    entries = LedgerEntry.objects.count()

    with pytest.raises(ValidationError) as caught:
        bank.review_refund(review=review, by=secretary)
    assert "note" in caught.value.error_dict

    bank.review_refund(review=review, by=secretary, note="Returned 2026-02-05")
    review.refresh_from_db()
    assert (review.resolution, review.note) == ("refunded", "Returned 2026-02-05")
    assert LedgerEntry.objects.count() == entries


def test_short_payment_is_accepted_with_a_note_not_refunded(queued, secretary):
    review = review_of("short")

    with pytest.raises(ValidationError):
        bank.review_refund(review=review, by=secretary)
    with pytest.raises(ValidationError):
        bank.review_accept(review=review, by=secretary)

    bank.review_accept(review=review, by=secretary, note="The rest is coming")
    review.refresh_from_db()
    assert review.resolution == "accepted"
    assert paid_on(queued[2]) == [1500000]


def test_over_payment_may_be_kept(queued, secretary):
    review = review_of("over")

    bank.review_accept(review=review, by=secretary, note="Set off against 2027")

    assert queued[5].entries.filter(kind="refund").count() == 0


def test_unmatched_money_cannot_just_be_accepted(queued, secretary):
    with pytest.raises(ValidationError):
        bank.review_accept(
            review=review_of("unmatched", amount_minor=1100000),
            by=secretary,
            note="x",
        )


def test_deduction_is_accepted_not_assigned(queued, secretary):
    review = review_of("unmatched", amount_minor=-20000)

    assert bank.review_actions(review) == ["accept"]
    with pytest.raises(ValidationError):
        bank.review_assign(review=review, contribution=queued[3], by=secretary)
    bank.review_accept(review=review, by=secretary, note="Credit note K-1")


def test_a_resolved_item_cannot_be_resolved_again(queued, secretary):
    review = review_of("over")
    bank.review_refund(review=review, by=secretary)

    with pytest.raises(ValidationError, match="already been resolved"):
        bank.review_refund(review=review, by=secretary)
    with pytest.raises(ValidationError, match="already been resolved"):
        bank.review_accept(review=review, by=secretary, note="x")
    assert queued[5].entries.filter(kind="refund").count() == 1


def test_the_board_cannot_resolve(queued):
    review = review_of("over")

    with pytest.raises(PermissionDenied):
        bank.review_accept(review=review, by=BoardUserFactory(), note="x")


def test_card_items_are_only_marked_handled(invoices, secretary):
    review, _created = services.review_open(
        source="stripe",
        reason="refund_unpaid",
        external_id="ch_1",
        amount_minor=5000,
        currency="SEK",
    )

    assert bank.review_actions(review) == ["accept"]
    with pytest.raises(ValidationError):
        bank.review_refund(review=review, by=secretary, note="x")
    with pytest.raises(ValidationError):
        bank.review_assign(review=review, contribution=invoices[1], by=secretary)
    bank.review_accept(review=review, by=secretary, note="Checked in Stripe")
    review.refresh_from_db()
    assert review.resolution == "accepted"


# The command


def test_command_prints_each_files_report(invoices):
    out = StringIO()

    call_command(
        "import_payments",
        str(FILES / "bgmax_two_deposits.txt"),
        str(FILES / "camt054_v8.xml"),
        stdout=out,
    )

    lines = out.getvalue().splitlines()
    assert "3 matched, 3 unmatched, 1 short, 1 over, 0 already imported" in lines[0]
    assert "2 matched, 1 unmatched, 0 short, 0 over, 0 already imported" in lines[1]


def test_command_says_a_file_was_imported_before(invoices):
    path = str(FILES / "camt054_v2.xml")
    call_command("import_payments", path, stdout=StringIO())
    out = StringIO()

    call_command("import_payments", path, stdout=out)

    assert "already imported on" in out.getvalue()
    assert BankImport.objects.count() == 1


def test_command_reports_an_unreadable_file_and_imports_the_others(invoices, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"nonsense")
    err = StringIO()

    with pytest.raises(CommandError, match="2 of 3 files were not imported"):
        call_command(
            "import_payments",
            str(tmp_path / "missing.txt"),
            str(bad),
            str(FILES / "camt054_v8.xml"),
            stdout=StringIO(),
            stderr=err,
        )

    assert "missing.txt: cannot be read" in err.getvalue()
    assert "neither a BgMax file" in err.getvalue()
    assert BankImport.objects.count() == 1


# The admin


def test_secretariat_uploads_a_file_and_reads_its_report(invoices, client_for):
    client = client_for("secretariat", user=SecretariatUserFactory(language="en"))
    with (FILES / "bgmax_two_deposits.txt").open("rb") as upload:
        response = client.post(reverse("contributions_bank_files"), {"file": upload})

    report = BankImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "contributions_bank_import", args=[report.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert "bgmax_two_deposits.txt" in page
    assert invoices[1].number in page
    assert reverse("contributions:inspect", args=[invoices[1].pk]) in page
    assert "Over payment" in page


def test_upload_of_a_bad_file_shows_why(invoices, client_for):
    client = client_for("secretariat", user=SecretariatUserFactory(language="en"))
    bomb = b'<!DOCTYPE a [<!ENTITY b "c">]><Document>&b;</Document>'
    response = client.post(
        reverse("contributions_bank_files"),
        {"file": SimpleUploadedFile("bomb.xml", bomb)},
    )

    assert response.status_code == 200
    assert "document type or entities" in response.content.decode()
    assert BankImport.objects.count() == 0


def test_board_sees_the_queue_but_cannot_import(invoices, client_for):
    imported("bgmax_two_deposits.txt")
    client = client_for("board", user=BoardUserFactory(language="en"))

    with (FILES / "camt054_v2.xml").open("rb") as upload:
        response = client.post(reverse("contributions_bank_files"), {"file": upload})
    assert response.status_code == 302
    assert BankImport.objects.count() == 1

    page = client.get(reverse("contributions_reviews")).content.decode()
    assert "Zeta Café HB" in page
    assert invoices[6].number in page  # the suggestion
    assert ">Resolve</a>" not in page and ">Details</a>" in page


def test_secretariat_assigns_from_the_review_page(invoices, client_for):
    imported("bgmax_two_deposits.txt")
    review = review_of("unmatched", amount_minor=1100000)
    client = client_for("secretariat", user=SecretariatUserFactory(language="en"))
    url = reverse("contributions_review", args=[review.pk])

    page = client.get(url).content.decode()
    assert f'value="{invoices[6].number}"' in page

    response = client.post(
        url,
        {
            "action": "assign",
            "assign-invoice": invoices[6].payment_reference,
            "assign-note": "",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.resolution == "assigned"
    assert paid_on(invoices[6]) == [1100000]


def test_review_page_shows_the_services_errors(invoices, client_for):
    imported("bgmax_two_deposits.txt")
    review = review_of("unmatched", amount_minor=1100000)

    response = client_for(
        "secretariat", user=SecretariatUserFactory(language="en")
    ).post(
        reverse("contributions_review", args=[review.pk]),
        {"action": "refund", "refund-note": ""},
    )

    assert response.status_code == 200
    assert "Say how and when the money was sent back." in response.content.decode()


def test_menu_counts_the_open_items(invoices, client_for):
    imported("bgmax_two_deposits.txt")

    page = (
        client_for("secretariat", user=SecretariatUserFactory(language="en"))
        .get(reverse("wagtailadmin_home"))
        .content
    )
    assert b"Payments to review (5)" in page


# Concurrency


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one writer at a time: only PostgreSQL can race",
)


def race(*calls):
    start = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(index, call):
        try:
            start.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_same_file_imported_twice_at_once_is_imported_once():
    invoices = build_invoices()

    first, second = race(
        lambda: imported("bgmax_two_deposits.txt"),
        lambda: imported("bgmax_two_deposits.txt"),
    )

    assert first.pk == second.pk
    assert sorted([first.already_imported_file, second.already_imported_file]) == [
        False,
        True,
    ]
    assert BankImport.objects.count() == 1
    assert BankTransaction.objects.count() == 8
    assert LedgerEntry.objects.filter(source="bank").count() == 5
    assert paid_on(invoices[1]) == [2500000]


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_overlapping_files_imported_at_once_enter_each_payment_once():
    invoices = build_invoices()

    reports = race(
        lambda: imported("camt054_v2.xml"),
        lambda: imported("camt053_v2.xml"),
    )

    assert BankImport.objects.count() == 2
    assert BankTransaction.objects.count() == 6
    new = sum(r.matched + r.short + r.over + r.unmatched for r in reports)
    assert new == 6
    assert sum(r.already_imported for r in reports) == 5
    for n, amounts in {1: [2500000], 2: [2000000], 4: [1000000], 5: [3500000]}.items():
        assert paid_on(invoices[n]) == amounts
    assert PaymentReview.objects.filter(reason="unmatched").count() == 1


def unmatched_camt(*refs: str, message: str) -> bytes:
    entries = "".join(
        f'<Ntry><Amt Ccy="SEK">{100 + n}.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
        f"<Sts>BOOK</Sts><BookgDt><Dt>2026-02-10</Dt></BookgDt>"
        f"<AcctSvcrRef>{ref}</AcctSvcrRef></Ntry>"
        for n, ref in enumerate(refs)
    )
    return (
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.06">'
        f"<BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>{message}</MsgId></GrpHdr><Ntfctn>"
        f"<Acct><Id><IBAN>SE1</IBAN></Id></Acct>{entries}</Ntfctn>"
        "</BkToCstmrDbtCdtNtfctn></Document>"
    ).encode()


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_payment_another_import_is_entering_is_left_to_it(monkeypatch):
    """No invoice lock stands between two imports of unmatched payments: the
    second meets the first's uncommitted row, waits, and counts it as already
    imported once the first commits."""
    build_invoices()
    inserted, insert = threading.Event(), bank._insert

    def slow_insert(bank_import, plans, by):
        insert(bank_import, plans, by)
        if threading.current_thread().name == "first":
            inserted.set()
            # Hold the rows uncommitted while the second import reaches them.
            threading.Event().wait(1.5)

    monkeypatch.setattr(bank, "_insert", slow_insert)
    results = {}

    def run(name, content):
        try:
            results[name] = imported(f"{name}.xml", content=content)
        finally:
            connection.close()

    first = threading.Thread(
        target=run,
        name="first",
        args=("first", unmatched_camt("U1", "U2", message="1")),
    )
    second = threading.Thread(
        target=run,
        name="second",
        args=("second", unmatched_camt("U2", "U3", message="2")),
    )
    first.start()
    assert inserted.wait(30)
    second.start()
    first.join()
    second.join()

    assert counts(results["first"]) == (0, 0, 0, 2, 0)
    assert counts(results["second"]) == (0, 0, 0, 1, 1)
    assert BankTransaction.objects.count() == 3
    assert PaymentReview.objects.filter(reason="unmatched").count() == 3
