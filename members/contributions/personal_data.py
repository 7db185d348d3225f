"""The contributions part of a person's data: the card payments they started
and, for the secretariat, the money records they entered or resolved."""

from members.accounts import personal_data
from members.contributions.models import (
    BankImport,
    CreditNote,
    InvoicingRun,
    LedgerEntry,
    PaymentAttempt,
    PaymentReview,
)

personal_data.records(
    "card_payments_started",
    PaymentAttempt,
    "started_by",
    invoice="contribution.number",
    organisation="contribution.organisation.legal_name",
    amount_minor="amount_minor",
    currency="contribution.currency",
    status="status",
    failure="failure_message",
    started="created_at",
)

personal_data.records(
    "ledger_entries_recorded",
    LedgerEntry,
    "recorded_by",
    invoice="contribution.number",
    organisation="contribution.organisation.legal_name",
    kind="kind",
    source="source",
    amount_minor="amount_minor",
    currency="currency",
    date="occurred_on",
    reference="reference",
    recorded="recorded_at",
)

personal_data.records(
    "invoicing_runs_started",
    InvoicingRun,
    "started_by",
    year="scheme.year",
    scheme_version="scheme.version",
    status="status",
    invoices_created="created",
    started="started_at",
    finished="finished_at",
)

personal_data.records(
    "credit_notes_created",
    CreditNote,
    "created_by",
    number="number",
    invoice="contribution.number",
    organisation="contribution.organisation.legal_name",
    amount_minor="amount_minor",
    currency="currency",
    reason="reason",
    issued_on="issued_on",
)

personal_data.records(
    "bank_files_imported",
    BankImport,
    "imported_by",
    file_name="file_name",
    format="format",
    imported="imported_at",
    matched="matched",
    short="short",
    over="over",
    unmatched="unmatched",
    already_imported="already_imported",
)

personal_data.records(
    "payment_reviews_resolved",
    PaymentReview,
    "resolved_by",
    reason="reason",
    amount_minor="amount_minor",
    currency="currency",
    invoice="contribution.number",
    resolution="resolution",
    resolved="resolved_at",
    note="note",
)
