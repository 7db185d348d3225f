"""Benchmark: import a camt.054 of 10,000 payments for 10,000 issued invoices.

Builds a throwaway database (PostgreSQL when DATABASE_URL points at one) with
10,000 members, issues their invoices, writes a camt.054 notification of
10,000 payments (most matched, some short, over or with an unknown reference;
half single entries, half in batch entries of five), then times
`bank_file_import` (goal: 10 s), the same file again, and a re-export of it
(new bytes, the same payments). The "paid" events go to the task queue inside
the import; the worker's time to publish them is timed on its own. The
figures go into bench/results.json under "bank_import".

    DATABASE_URL=postgres://… .venv/bin/python bench/bank_import.py
"""

import datetime
import os
import time

import common

common.setup(TASKS_BACKEND="database")  # as in production

from django.db import connection  # noqa: E402
from invoicing import build  # noqa: E402

from members.contributions import bankfiles  # noqa: E402
from members.contributions.bank import bank_file_import, paid_events_publish  # noqa: E402
from members.contributions.models import (  # noqa: E402
    Contribution,
    ContributionScheme,
    LedgerEntry,
)
from members.contributions.services import contributions_issue  # noqa: E402

PAYMENTS = int(os.environ.get("BENCH_PAYMENTS", "10000"))
BATCH = 5


def _transaction(n: int, amount_minor: int, reference: str, payer: str) -> str:
    return (
        f"<TxDtls><Refs><AcctSvcrRef>TX{n:07d}</AcctSvcrRef>"
        "<EndToEndId>NOTPROVIDED</EndToEndId></Refs>"
        f'<Amt Ccy="SEK">{amount_minor // 100}.{amount_minor % 100:02d}</Amt>'
        "<CdtDbtInd>CRDT</CdtDbtInd>"
        f"<RltdPties><Dbtr><Pty><Nm>{payer}</Nm></Pty></Dbtr></RltdPties>"
        "<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>"
        f"<Ref>{reference}</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>"
    )


def _entry(n: int, transactions: list[tuple]) -> str:
    total = sum(t[1] for t in transactions)
    details = "".join(_transaction(*t) for t in transactions)
    return (
        f'<Ntry><NtryRef>{n}</NtryRef><Amt Ccy="SEK">{total // 100}.'
        f"{total % 100:02d}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
        "<BookgDt><Dt>2027-02-01</Dt></BookgDt><ValDt><Dt>2027-02-01</Dt></ValDt>"
        f"<AcctSvcrRef>E{n:07d}</AcctSvcrRef>"
        "<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd>"
        f"</Fmly></Domn></BkTxCd><NtryDtls>{details}</NtryDtls></Ntry>"
    )


def camt054(invoices: list[tuple[str, int, str]], message: str = "BENCH-1") -> bytes:
    """A notification paying each (reference, amount, payer): every 50th short
    by 100 kr, every 50th (offset 1) over by 100 kr, every 50th (offset 2)
    under an unknown reference; the rest exactly."""
    transactions = []
    for n, (reference, amount, payer) in enumerate(invoices):
        if n % 50 == 0:
            amount -= 100_00
        elif n % 50 == 1:
            amount += 100_00
        elif n % 50 == 2:
            reference = f"9{n:010d}"
        transactions.append((n, amount, reference, payer))
    entries, n, position = [], 0, 0
    while position < len(transactions):
        size = 1 if n % 2 == 0 else BATCH
        entries.append(_entry(n, transactions[position : position + size]))
        position += size
        n += 1
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">'
        f"<BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>{message}</MsgId>"
        "<CreDtTm>2027-02-01T18:00:00</CreDtTm></GrpHdr><Ntfctn><Id>N1</Id>"
        "<Acct><Id><IBAN>SE4550000000058398257466</IBAN></Id><Ccy>SEK</Ccy></Acct>"
        + "".join(entries)
        + "</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>"
    ).encode()


def main() -> None:
    with common.throwaway_database():
        started = time.perf_counter()
        build(PAYMENTS)
        contributions_issue(
            scheme=ContributionScheme.objects.get(), on=datetime.date(2027, 1, 10)
        )
        invoices = list(
            Contribution.objects.order_by("pk").values_list(
                "payment_reference", "amount_minor", "organisation__legal_name"
            )
        )
        content = camt054(invoices)
        built = time.perf_counter() - started

        started = time.perf_counter()
        _kind, payments = bankfiles.parse(content, "bench.xml")
        parsed = time.perf_counter() - started
        started = time.perf_counter()
        report = bank_file_import(file_name="bench.xml", content=content)
        first = time.perf_counter() - started
        started = time.perf_counter()
        again = bank_file_import(file_name="bench.xml", content=content)
        second = time.perf_counter() - started
        started = time.perf_counter()
        re_export = bank_file_import(
            file_name="bench-2.xml", content=camt054(invoices, message="BENCH-2")
        )
        third = time.perf_counter() - started

        assert len(payments) == PAYMENTS
        assert again.already_imported_file and again.pk == report.pk
        assert re_export.already_imported == PAYMENTS
        entries = LedgerEntry.objects.filter(source="bank").count()
        assert entries == report.matched + report.short + report.over
        paid = list(
            Contribution.objects.with_balance()
            .filter(outstanding_minor=0)
            .values_list("pk", flat=True)
        )
        started = time.perf_counter()
        paid_events_publish.call(contribution_ids=paid)
        events = time.perf_counter() - started
        figures = {
            "payments": PAYMENTS,
            "database": connection.vendor,
            "file_megabytes": round(len(content) / 1024 / 1024, 1),
            "build_seconds": round(built, 1),
            "parse_seconds": round(parsed, 2),
            "import_seconds": round(first, 2),
            "payments_per_second": round(PAYMENTS / first),
            "second_import_seconds": round(second, 3),
            "re_export_seconds": round(third, 2),
            "paid_events_seconds": round(events, 1),
            "matched": report.matched,
            "short": report.short,
            "over": report.over,
            "unmatched": report.unmatched,
        }
    common.record(figures, "bank_import")


if __name__ == "__main__":
    main()
