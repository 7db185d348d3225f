"""The contributions' spreadsheets: a year's invoices with what is paid and
what is outstanding, and a year's ledger (the money that moved). The
secretariat downloads them in the admin, the auditor in the audit pages."""

from django.http import HttpResponse

from bid.spreadsheet import csv_response, text_cell
from members.contributions import sie
from members.contributions.models import LedgerEntry
from members.contributions.selectors import annual_contributions


def _major(minor: int) -> str:
    return f"{minor / 100:.2f}"


def contributions_csv(*, year: int) -> HttpResponse:
    header = [
        "number",
        "organisation",
        "org_number",
        "currency",
        "amount",
        "paid",
        "outstanding",
        "status",
        "issued_on",
        "due_date",
        "payment_reference",
    ]
    contributions = (
        annual_contributions()
        .filter(year=year)
        .with_balance()
        .select_related("organisation")
    )
    rows = (
        [
            contribution.number,
            text_cell(contribution.organisation.legal_name),
            text_cell(contribution.organisation.org_number_display),
            contribution.currency,
            _major(contribution.amount_minor),
            _major(contribution.paid_minor),
            _major(contribution.outstanding_minor),
            contribution.status,
            contribution.issued_on.isoformat(),
            contribution.due_date.isoformat(),
            text_cell(contribution.payment_reference),
        ]
        for contribution in contributions
    )
    return csv_response(f"contributions-{year}.csv", header, rows)


def sie_download(*, year: int) -> HttpResponse:
    """The year's SIE 4 file as a download; raises `sie.SieError` when the
    year cannot be written as one."""
    books = sie.sie_file(year=year)
    response = HttpResponse(books.content, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{books.filename}"'
    return response


def ledger_entries(*, year: int):
    """The money that moved in the year, in the order it moved."""
    return (
        LedgerEntry.objects.filter(occurred_on__year=year)
        .select_related("contribution__organisation")
        .order_by("occurred_on", "pk")
    )


def ledger_csv(*, year: int) -> HttpResponse:
    header = [
        "date",
        "kind",
        "source",
        "invoice",
        "organisation",
        "currency",
        "amount",
        "reference",
        "external_id",
    ]
    rows = (
        [
            entry.occurred_on.isoformat(),
            entry.kind,
            entry.source,
            entry.contribution.number,
            text_cell(entry.contribution.organisation.legal_name),
            entry.currency,
            _major(entry.amount_minor),
            text_cell(entry.reference),
            text_cell(entry.external_id),
        ]
        for entry in ledger_entries(year=year)
    )
    return csv_response(f"ledger-{year}.csv", header, rows)
