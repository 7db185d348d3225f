"""ISO 20022 camt.054 (bank-to-customer debit/credit notification) and camt.053
(statement), any version from 001.02 on: only the elements a credit needs are
read, by their names in whatever namespace the bank writes.

Booked credits only (CdtDbtInd CRDT, status BOOK, not a reversal); one payment
per transaction detail (TxDtls), so a batch entry gives several. The bank's id
of a payment is its transaction's account servicer reference, else the entry's
with the payment's place in the entry: a camt.053 reports the same id as the
camt.054 before it, so a payment read from both is entered once.
"""

import hashlib
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from lxml import etree

from members.contributions.bankfiles import (
    CAMT053,
    CAMT054,
    BankPayment,
    file_error,
)

MESSAGES = {
    "BkToCstmrDbtCdtNtfctn": (CAMT054, "Ntfctn"),
    "BkToCstmrStmt": (CAMT053, "Stmt"),
}
CURRENCY = re.compile(r"^[A-Z]{3}$")
MINOR_DIGITS = 2  # SEK, NOK, DKK and EUR alike
MAX_ID = 120


@lru_cache(maxsize=256)
def _path(path: str) -> str:
    """ "RmtInf/Ustrd" → "{*}RmtInf/{*}Ustrd": any namespace, or none."""
    return "/".join(f"{{*}}{step}" for step in path.split("/"))


def _text(element, path: str) -> str:
    found = element.find(_path(path))
    return (found.text or "").strip() if found is not None else ""


def _texts(element, path: str) -> list[str]:
    return [
        (found.text or "").strip()
        for found in element.iterfind(_path(path))
        if (found.text or "").strip()
    ]


def _parser() -> etree.XMLParser:
    # No entities expanded, no DTD loaded, nothing fetched over the network.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _root(content: bytes):
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        raise file_error(
            _(
                "The file declares a document type or entities, which bank files "
                "never do. It was not read."
            )
        )
    try:
        root = etree.fromstring(content, _parser())
    except (etree.XMLSyntaxError, ValueError) as error:
        raise file_error(
            _("The file is not well-formed XML and cannot be read (%(error)s).")
            % {"error": str(error)[:200]}
        ) from error
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise file_error(
            _(
                "The file declares a document type or entities, which bank files "
                "never do. It was not read."
            )
        )
    return root


def _amount(element, line: str) -> tuple[int, str]:
    """(minor units, currency) of an amount element such as <Amt Ccy="SEK">."""
    currency = (element.get("Ccy") or "").strip().upper()
    try:
        value = Decimal((element.text or "").strip())
    except InvalidOperation:
        value = None
    if (
        value is None
        or not value.is_finite()
        or value < 0
        or not CURRENCY.match(currency)
        or value != value.quantize(Decimal(1).scaleb(-MINOR_DIGITS))
    ):
        raise file_error(
            _("%(where)s: %(amount)s %(currency)s is not an amount this file may hold.")
            % {
                "where": line,
                "amount": (element.text or "").strip()[:30],
                "currency": currency[:10],
            }
        )
    return int(value.scaleb(MINOR_DIGITS)), currency


def _date(element, path: str):
    value = _text(element, f"{path}/Dt") or _text(element, f"{path}/DtTm")[:10]
    return parse_date(value) if value else None


def _external_id(parts: list[str]) -> str:
    value = "camt:" + ":".join(parts)
    if len(value) > MAX_ID:
        value = value[:80] + ":" + hashlib.sha256(value.encode()).hexdigest()[:32]
    return value


def parse(content: bytes) -> tuple[str, list[BankPayment]]:
    root = _root(content)
    if etree.QName(root).localname != "Document" or len(root) == 0:
        raise _wrong_format()
    message = root[0]
    name = etree.QName(message).localname
    if name == "BkToCstmrAcctRpt":
        raise file_error(
            _(
                "This is a camt.052 account report, which lists payments before "
                "they are booked. Download camt.054 (notifications of incoming "
                "payments) or camt.053 (the statement) instead."
            )
        )
    if name not in MESSAGES:
        raise _wrong_format()
    kind, container = MESSAGES[name]
    payments = []
    for number, report in enumerate(message.iterfind(_path(container)), start=1):
        account = (
            _text(report, "Acct/Id/IBAN")
            or _text(report, "Acct/Id/Othr/Id")
            or str(number)
        )
        for position, entry in enumerate(report.iterfind(_path("Ntry")), start=1):
            payments.extend(_entry_payments(entry, account, position))
    return kind, payments


