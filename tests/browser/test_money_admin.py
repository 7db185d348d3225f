"""The board issues a year's invoices after seeing what will happen; the
secretariat imports the bank's file, works the review queue and takes the books,
in a real browser with axe-core on every page."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from members.contributions.models import (
    Contribution,
    ContributionScheme,
    InvoiceSettings,
    LedgerEntry,
    PaymentReview,
)
from tests.browser.test_proposals import log_in
from tests.factories.accounts import BoardUserFactory, SecretariatUserFactory
from tests.factories.bankfiles import bgmax
from tests.factories.contributions import SchemeFactory, member
from tests.factories.pages import district_settings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_board_issues_and_secretariat_reconciles_the_bank_file_and_takes_the_books(
    browser, live_server, assert_accessible, tmp_path
):
    district_settings()
    seller = InvoiceSettings.load()
    for field, value in {
        "legal_name": "Teststaden BID",
        "org_number": "769600-0004",
        "vat_number": "SE769600000401",
        "bankgiro": "5050-1055",
    }.items():
        setattr(seller, field, value)
    seller.save()
    SchemeFactory(
        due_date=datetime.date(2099, 3, 31),
        vat_rate=25,
        vat_exemption_reason="",
    )
    member(legal_name="Kajfastigheter AB", properties=[(2000, "office")])
    member(legal_name="Café Kajen AB", properties=[(1000, "retail")])
    scheme = ContributionScheme.objects.get()

    # The board sees what issuing will do, then issues.
    board = log_in(browser, live_server, BoardUserFactory(language="en"), admin=True)
    board.goto("/admin/contributions/overview/")
    assert_accessible(board)
    board.get_by_role("link", name=re.compile(r"^Issue 2026")).click()
    expect(board.locator("main")).to_contain_text("Invoices to issue")
    expect(board.locator("main")).to_contain_text("2")
    assert not Contribution.objects.exists()
    assert_accessible(board)
    board.get_by_role("button", name="Issue and email 2 invoices").click()
    expect(board.locator("#run-status")).to_contain_text("2 invoices issued")
    invoices = {
        c.organisation.legal_name: c for c in Contribution.objects.filter(year=2026)
    }
    kajen = invoices["Kajfastigheter AB"]
    cafe = invoices["Café Kajen AB"]
    # 25 000 kr and 20 000 kr before VAT, 25 % VAT on top.
    assert (kajen.net_minor, kajen.vat_minor, kajen.amount_minor) == (
        25_000_00,
        6_250_00,
        31_250_00,
    )
    assert scheme.pk == kajen.scheme_id

    # The bank's file: Kajfastigheter paid with the OCR number; the café
    # wrote its invoice number instead.
    bank_file = tmp_path / "bgmax.txt"
    bank_file.write_bytes(
        bgmax(
            [
                (kajen.payment_reference, kajen.amount_minor, "KAJFASTIGHETER AB"),
                (f"FAKTURA {cafe.number}", cafe.amount_minor, "CAFE KAJEN AB"),
            ],
            on=datetime.date(2026, 12, 4),
        )
    )
    secretary = SecretariatUserFactory(language="en")
    admin = log_in(browser, live_server, secretary, admin=True)
    admin.goto("/admin/contributions/bank-files/")
    assert_accessible(admin)
    admin.locator("input[type=file]").set_input_files(str(bank_file))
    admin.get_by_role("button", name="Import").click()
    expect(admin.locator("main")).to_contain_text("Matched")
    admin.goto(admin.url)  # without the fading message, for a stable axe check
    assert_accessible(admin)
    assert kajen.status == Contribution.Status.PAID
    assert cafe.status == Contribution.Status.ISSUED

    # The queue: the café's payment, with its invoice suggested.
    admin.goto("/admin/contributions/reviews/")
    assert_accessible(admin)
    admin.get_by_role("link", name="Resolve").click()
    expect(admin.locator("main")).to_contain_text("Suggestion")
    expect(admin.locator("main")).to_contain_text(cafe.number)
    assert_accessible(admin)
    admin.get_by_role("button", name="Assign").click()
    expect(admin.locator("main")).to_contain_text("Assigned")
    admin.goto(admin.url)
    assert_accessible(admin)
    assert cafe.status == Contribution.Status.PAID
    assert not PaymentReview.objects.filter(status="open").exists()
    assert LedgerEntry.objects.filter(kind="bank_payment").count() == 2

    # The invoice as the secretariat sees it, then the books.
    admin.goto(f"/admin/contributions/inspect/{cafe.pk}/")
    expect(admin.locator("main")).to_contain_text("Paid")
    assert_accessible(admin)
    admin.goto("/admin/contributions/books/")
    assert_accessible(admin)
    with admin.expect_download() as download:
        admin.get_by_role("link", name=re.compile("2026")).first.click()
    books = download.value.path().read_bytes().decode("cp437")
    assert "#SIETYP 4" in books
    assert f'"{kajen.number}"' in books
