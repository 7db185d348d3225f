"""A member's funding line through the contributions ledger: the invoice in the
member's portal, in the books and paid from a bank file; invoiced once even when
two people invoice it at once."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from members.contributions import bank
from members.contributions.models import Contribution
from members.contributions.selectors import years_overview
from members.contributions.sie import sie_file
from members.projects.models import FundingLine
from members.projects.services import funding
from tests.concurrency import run_together
from tests.factories.bankfiles import bgmax
from tests.members.projects.funding_world import DAY, decided, world


@pytest.fixture
def invoiced(db):
    w = world()
    share = decided(w, "member", 30_000_00, organisation=w.members[0])
    funding.funding_line_invoice(line=share, by=w.staff, on=DAY)
    return w, FundingLine.objects.select_related("invoice").get(pk=share.pk)


def test_the_invoice_is_a_project_share_in_the_ledger(invoiced):
    _w, share = invoiced
    invoice = share.invoice

    assert (invoice.kind, invoice.amount_minor, invoice.scheme) == (
        "project",
        30_000_00,
        None,
    )
    assert invoice.number == "2026-00001"
    assert "Ljus på Kajen" in invoice.lines.get().description
    # Project shares are not the year's contributions.
    assert years_overview() == []


def test_the_invoice_is_among_the_members_invoices_in_the_portal(invoiced):
    w, share = invoiced
    client = Client()
    client.force_login(w.admins[0])

    page = client.get(reverse("portal:contributions")).content.decode()

    assert share.invoice.number in page


def test_the_invoice_is_in_the_books(invoiced):
    _w, share = invoiced

    books = sie_file(year=2026).content.decode("cp437")

    assert f"Faktura {share.invoice.number} Kajkaf" in books


def test_a_bank_file_payment_pays_the_invoice_and_the_line(invoiced):
    _w, share = invoiced
    content = bgmax(
        [(share.invoice.payment_reference, 30_000_00, "KAJKAFEET AB")],
        on=datetime.date(2026, 3, 20),
    )

    report = bank.bank_file_import(file_name="bg.txt", content=content)
    bank.bank_file_import(file_name="bg.txt", content=content)

    assert report.matched == 1
    assert Contribution.objects.get(pk=share.invoice_id).status == "paid"
    row = FundingLine.objects.get(pk=share.pk)
    assert (row.status, row.paid_on) == ("paid", datetime.date(2026, 3, 20))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite ignores them",
)
def test_two_people_invoicing_the_same_line_at_once_make_one_invoice():
    w = world()
    share = decided(w, "member", 30_000_00, organisation=w.members[0])

    results = run_together(
        lambda: funding.funding_line_invoice(
            line=FundingLine.objects.get(pk=share.pk), by=w.staff, on=DAY
        ),
        lambda: funding.funding_line_invoice(
            line=FundingLine.objects.get(pk=share.pk), by=w.staff, on=DAY
        ),
    )

    assert sum(isinstance(r, FundingLine) for r in results) == 1
    assert Contribution.objects.filter(kind="project").count() == 1
    assert FundingLine.objects.get(pk=share.pk).status == "invoiced"
