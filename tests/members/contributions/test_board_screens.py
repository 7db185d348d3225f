"""What the board and the members read about money: amounts in kronor, the
status of every invoice, the year links, the chart, write-offs, and no promise
of card payment where there is none."""

import datetime
import re

import pytest
from django.core import mail

from members.contributions import services
from members.contributions.models import (
    Contribution,
    ContributionScheme,
    CreditNote,
    InvoiceSettings,
    LedgerEntry,
)
from tests.factories.accounts import BoardUserFactory, SecretariatUserFactory
from tests.factories.contributions import SchemeFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoices(django_capture_on_commit_callbacks):
    InvoiceSettings.objects.update_or_create(
        pk=InvoiceSettings.load().pk,
        defaults={"legal_name": "Teststaden BID", "bankgiro": "5050-1055"},
    )
    SchemeFactory(due_date=datetime.date(2099, 3, 31), cap_minor=20_000_00)
    paid, _ = member(properties=[(2000, "office")], legal_name="Betalt AB")
    big, admin = member(properties=[(9000, "office")], legal_name="Stor AB")
    with django_capture_on_commit_callbacks(execute=True):
        services.contributions_issue(
            scheme=ContributionScheme.objects.get(), on=datetime.date(2026, 1, 15)
        )
    by_name = {c.organisation.legal_name: c for c in Contribution.objects.all()}
    services.entry_record(
        contribution=by_name["Betalt AB"],
        kind="bank_payment",
        source="bank",
        external_id="bg-1",
        amount_minor=by_name["Betalt AB"].amount_minor,
        occurred_on=datetime.date(2026, 2, 1),
    )
    return by_name, admin


def test_the_invoice_list_shows_kronor_and_the_status_of_each_invoice(
    client_for, invoices
):
    board = client_for("board", user=BoardUserFactory(language="en"))
    page = board.get("/admin/contributions/?year=2026").content.decode()
    assert "2500000" not in page  # not in öre
    assert "SEK\xa020,000" in page  # Betalt AB: 25 000 kr capped to 20 000
    assert "Paid" in page and "Issued" in page
    assert "Left to pay" in page and "Status" in page


def test_year_links_on_the_overview_are_plain_years(client_for, invoices):
    page = client_for("board").get("/admin/contributions/overview/").content.decode()
    assert 'href="?year=2026"' in page
    assert "2\xa0026" not in page and "2 026" not in page


def test_the_chart_by_use_draws_no_negative_bar(client_for, invoices):
    # Stor AB's 9 000 m² are capped at 20 000 kr: a negative adjustment line.
    assert invoices[0]["Stor AB"].lines.filter(kind="cap").exists()
    page = client_for("board").get("/admin/contributions/overview/?year=2026")
    chart = page.context["use_chart"]
    assert "Maximum" not in chart
    # Every bar's value, as the chart labels it: none is negative. (A bare
    # search for "-75" would also meet the chart's random element ids.)
    values = re.findall(r'<desc class="value">([^<]*)</desc>', chart)
    assert values and not [v for v in values if v.lstrip().startswith(("-", "−"))]
    # The adjustment stays in the table below the chart.
    assert {"key": "cap", "due": -80_000_00} in [
        {"key": row["key"], "due": row["due"]} for row in page.context["by_use"]
    ]


def test_without_stripe_nothing_promises_card_payment(client_for, invoices, settings):
    settings.STRIPE_SECRET_KEY = ""
    contribution = invoices[0]["Stor AB"]
    client = client_for("member", user=invoices[1])
    page = client.get(f"/en/portal/contributions/{contribution.pk}/").content.decode()
    assert "card" not in page.lower()
    assert contribution.payment_reference in page
    assert "Bankgiro" in page and "5050-1055" in page
    invoice_mail = next(m for m in mail.outbox if "Stor AB" in m.body)
    assert "card" not in invoice_mail.body.lower()
    assert "5050-1055" in invoice_mail.body


def test_with_stripe_the_invoice_offers_card_payment(client_for, invoices, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_x"
    contribution = invoices[0]["Stor AB"]
    page = (
        client_for("member", user=invoices[1])
        .get(f"/en/portal/contributions/{contribution.pk}/")
        .content.decode()
    )
    assert "Pay by card" in page


def test_the_secretariat_writes_off_what_will_never_be_paid(client_for, invoices):
    contribution = invoices[0]["Stor AB"]
    url = f"/admin/contributions/inspect/{contribution.pk}/"
    client_for("board").post(url, {"write_off": "1", "write_off-reason": "Konkurs"})
    assert not LedgerEntry.objects.filter(kind="write_off").exists()
    client = client_for("secretariat")
    refused = client.post(url, {"write_off": "1", "write_off-reason": ""})
    assert refused.status_code == 200
    assert not LedgerEntry.objects.filter(kind="write_off").exists()
    response = client.post(url, {"write_off": "1", "write_off-reason": "Konkurs"})
    assert response.status_code == 302
    entry = LedgerEntry.objects.get(kind="write_off")
    assert (entry.amount_minor, entry.reference) == (20_000_00, "Konkurs")
    assert contribution.status == Contribution.Status.WRITTEN_OFF
    assert contribution.balance()["outstanding"] == 0
    # Once settled there is nothing left to write off.
    with pytest.raises(services.ValidationError):
        services.contribution_write_off(
            contribution=contribution, by=entry.recorded_by, reason="igen"
        )


def test_voiding_issues_a_numbered_credit_note_and_keeps_the_invoice(
    client_for, invoices, secretariat_user
):
    contribution = invoices[0]["Stor AB"]
    first = services.contribution_void(
        contribution=contribution,
        by=secretariat_user,
        reason="Fel mottagare",
        on=datetime.date(2026, 2, 3),
    )
    assert (first.number, first.amount_minor, first.issued_on) == (
        "K2026-00001",
        contribution.amount_minor,
        datetime.date(2026, 2, 3),
    )
    assert Contribution.objects.filter(pk=contribution.pk).exists()
    assert contribution.status == Contribution.Status.VOID
    with pytest.raises(services.ValidationError):
        services.contribution_void(
            contribution=contribution, by=secretariat_user, reason="igen"
        )
    # A paid invoice cannot be voided; its payments are refunded first.
    with pytest.raises(services.ValidationError):
        services.contribution_void(
            contribution=invoices[0]["Betalt AB"], by=secretariat_user, reason="x"
        )


def test_the_secretariat_voids_in_the_admin_and_is_told_the_credit_note(
    client_for, invoices
):
    contribution = invoices[0]["Stor AB"]
    url = f"/admin/contributions/inspect/{contribution.pk}/"
    client = client_for("secretariat", user=SecretariatUserFactory(language="en"))
    refused = client.post(url, {"void": "1", "reason": " "})
    assert refused.status_code == 200 and contribution.status != "void"
    response = client.post(url, {"void": "1", "reason": "Fel mottagare"}, follow=True)
    assert "credit note K2026-00001 is issued" in response.content.decode()
    assert contribution.credit_note.reason == "Fel mottagare"
    # The paid invoice is refused with the service's reason, nothing written.
    paid = invoices[0]["Betalt AB"]
    page = client.post(
        f"/admin/contributions/inspect/{paid.pk}/", {"void": "1", "reason": "x"}
    ).content.decode()
    assert "Refund the payments before voiding" in page
    assert not CreditNote.objects.filter(contribution=paid).exists()
