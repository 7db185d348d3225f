"""Bank files read into payments: Bankgirot's BgMax and ISO 20022 camt.054
(credit notifications) and camt.053 (statements). Every reader gives the same
`BankPayment`, so matching never asks which format a payment came from.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A district's daily file holds tens or hundreds of payments; 10,000 payments
# of camt.054 are about 10 MB. Anything far larger is not a bank file.
MAX_FILE_BYTES = 20 * 1024 * 1024

BGMAX = "bgmax"
CAMT053 = "camt053"
CAMT054 = "camt054"


@dataclass(frozen=True)
class BankPayment:
    """One incoming payment as the bank reported it. `external_id` is the
    bank's own id of it, the same however often the bank reports it."""

    external_id: str
    booked_on: datetime.date
    amount_minor: int
    currency: str
    reference: str = ""
    payer_name: str = ""
    payer_account: str = ""
    information: str = ""


def file_error(message: str) -> ValidationError:
    return ValidationError(message, code="bank_file")


def detect(content: bytes) -> str | None:
    """The format a file's first bytes announce, or None."""
    head = content[:200].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"01BGMAX"):
        return BGMAX
    if head.startswith((b"<", b"\xff\xfe", b"\xfe\xff")):
        return "xml"
    return None


def parse(content: bytes, file_name: str = "") -> tuple[str, list[BankPayment]]:
    """Read a bank file: (format, its incoming payments). Raises a
    ValidationError that says what is wrong with a file that cannot be read."""
    if not content or not content.strip():
        raise file_error(_("The file is empty."))
    if len(content) > MAX_FILE_BYTES:
        raise file_error(
            _(
                "The file is larger than %(size)s MB: this is not a bank file of "
                "payments. Split it into days and import them one by one."
            )
            % {"size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    kind = detect(content)
    if kind == BGMAX:
        return BGMAX, bgmax.parse(content)
    if kind == "xml":
        return camt.parse(content)
    raise file_error(
        _(
            "This is neither a BgMax file from Bankgirot nor an ISO 20022 "
            "camt.054 or camt.053 file. Download the incoming payments from the "
            "bank in one of these formats."
        )
    )


# The formats build on the names above, so they are imported last.
from members.contributions.bankfiles import bgmax, camt  # noqa: E402