def _wrong_format():
    return file_error(
        _(
            "This XML file is not an ISO 20022 camt.054 or camt.053 file. Download "
            "the incoming payments from the bank in one of these formats."
        )
    )


def _entry_payments(entry, account: str, position: int) -> list[BankPayment]:
    where = _("Entry %(n)s") % {"n": position}
    if _text(entry, "CdtDbtInd") != "CRDT":
        return []
    if _text(entry, "RvslInd").lower() in ("true", "1"):
        return []
    status = _text(entry, "Sts/Cd") or _text(entry, "Sts")
    if status and status != "BOOK":
        return []
    booked_on = _date(entry, "BookgDt") or _date(entry, "ValDt")
    if booked_on is None:
        raise file_error(_("%(where)s has no booking date.") % {"where": where})
    amount_element = entry.find(_path("Amt"))
    if amount_element is None:
        raise file_error(_("%(where)s has no amount.") % {"where": where})
    entry_amount = _amount(amount_element, where)
    entry_ref = _text(entry, "AcctSvcrRef")
    entry_no = _text(entry, "NtryRef")
    details = list(entry.iterfind(_path("NtryDtls/TxDtls")))
    single = len(details) <= 1
    payments = []
    for index, detail in enumerate(details or [None], start=1):
        if detail is not None and _text(detail, "CdtDbtInd") == "DBIT":
            continue
        amount, currency = _detail_amount(detail, entry_amount, single, where)
        reference, payer, payer_account, information = _detail_parties(detail)
        extra = _text(entry, "AddtlNtryInf")
        information = " ".join(x for x in (information, extra) if x)
        tx_ref = _text(detail, "Refs/AcctSvcrRef") if detail is not None else ""
        end_to_end = _text(detail, "Refs/EndToEndId") if detail is not None else ""
        if tx_ref:
            key = [account, tx_ref]
        elif entry_ref:
            key = [account, entry_ref] if single else [account, entry_ref, str(index)]
        elif entry_no:
            key = [account, "n", entry_no, str(index)]
        elif end_to_end and end_to_end.upper() != "NOTPROVIDED":
            key = [account, "e", end_to_end, str(index)]
        else:
            digest = hashlib.sha256(
                "|".join(
                    map(
                        str,
                        (
                            booked_on,
                            amount,
                            currency,
                            reference,
                            payer,
                            position,
                            index,
                        ),
                    )
                ).encode()
            ).hexdigest()[:24]
            key = [account, "h", digest]
        payments.append(
            BankPayment(
                external_id=_external_id(key),
                booked_on=booked_on,
                amount_minor=amount,
                currency=currency,
                reference=reference[:70],
                payer_name=payer[:140],
                payer_account=payer_account[:70],
                information=information[:500],
            )
        )
    return payments


def _detail_amount(detail, entry_amount, single: bool, where: str) -> tuple[int, str]:
    """The transaction's amount: its own (camt 001.03 on), its amount details,
    the amount instructed, or, for an entry of one payment, the entry's."""
    if detail is not None:
        for path in ("Amt", "AmtDtls/TxAmt/Amt", "AmtDtls/InstdAmt/Amt"):
            element = detail.find(_path(path))
            if element is not None:
                return _amount(element, where)
    if single:
        return entry_amount
    raise file_error(
        _("%(where)s: a payment in a batch has no amount of its own.")
        % {"where": where}
    )


def _detail_parties(detail) -> tuple[str, str, str, str]:
    """(reference, payer's name, payer's account, other information)."""
    if detail is None:
        return "", "", "", ""
    structured = _texts(detail, "RmtInf/Strd/CdtrRefInf/Ref")
    unstructured = " ".join(_texts(detail, "RmtInf/Ustrd"))
    reference = structured[0] if structured else unstructured
    information = [
        *structured[1:],
        unstructured if structured else "",
        _text(detail, "AddtlTxInf"),
    ]
    payer = (
        _text(detail, "RltdPties/Dbtr/Nm")
        or _text(detail, "RltdPties/Dbtr/Pty/Nm")
        or _text(detail, "RltdPties/UltmtDbtr/Nm")
        or _text(detail, "RltdPties/UltmtDbtr/Pty/Nm")
    )
    account = _text(detail, "RltdPties/DbtrAcct/Id/IBAN") or _text(
        detail, "RltdPties/DbtrAcct/Id/Othr/Id"
    )
    return reference, payer, account, " ".join(x for x in information if x)
