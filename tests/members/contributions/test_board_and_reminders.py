"""Board overview and CSV, bank payments, receipts and reminders."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command as run_command

from members.contributions import services
from members.contributions.models import Contribution, ContributionScheme, LedgerEntry
from tests.factories.contributions import SchemeFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(django_capture_on_commit_callbacks):
    SchemeFactory(due_date=datetime.date(2026, 3, 31))
    paid, _ = member(properties=[(2000, "office")], legal_name="Betalt AB")  # 25 000
    late, admin = member(properties=[(1000, "retail")], legal_name="Sen AB")  # 20 000
    services.contributions_issue(
        scheme=ContributionScheme.objects.get(), on=datetime.date(2026, 1, 15)
    )
    mail.outbox.clear()
    return {c.organisation.legal_name: c for c in Contribution.objects.all()}, admin


def test_secretariat_records_a_bank_payment_once_even_if_submitted_twice(
    client_for, year
):
    contributions, _ = year
    contribution = contributions["Betalt AB"]
    client = client_for("secretariat")
    url = f"/admin/contributions/inspect/{contribution.pk}/"
    data = {
        "amount_minor": "25000",
        "occurred_on": "2026-03-20",
        "reference": "BG 2026-03-20",
        "token": "abc123",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # the browser's back-and-resubmit
    entry = LedgerEntry.objects.get()
    assert (entry.kind, entry.amount_minor, entry.occurred_on) == (
        "bank_payment",
        25_000_00,
        datetime.date(2026, 3, 20),
    )
    assert contribution.status == Contribution.Status.PAID


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("amount_minor", "0"),
        ("amount_minor", "-5"),
        ("amount_minor", "lots"),
        ("occurred_on", "2999-01-01"),
    ],
)
def test_bad_bank_payments_are_refused(client_for, year, field, value):
    contributions, _ = year
    data = {
        "amount_minor": "100",
        "occurred_on": "2026-03-20",
        "reference": "x",
        "token": "t1",
        field: value,
    }
    response = client_for("secretariat").post(
        f"/admin/contributions/inspect/{contributions['Betalt AB'].pk}/", data
    )
    assert response.status_code == 200
    assert not LedgerEntry.objects.exists()


def test_the_board_cannot_record_payments(client_for, year):
    contributions, _ = year
    data = {
        "amount_minor": "100",
        "occurred_on": "2026-03-20",
        "reference": "x",
        "token": "t1",
    }
    client_for("board").post(
        f"/admin/contributions/inspect/{contributions['Betalt AB'].pk}/", data
    )
    assert not LedgerEntry.objects.exists()


def test_overview_shows_due_collected_overdue_and_exports_csv(client_for, year):
    contributions, _ = year
    services.entry_record(
        contribution=contributions["Betalt AB"],
        kind="bank_payment",
        source="bank",
        external_id="b1",
        amount_minor=25_000_00,
        occurred_on=datetime.date(2026, 3, 1),
    )
    client = client_for("board")
    html = client.get("/admin/contributions/overview/?year=2026").content.decode()
    assert "<svg" in html
    assert "45\xa0000\xa0kr" in html  # due
    assert "25\xa0000\xa0kr" in html  # collected
    assert "Sen AB" in html  # overdue list

    response = client.get("/admin/contributions/export/2026.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_name = {row["organisation"]: row for row in rows}
    assert by_name["Betalt AB"]["status"] == "paid"
    assert by_name["Sen AB"]["status"] == "overdue"
    assert by_name["Sen AB"]["outstanding"] == "20000.00"
    assert (
        client_for("member").get("/admin/contributions/export/2026.csv").status_code
        == 302
    )


def test_receipt_page_shows_the_payment_in_the_members_language(client_for, year):
    contributions, admin = year
    entry, _ = services.entry_record(
        contribution=contributions["Sen AB"],
        kind="bank_payment",
        source="bank",
        external_id="b2",
        amount_minor=5_000_00,
        occurred_on=datetime.date(2026, 4, 2),
    )
    client = client_for("member", user=admin)
    html = client.get(f"/en/portal/receipts/{entry.pk}/").content.decode()
    assert "Receipt" in html and "5,000" in html
    html = client.get(f"/portal/receipts/{entry.pk}/").content.decode()
    assert "Kvitto" in html and "5\xa0000\xa0kr" in html
    detail = client.get(
        f"/en/portal/contributions/{contributions['Sen AB'].pk}/"
    ).content.decode()
    assert "Overdue" in detail and "partly paid" in detail


def test_reminders_are_sent_once_each(year, django_capture_on_commit_callbacks):
    contributions, admin = year

    def call_command(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            run_command(*args, **kwargs)

    call_command("send_contribution_reminders", "--today=2026-03-26", verbosity=0)
    due_soon = list(mail.outbox)
    assert any(admin.email in m.to for m in due_soon)
    assert all(
        "due on" in m.subject
        or "förfaller" in m.subject.lower()
        or "2026-03-31" in m.subject
        for m in due_soon
    )
    call_command("send_contribution_reminders", "--today=2026-03-27", verbosity=0)
    assert len(mail.outbox) == len(due_soon)

    services.entry_record(
        contribution=contributions["Betalt AB"],
        kind="bank_payment",
        source="bank",
        external_id="b3",
        amount_minor=25_000_00,
        occurred_on=datetime.date(2026, 3, 30),
    )
    call_command("send_contribution_reminders", "--today=2026-04-05", verbosity=0)
    overdue = mail.outbox[len(due_soon) :]
    assert overdue and all("Sen AB" in m.subject for m in overdue)
    call_command("send_contribution_reminders", "--today=2026-04-06", verbosity=0)
    assert len(mail.outbox) == len(due_soon) + len(overdue)
