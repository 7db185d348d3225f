"""Organisation numbers of Sweden, Denmark and Norway, with their check digits.

SE: 10 digits (written 556677-8899), Luhn check on the last digit.
DK: CVR, 8 digits, weights 2,7,6,5,4,3,2,1, sum divisible by 11.
NO: 9 digits, weights 3,2,7,6,5,4,3,2; check digit 11 - sum mod 11 (11 → 0).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LENGTHS = {"SE": 10, "DK": 8, "NO": 9}
EXAMPLES = {"SE": "556677-8899", "DK": "24256790", "NO": "923609016"}


def normalise_org_number(value: str, country: str) -> str:
    """Digits only; a Swedish number may be written with its century (16…)."""
    digits = re.sub(r"[\s\-]", "", value or "")
    if country == "SE" and len(digits) == 12 and digits.startswith("16"):
        digits = digits[2:]
    return digits


def _luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        number = int(char)
        if position % 2 == 1:
            number *= 2
            if number > 9:
                number -= 9
        total += number
    return total % 10 == 0


def _cvr_valid(digits: str) -> bool:
    weights = (2, 7, 6, 5, 4, 3, 2, 1)
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


def _norwegian_valid(digits: str) -> bool:
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    remainder = sum(int(d) * w for d, w in zip(digits[:8], weights, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(digits[8])


CHECKS = {"SE": _luhn_valid, "DK": _cvr_valid, "NO": _norwegian_valid}


def validate_org_number(value: str, country: str) -> str:
    """Return the normalised number, or raise a ValidationError saying what is wrong."""
    if country not in LENGTHS:
        raise ValidationError(
            _("Choose the country the organisation is registered in.")
        )
    digits = normalise_org_number(value, country)
    length = LENGTHS[country]
    # isdigit() alone passes "²" and other scripts' digits, which int() refuses.
    if not (digits.isascii() and digits.isdigit()) or len(digits) != length:
        raise ValidationError(
            _("Enter %(length)s digits, for example %(example)s."),
            code="format",
            params={"length": length, "example": EXAMPLES[country]},
        )
    if not CHECKS[country](digits):
        raise ValidationError(
            _("This number's check digit does not match; check for a typing error."),
            code="checksum",
        )
    return digits


def format_org_number(digits: str, country: str) -> str:
    if country == "SE" and len(digits) == 10:
        return f"{digits[:6]}-{digits[6:]}"
    return digits


# ISO 6523 schemes of the Peppol participant ids a Nordic buyer uses: 0007 Swedish
# organisation number, 0088 GLN, 0184 Danish CVR, 0192 Norwegian organisation
# number, 0198 Danish ERST, 9955 Swedish VAT (the Peppol code list has more).
PEPPOL_ID = re.compile(r"^(\d{4}):([A-Za-z0-9][A-Za-z0-9.\-_]{0,49})$")


def validate_peppol_id(value: str) -> None:
    if value and not PEPPOL_ID.match(value.strip()):
        raise ValidationError(
            _("Enter the scheme and the id, for example 0007:2120000142."),
            code="peppol_id",
        )
