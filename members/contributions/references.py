"""Payment references and payee details of the district's country.

Sweden pays to a bankgiro (or plusgiro) with an OCR reference, Norway to an
account number with a KID, Denmark with an FI-kort +71 line. All three check
their reference with the Luhn (modulus 10) digit; they differ in length and in
how the reference is written. IBAN and BIC are printed too, for payers abroad.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import bic, iban, luhn
from stdnum.dk import cvr
from stdnum.no import kontonr, mva
from stdnum.se import vat as se_vat

from members.organisations.validators import validate_org_number, validate_peppol_id

FIK_PAYMENT_ID_DIGITS = 15
# The ISO 6523 scheme of an organisation number, per country (Peppol's code list).
PEPPOL_SCHEMES = {"SE": "0007", "NO": "0192", "DK": "0184"}


def payment_reference(*, year: int, number: int, country: str) -> str:
    """The reference a payer types: year and invoice number with a Luhn digit;
    Denmark's FI-kort +71 payment id is always 15 digits."""
    base = f"{year}{number:06d}"
    if country == "DK":
        base = base.zfill(FIK_PAYMENT_ID_DIGITS - 1)
    return f"{base}{luhn.calc_check_digit(base)}"


def normalise_reference(value: str) -> str:
    """The digits of a reference as a bank file or a payer writes it: spaces and
    dashes dropped, an FI line ("+71<…+creditor<") reduced to its payment id,
    a Swedish OCR's leading zeros kept."""
    value = (value or "").strip()
    fik = re.match(r"^\+?71<?(\d{15})[+ ]", value)
    if fik:
        return fik.group(1)
    return re.sub(r"[\s\-]", "", value)


def reference_candidates(value: str) -> list[str]:
    """Forms under which a reference read from a bank may be stored: as it is,
    and without the zeros some banks pad it with."""
    reference = normalise_reference(value)
    if not reference.isdigit():
        return [reference] if reference else []
    forms = {reference, reference.lstrip("0")}
    if len(reference) < FIK_PAYMENT_ID_DIGITS:
        forms.add(reference.zfill(FIK_PAYMENT_ID_DIGITS))
    return sorted(f for f in forms if f)


def reference_label(country: str) -> str:
    return {"SE": _("OCR number"), "NO": _("KID number"), "DK": _("FI payment id")}[
        country
    ]


def fik_line(*, payment_id: str, creditor: str) -> str:
    """The FI-kort code line a Danish payer types into the bank: +71<id+creditor<."""
    return f"+71<{payment_id}+{creditor}<"


@dataclass(frozen=True)
class PayeeLine:
    label: str
    value: str


def payee_lines(settings, *, reference: str) -> list[PayeeLine]:
    """What a payer needs to pay an invoice, most usual way first, named in the
    active language."""
    pay = payee_context(settings, reference=reference)
    labels = {
        "bankgiro": _("Bankgiro"),
        "plusgiro": _("Plusgiro"),
        "account": _("Account number"),
        "fik": _("FI-kort"),
    }
    lines = [PayeeLine(label, pay[key]) for key, label in labels.items() if pay[key]]
    lines.append(PayeeLine(reference_label(settings.country), reference))
    lines += [PayeeLine(key.upper(), pay[key]) for key in ("iban", "bic") if pay[key]]
    return lines


def payee_context(settings, *, reference: str) -> dict:
    """The payment details as plain values, for templates that name them in
    the reader's language (emails render later, in each recipient's)."""
    return {
        "country": settings.country,
        "reference": reference,
        "bankgiro": settings.bankgiro if settings.country == "SE" else "",
        "plusgiro": settings.plusgiro if settings.country == "SE" else "",
        "account": format_no_account(settings.account_number)
        if settings.country == "NO"
        else "",
        "fik": fik_line(payment_id=reference, creditor=settings.fik_creditor)
        if settings.country == "DK" and settings.fik_creditor
        else "",
        "iban": iban.format(settings.iban) if settings.iban else "",
        "bic": settings.bic.upper(),
    }


def format_no_account(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    if len(digits) == 11:
        return f"{digits[:4]}.{digits[4:6]}.{digits[6:]}"
    return number


def seller_peppol_id(settings) -> tuple[str, str]:
    """(scheme, id) of the district on the Peppol network."""
    if settings.peppol_id:
        scheme, _sep, identifier = settings.peppol_id.strip().partition(":")
        return scheme, identifier
    digits = re.sub(r"\D", "", settings.org_number or "")
    return PEPPOL_SCHEMES.get(settings.country, "0007"), digits


def buyer_peppol_id(organisation) -> tuple[str, str]:
    """(scheme, id) of a member: its own Peppol id, else its organisation number
    under its country's scheme."""
    if organisation.peppol_id:
        scheme, _sep, identifier = organisation.peppol_id.strip().partition(":")
        return scheme, identifier
    return PEPPOL_SCHEMES.get(organisation.country, "0007"), organisation.org_number


def _digits(value: str) -> str:
    return re.sub(r"[\s\-.]", "", value or "")


def invoice_settings_errors(settings) -> dict[str, str]:
    """Field errors of the invoice settings: numbers checked by their own rules."""
    errors = {}
    country = settings.country
    if settings.org_number:
        try:
            validate_org_number(settings.org_number, country)
        except ValidationError as error:
            errors["org_number"] = error.messages[0]
    if settings.vat_number:
        checks = {
            "SE": se_vat.is_valid,
            "DK": lambda v: v.upper().startswith("DK") and cvr.is_valid(v),
            "NO": mva.is_valid,
        }
        if not checks[country](settings.vat_number):
            errors["vat_number"] = _(
                "This is not a valid VAT number of the chosen country."
            )
    for field in ("bankgiro", "plusgiro"):
        value = _digits(getattr(settings, field))
        if value and not (
            value.isdigit() and 2 <= len(value) <= 8 and luhn.is_valid(value)
        ):
            errors[field] = _("This number's check digit does not match.")
    if settings.account_number and not kontonr.is_valid(settings.account_number):
        errors["account_number"] = _("Enter a Norwegian account number of 11 digits.")
    fik = _digits(settings.fik_creditor)
    if fik and not (fik.isdigit() and len(fik) == 8):
        errors["fik_creditor"] = _("Enter the 8-digit creditor number.")
    if settings.iban and not iban.is_valid(settings.iban):
        errors["iban"] = _("This is not a valid IBAN.")
    if settings.bic and not bic.is_valid(settings.bic):
        errors["bic"] = _("This is not a valid BIC.")
    if settings.peppol_id:
        try:
            validate_peppol_id(settings.peppol_id)
        except ValidationError as error:
            errors["peppol_id"] = error.messages[0]
    if country == "SE" and not (
        settings.bankgiro or settings.plusgiro or settings.iban
    ):
        errors["bankgiro"] = _("Give a bankgiro, a plusgiro or an IBAN to be paid to.")
    if country == "NO" and not (settings.account_number or settings.iban):
        errors["account_number"] = _("Give the account KID payments go to.")
    if country == "DK" and not (settings.fik_creditor or settings.iban):
        errors["fik_creditor"] = _("Give the FI creditor number or an IBAN.")
    return errors
