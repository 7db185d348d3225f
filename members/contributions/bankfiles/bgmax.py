"""Bankgirot's BgMax file (Bankgiro Inbetalningar): fixed-width records of 80
characters in ISO-8859-1, as the BgMax technical manual describes them.

    TK01 start  TK05 opening of a deposit section  TK20 payment
    TK21 deduction  TK22/TK23 extra reference (plus/minus)  TK25 information
    TK26–TK29 payer's name, addresses, organisation number
    TK15 deposit (closes the section)  TK70 end, with the counts of records

A file is read whole or refused: the deposits must add up to their payments
and the end record's counts to the records, or the file is incomplete.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from members.contributions.bankfiles import BankPayment, file_error

RECORD_LENGTH = 80
# TK20–TK23 carry a reference code at position 56: "2" a checked OCR
# reference, "3" several references, "4" one reference.


@dataclass
class _Part:
    """A TK20 payment or TK21 deduction and the records that follow it."""

    kind: str
    line: int
    sender_bankgiro: str
    reference: str
    reference_code: str
    amount_minor: int
    serial: str
    extra: list[tuple[str, str, int, str]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    name: str = ""


@dataclass
class _Section:
    line: int
    bankgiro: str
    currency: str
    parts: list[_Part] = field(default_factory=list)


def _decode(content: bytes) -> str:
    # The manual prescribes ISO-8859-1; a file someone re-saved as UTF-8 is
    # read as such (a Latin-1 file with å, ä or ö is never valid UTF-8).
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("latin-1")


def _number(record: str, start: int, end: int, line: int) -> int:
    """The number at positions start–end (counted from 1, as the manual does)."""
    value = record[start - 1 : end].strip()
    if not (value.isascii() and value.isdigit()):
        raise file_error(
            _(
                "Line %(line)s: positions %(start)s–%(end)s should hold a number but "
                "hold “%(value)s”."
            )
            % {"line": line, "start": start, "end": end, "value": value}
        )
    return int(value)


def _date(value: str, line: int) -> datetime.date:
    try:
        return datetime.datetime.strptime(value, "%Y%m%d").date()
    except ValueError as error:
        raise file_error(
            _("Line %(line)s: %(value)s is not a date.")
            % {"line": line, "value": value}
        ) from error


def _records(text: str):
    for number, raw in enumerate(text.splitlines(), start=1):
        record = raw.rstrip("\r\n").rstrip()
        if not record:
            continue
        if len(record) > RECORD_LENGTH:
            raise file_error(
                _(
                    "Line %(line)s is longer than 80 characters: this is not a "
                    "BgMax file as Bankgirot writes it."
                )
                % {"line": number}
            )
        yield number, record.ljust(RECORD_LENGTH)


def _amount_record(kind: str, record: str, line: int) -> _Part:
    return _Part(
        kind=kind,
        line=line,
        sender_bankgiro=record[2:12].strip().lstrip("0"),
        reference=record[12:37].strip(),
        amount_minor=_number(record, 38, 55, line),
        reference_code=record[55],
        serial=record[57:69].strip(),
    )


def _read(text: str) -> tuple[list[_Section], list[tuple]]:
    """The deposit sections and the deposits (TK15) as read, checked record by
    record for their place in the file."""
    sections: list[_Section] = []
    deposits = []
    records = _records(text)
    first = next(records, None)
    if first is None or first[1][:2] != "01" or first[1][2:22].strip() != "BGMAX":
        raise file_error(_("The file does not start with BgMax's start record."))
    section: _Section | None = None
    part: _Part | None = None
    counts = {"20": 0, "21": 0, "22": 0, "15": 0}
    end = None
    for line, record in records:
        code = record[:2]
        if end is not None:
            raise file_error(
                _("Line %(line)s: records after the end record.") % {"line": line}
            )
        if code == "05":
            if section is not None:
                raise file_error(
                    _("Line %(line)s: a deposit section opens before the last closed.")
                    % {"line": line}
                )
            section = _Section(
                line=line,
                bankgiro=record[2:12].strip().lstrip("0"),
                currency=record[22:25].strip() or "SEK",
            )
            part = None
        elif code in ("20", "21"):
            if section is None:
                raise file_error(
                    _("Line %(line)s: a payment outside a deposit section.")
                    % {"line": line}
                )
            part = _amount_record(code, record, line)
            section.parts.append(part)
            counts[code] += 1
        elif code in ("22", "23"):
            if part is None:
                raise file_error(
                    _("Line %(line)s: an extra reference without its payment.")
                    % {"line": line}
                )
            extra = _amount_record(code, record, line)
            part.extra.append(
                (code, extra.reference, extra.amount_minor, extra.reference_code)
            )
            counts["22"] += 1
        elif code == "25":
            if part is not None and record[2:52].strip():
                part.texts.append(record[2:52].strip())
        elif code == "26":
            if part is not None:
                part.name = " ".join(
                    x for x in (record[2:37].strip(), record[37:72].strip()) if x
                )
        elif code == "15":
            if section is None:
                raise file_error(
                    _("Line %(line)s: a deposit without its opening record.")
                    % {"line": line}
                )
            deposits.append(
                (
                    line,
                    section,
                    _date(record[37:45], line),
                    record[45:50].strip(),
                    _number(record, 51, 68, line),
                    record[68:71].strip() or section.currency,
                    _number(record, 72, 79, line),
                )
            )
            sections.append(section)
            counts["15"] += 1
            section, part = None, None
        elif code == "70":
            end = (
                line,
                _number(record, 3, 10, line),
                _number(record, 11, 18, line),
                _number(record, 19, 26, line),
                _number(record, 27, 34, line),
            )
        # Records of other codes (TK27–TK29 addresses and organisation number,
        # and any the manual adds later) carry nothing a payment is matched by.
    if section is not None:
        raise file_error(
            _(
                "The deposit section opened on line %(line)s is never closed: the "
                "file is incomplete."
            )
            % {"line": section.line}
        )
    if end is None:
        raise file_error(
            _("The file has no end record (TK70): it is incomplete. Download it again.")
        )
    line, payments, deductions, references, deposit_count = end
    if (payments, deductions, references, deposit_count) != (
        counts["20"],
        counts["21"],
        counts["22"],
        counts["15"],
    ):
        raise file_error(
            _(
                "The end record counts %(payments)s payments, %(deductions)s "
                "deductions, %(references)s extra references and %(deposits)s "
                "deposits, but the file holds %(n_payments)s, %(n_deductions)s, "
                "%(n_references)s and %(n_deposits)s. The file is incomplete or "
                "altered; nothing was imported."
            )
            % {
                "payments": payments,
                "deductions": deductions,
                "references": references,
                "deposits": deposit_count,
                "n_payments": counts["20"],
                "n_deductions": counts["21"],
                "n_references": counts["22"],
                "n_deposits": counts["15"],
            }
        )
    return sections, deposits


def _check_deposit(deposit) -> None:
    line, section, _on, _serial, amount, currency, count = deposit
    paid = sum(
        p.amount_minor if p.kind == "20" else -p.amount_minor for p in section.parts
    )
    if amount != paid or count != len(section.parts) or currency != section.currency:
        raise file_error(
            _(
                "Line %(line)s: the deposit of %(amount)s öre in %(count)s payments "
                "does not add up to the payments before it (%(paid)s öre in "
                "%(n)s). The file is incomplete or altered; nothing was imported."
            )
            % {
                "line": line,
                "amount": amount,
                "count": count,
                "paid": paid,
                "n": len(section.parts),
            }
        )


def _split(part: _Part) -> list[tuple[str, int]]:
    """(reference, amount) of each invoice a payment pays: the extra references'
    own amounts when they share the payment out exactly, else the payment whole
    under its first usable reference."""
    shares = [(ref, amount) for code, ref, amount, _c in part.extra if code == "22"]
    if (
        len(shares) > 1
        and len(shares) == len(part.extra)
        and all(amount > 0 and ref for ref, amount in shares)
        and sum(amount for _r, amount in shares) == part.amount_minor
    ):
        return shares
    reference = part.reference
    if not reference:
        usable = [ref for _k, ref, _a, code in part.extra if ref and code != "5"]
        reference = (
            usable[0] if usable else next((r for _k, r, _a, _c in part.extra if r), "")
        )
    return [(reference, part.amount_minor)]


def parse(content: bytes) -> list[BankPayment]:
    sections, deposits = _read(_decode(content))
    payments = []
    for deposit in deposits:
        _check_deposit(deposit)
        _line, section, booked_on, deposit_serial, _amount, currency, _n = deposit
        for part in section.parts:
            others = [ref for _k, ref, _a, _c in part.extra if ref]
            information = " ".join(part.texts)
            if part.kind == "21":
                shares = [(part.reference, -part.amount_minor)]
            else:
                shares = _split(part)
            if len(shares) == 1 and others:
                information = " ".join(
                    x for x in (information, "Ref: " + ", ".join(others)) if x
                )
            base = (
                f"bgmax:{section.bankgiro}:{booked_on:%Y%m%d}:{deposit_serial}:"
                f"{part.kind}:{part.serial}"
            )
            for position, (reference, amount) in enumerate(shares, start=1):
                payments.append(
                    BankPayment(
                        external_id=base if len(shares) == 1 else f"{base}:{position}",
                        booked_on=booked_on,
                        amount_minor=amount,
                        currency=currency,
                        reference=reference,
                        payer_name=part.name,
                        payer_account=part.sender_bankgiro,
                        information=information,
                    )
                )
    return _unique(payments)


def _unique(payments: list[BankPayment]) -> list[BankPayment]:
    """Bankgirot numbers payments uniquely; should two ever share a number in
    one file, the second is told apart by its place, the same on every read."""
    seen: dict[str, int] = {}
    result = []
    for payment in payments:
        n = seen.get(payment.external_id, 0)
        seen[payment.external_id] = n + 1
        if n:
            payment = BankPayment(
                **{**payment.__dict__, "external_id": f"{payment.external_id}#{n}"}
            )
        result.append(payment)
    return result
