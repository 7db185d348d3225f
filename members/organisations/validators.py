"""Organisation numbers of Sweden, Denmark and Norway, with their check digits
(python-stdnum's se.orgnr, dk.cvr and no.orgnr), and Peppol participant ids.

SE: 10 digits (written 556677-8899), Luhn check on the last digit.
DK: CVR, 8 digits, weights 2,7,6,5,4,3,2,1, sum divisible by 11.
NO: 9 digits, weights 3,2,7,6,5,4,3,2,1, sum divisible by 11.

Logos are re-encoded without their metadata (`bid.images`).
"""

import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from stdnum.dk import cvr
from stdnum.no import orgnr as no_orgnr
from stdnum.se import orgnr as se_orgnr

from bid.images import image_refusals, image_without_metadata

LENGTHS = {"SE": 10, "DK": 8, "NO": 9}
EXAMPLES = {"SE": "556677-8899", "DK": "24256790", "NO": "923609016"}


def normalise_org_number(value: str, country: str) -> str:
    """Digits only; a Swedish number may be written with its century (16…)."""
    digits = re.sub(r"[\s\-]", "", value or "")
    if country == "SE" and len(digits) == 12 and digits.startswith("16"):
        digits = digits[2:]
    return digits


def _cvr_check_digit_matches(digits: str) -> bool:
    # cvr.is_valid() also refuses a number starting with 0 (none is issued),
    # which would then be reported as a wrong check digit: the sum alone is checked.
    return cvr.checksum(digits) == 0


# Each check is given ASCII digits of the country's length (validate_org_number
# refuses anything else first, with its own message).
CHECKS = {
    "SE": se_orgnr.is_valid,
    "DK": _cvr_check_digit_matches,
    "NO": no_orgnr.is_valid,
}


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


LOGO_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def logo_clean(upload) -> ContentFile:
    """The logo re-encoded in its own format, named by it, without EXIF or other
    metadata; refused when it has too many pixels."""
    try:
        data, output = image_without_metadata(
            upload,
            refusals=image_refusals(
                not_a_format=_("The file is not an image we can read.")
            ),
        )
    except ValidationError as error:
        raise ValidationError({"logo": error.messages}) from error
    return ContentFile(data, name=f"logo.{LOGO_EXTENSIONS[output]}")
