"""The books: a year's verifications as a SIE 4 import file (type 4I), booked to
the accounts of `BookkeepingSettings` (BAS by default).

Written to SIE-gruppen's "SIE filformat" (utgåva 4B, unchanged in 4C): records
in the order flag, identification, chart of accounts, verifications; IBM
codepage 437 (`#FORMAT PC8`); dates YYYYMMDD; amounts with a dot, two decimals,
credit negative. A type 4I file carries verifications and no balances.

Series, each numbered from 1 in the order of date, then document number (the
invoices and credit notes) or entry id (the ledger):

    F  invoices            D receivables, C revenue (exempt account at 0 %), C VAT
    K  credit notes        the invoice reversed
    B  bank payments       D bank, C receivables
    S  card payments       D card payments to get from Stripe, C receivables
    R  refunds             D receivables, C the account the payment came in on
    A  write-offs          D bad debts and VAT (the invoice's proportion),
                           C receivables

The file's texts are Swedish whatever the reader's language: SIE and the BAS
chart are Swedish bookkeeping, read by Swedish bookkeeping programs.
"""

import datetime
import importlib.metadata
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db.models import Count, F
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from members.contributions.models import (
    BookkeepingSettings,
    Contribution,
    CreditNote,
    InvoiceSettings,
    LedgerEntry,
)

PROGRAM = "BID Platform"
LINE_END = "\r\n"  # the spec asks for LF and allows CR before it; DOS readers want both
CHUNK = 2000

INVOICES, CREDIT_NOTES, BANK, CARD, REFUNDS, WRITE_OFFS = "F", "K", "B", "S", "R", "A"
SERIES_ORDER = (INVOICES, CREDIT_NOTES, BANK, CARD, REFUNDS, WRITE_OFFS)
# BAS names of the default accounts and of the usual alternatives to them.
BAS_NAMES = {
    "1510": "Kundfordringar",
    "1580": "Fordringar för kontokort och kuponger",
    "1910": "Kassa",
    "1920": "PlusGiro",
    "1930": "Företagskonto/checkkonto/affärskonto",
    "1940": "Övriga bankkonton",
    "2610": "Utgående moms, 25 %",
    "2611": "Utgående moms på försäljning inom Sverige, 25 %",
    "3001": "Försäljning inom Sverige, 25 % moms",
    "3004": "Försäljning inom Sverige, momsfri",
    "6351": "Konstaterade förluster på kundfordringar",
}
# A number outside that list is named after what it is used for here.
ROLE_NAMES = {
    "receivables_account": "Kundfordringar",
    "bank_account": "Bank",
    "card_account": "Kortbetalningar att få från Stripe",
    "output_vat_account": "Utgående moms",
    "revenue_account": "Medlemsavgifter, moms",
    "exempt_revenue_account": "Medlemsavgifter, momsfria",
    "write_off_account": "Kundförluster",
}

COUNTRY_CURRENCY = {"SE": "SEK", "DK": "DKK", "NO": "NOK"}

# Codepage 437 has å ä ö Å Ä Ö é ü æ Æ but not these; each is written as the
# nearest thing it has. Ø becomes Ö as Swedish writes Danish and Norwegian names.
TRANSLITERATION = {
    "ø": "ö",
    "Ø": "Ö",
    # Letters with a stroke have no decomposition to fall back on.
    "Ł": "L",
    "ł": "l",
    "Đ": "D",
    "đ": "d",
    "Ð": "D",
    "ð": "d",
    "Þ": "Th",
    "þ": "th",
    "Œ": "OE",
    "œ": "oe",
    "–": "-",
    "—": "-",
    "‐": "-",
    "‑": "-",
    "−": "-",
    "‘": "'",
    "’": "'",
    "‚": "'",
    "′": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "″": '"',
    "…": "...",
    "€": "EUR",
    "§": "par.",
    "•": "*",
    "©": "(c)",
    "®": "(R)",
    "™": "TM",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
}
UNKNOWN = "?"


class SieError(ValueError):
    """The year cannot be written as one SIE file."""


class UnbalancedVerification(SieError):
    pass


@dataclass(frozen=True)
class SieFile:
    content: bytes
    filename: str
    verifications: int


@dataclass(frozen=True)
class Accounts:
    receivables: str
    bank: str
    card: str
    output_vat: str
    revenue: str
    exempt_revenue: str
    write_off: str
    names: dict

    @classmethod
    def from_settings(cls, books: BookkeepingSettings) -> "Accounts":
        names = {}
        for role, fallback in ROLE_NAMES.items():
            number = getattr(books, role)
            names.setdefault(number, BAS_NAMES.get(number, fallback))
        return cls(
            receivables=books.receivables_account,
            bank=books.bank_account,
            card=books.card_account,
            output_vat=books.output_vat_account,
            revenue=books.revenue_account,
            exempt_revenue=books.exempt_revenue_account,
            write_off=books.write_off_account,
            names=names,
        )


# Writing fields


CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@lru_cache(maxsize=4096)
def pc8(value: str) -> str:
    """`value` in characters codepage 437 has, without control characters:
    what it lacks is transliterated, never silently dropped."""
    value = unicodedata.normalize("NFC", value)
    try:
        value.encode("cp437")
    except UnicodeEncodeError:
        pass
    else:
        if not CONTROL.search(value):
            return value
    return "".join(map(_pc8_char, value))


@lru_cache(maxsize=1024)
def _pc8_char(char: str) -> str:
    if char in TRANSLITERATION:
        return TRANSLITERATION[char]
    category = unicodedata.category(char)
    if category in ("Cc", "Zl", "Zp"):
        # The spec forbids ASCII 0-31 and 127 inside a text: a line break or a
        # tab becomes a space.
        return " "
    if category == "Cf":
        return ""  # invisible: soft hyphens, zero-width spaces, byte order marks
    if _encodable(char):
        return char
    base = "".join(
        c
        for c in unicodedata.normalize("NFKD", char)
        if not unicodedata.combining(c) and c != char
    )
    if base and all(_encodable(c) for c in base):
        return base
    return UNKNOWN


def _encodable(char: str) -> bool:
    try:
        char.encode("cp437")
    except UnicodeEncodeError:
        return False
    return True


def quoted(value: str) -> str:
    """A text field: in quotes, with quotes and backslashes escaped by a backslash."""
    text = pc8(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def amount(minor: int) -> str:
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    return f"{sign}{whole}.{cents:02d}"


def sie_date(day: datetime.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def org_number(value: str) -> str:
    """Swedish organisation numbers with the hyphen the spec asks for; others as
    they are, without spaces."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 10:
        return f"{digits[:6]}-{digits[6:]}"
    return re.sub(r"\s", "", value or "")


# Verifications


@dataclass
class Verification:
    series: str
    date: datetime.date
    text: str
    registered_on: datetime.date
    reference: str
    currency: str
    lines: list  # (account, amount_minor), debit positive


def _registered(moment: datetime.datetime | None, fallback: datetime.date):
    """The day a row was written, the verification's registration date: in the
    site's time zone, never the one a request activated, so that every reader
    gets the same file."""
    if moment is None:
        return fallback
    if timezone.is_aware(moment):
        moment = moment.astimezone(timezone.get_default_timezone())
    return moment.date()


def _lines(*pairs) -> list:
    """Lines of a verification, leaving out the zero ones."""
    return [(account, minor) for account, minor in pairs if minor]


def _vat_share(written_off: int, vat: int, total: int) -> int:
    """The VAT part of a write-off, in the invoice's proportion, rounded half up
    to whole minor units; the rest is the net part, so the two add up exactly."""
    if total <= 0 or vat <= 0:
        return 0
    return (2 * written_off * vat + total) // (2 * total)


def _issued(model, start, end, **lookups) -> Iterable[dict]:
    """The invoices or credit notes (`model`) issued from `start` to `end` with
    an amount, in the order of date and number: their own number, dates and
    amounts, and what `lookups` (key: field path) name."""
    return (
        model.objects.filter(
            issued_on__gte=start, issued_on__lte=end, amount_minor__gt=0
        )
        .order_by("issued_on", "number")
        .values(
            "number",
            "issued_on",
            "created_at",
            "net_minor",
            "vat_minor",
            "amount_minor",
            "currency",
            **{key: F(path) for key, path in lookups.items()},
        )
        .iterator(chunk_size=CHUNK)
    )


def _sale(row: dict, accounts: Accounts, *, series, text, reference, credit=False):
    """An invoice's verification: receivables debited, revenue (the exempt
    account at 0 %) and VAT credited; a credit note's (`credit`) is the same
    reversed, with receivables last."""
    revenue = accounts.revenue if row["rate"] else accounts.exempt_revenue
    sign = -1 if credit else 1
    receivables = (accounts.receivables, sign * row["amount_minor"])
    sales = (
        (revenue, -sign * row["net_minor"]),
        (accounts.output_vat, -sign * row["vat_minor"]),
    )
    return Verification(
        series=series,
        date=row["issued_on"],
        text=text,
        registered_on=_registered(row["created_at"], row["issued_on"]),
        reference=reference,
        currency=row["currency"],
        lines=_lines(*sales, receivables) if credit else _lines(receivables, *sales),
    )


def _invoices(start, end, accounts: Accounts) -> Iterable[Verification]:
    rows = _issued(
        Contribution, start, end, rate="vat_rate", name="organisation__legal_name"
    )
    for row in rows:
        yield _sale(
            row,
            accounts,
            series=INVOICES,
            text=f"Faktura {row['number']} {row['name']}",
            reference=row["number"],
        )


def _credit_notes(start, end, accounts: Accounts) -> Iterable[Verification]:
    rows = _issued(
        CreditNote,
        start,
        end,
        invoice="contribution__number",
        rate="contribution__vat_rate",
        name="contribution__organisation__legal_name",
    )
    for row in rows:
        yield _sale(
            row,
            accounts,
            series=CREDIT_NOTES,
            text=f"Kreditfaktura {row['number']} för {row['invoice']} {row['name']}",
            reference=row["invoice"],
            credit=True,
        )


def _entries(start, end, accounts: Accounts) -> Iterable[Verification]:
    """Payments, refunds and write-offs, from one query over the ledger."""
    rows = (
        LedgerEntry.objects.filter(occurred_on__gte=start, occurred_on__lte=end)
        .order_by("occurred_on", "pk")
        .values_list(
            "kind",
            "source",
            "occurred_on",
            "recorded_at",
            "amount_minor",
            "currency",
            "contribution__number",
            "contribution__vat_minor",
            "contribution__amount_minor",
            "contribution__organisation__legal_name",
        )
    )
    Kind = LedgerEntry.Kind
    for (
        kind,
        source,
        on,
        recorded,
        minor,
        currency,
        invoice,
        vat,
        total,
        name,
    ) in rows.iterator(chunk_size=CHUNK):
        if kind == Kind.BANK_PAYMENT:
            series, text = BANK, "Inbetalning"
            lines = _lines((accounts.bank, minor), (accounts.receivables, -minor))
        elif kind == Kind.CARD_PAYMENT:
            series, text = CARD, "Kortbetalning"
            lines = _lines((accounts.card, minor), (accounts.receivables, -minor))
        elif kind == Kind.REFUND:
            # A refund leaves from where its payment came in: Stripe refunds
            # card payments; the secretariat refunds by bank.
            series, text = REFUNDS, "Återbetalning"
            money = (
                accounts.card if source == LedgerEntry.Source.STRIPE else accounts.bank
            )
            lines = _lines((accounts.receivables, minor), (money, -minor))
        elif kind == Kind.WRITE_OFF:
            series, text = WRITE_OFFS, "Kundförlust"
            vat_share = _vat_share(minor, vat, total)
            lines = _lines(
                (accounts.write_off, minor - vat_share),
                (accounts.output_vat, vat_share),
                (accounts.receivables, -minor),
            )
        else:
            raise SieError(f"No booking for ledger entries of kind {kind!r}.")
        yield Verification(
            series=series,
            date=on,
            text=f"{text} {invoice} {name}",
            registered_on=_registered(recorded, on),
            reference=invoice,
            currency=currency,
            lines=lines,
        )


def _render(verification: Verification, number: int) -> list[str]:
    """The #VER record and its #TRANS records; refuses one that does not balance."""
    total = sum(minor for _account, minor in verification.lines)
    if total != 0 or not verification.lines:
        raise UnbalancedVerification(
            f"{verification.series} {number} ({verification.text}) does not "
            f"balance: {amount(total)}."
        )
    day = sie_date(verification.date)
    reference = quoted(verification.reference)
    return [
        f"#VER {verification.series} {number} {day} {quoted(verification.text)} "
        f"{sie_date(verification.registered_on)}",
        "{",
        *(
            f"#TRANS {account} {{}} {amount(minor)} {day} {reference}"
            for account, minor in verification.lines
        ),
        "}",
    ]


# The file


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    if not 1900 <= year <= 9999:
        raise SieError(
            _("%(year)s is not a year the books can be exported for.") % {"year": year}
        )
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _program_version() -> str:
    try:
        return importlib.metadata.version("bid-platform")
    except importlib.metadata.PackageNotFoundError:
        return "0"


def sie_filename(*, year: int, seller: InvoiceSettings | None = None) -> str:
    seller = seller or InvoiceSettings.load()
    slug = slugify(seller.legal_name or settings.WAGTAIL_SITE_NAME) or "books"
    return f"{slug}-{year}.se"


def sie_file(*, year: int) -> SieFile:
    """The year's verifications as a SIE 4I file. The same data gives the same
    bytes: nothing in it depends on when it is written."""
    start, end = _year_bounds(year)
    accounts = Accounts.from_settings(BookkeepingSettings.load())
    seller = InvoiceSettings.load()
    series = {name: [] for name in SERIES_ORDER}
    numbers = dict.fromkeys(SERIES_ORDER, 0)
    used = set()
    currencies = set()
    latest_registration = None
    count = 0
    for source in (_invoices, _credit_notes, _entries):
        for verification in source(start, end, accounts):
            numbers[verification.series] += 1
            series[verification.series] += _render(
                verification, numbers[verification.series]
            )
            used.update(account for account, _minor in verification.lines)
            currencies.add(verification.currency)
            if (
                latest_registration is None
                or verification.registered_on > latest_registration
            ):
                latest_registration = verification.registered_on
            count += 1
    if len(currencies) > 1:
        raise SieError(
            _(
                "The verifications of %(year)s are in several currencies "
                "(%(currencies)s); a SIE file has one."
            )
            % {"year": year, "currencies": ", ".join(sorted(currencies))}
        )
    currency = (
        currencies.pop() if currencies else COUNTRY_CURRENCY.get(seller.country, "SEK")
    )
    # #GEN cannot be today, or two exports of the same data would differ. It is
    # the latest registration date among the verifications written, i.e. the day
    # the data in the file was complete; a year with nothing has its last day.
    generated = latest_registration or end
    head = [
        "#FLAGGA 0",
        f"#PROGRAM {quoted(PROGRAM)} {_program_version()}",
        "#FORMAT PC8",
        f"#GEN {sie_date(generated)}",
        "#SIETYP 4",
        f"#FNAMN {quoted(seller.legal_name or settings.WAGTAIL_SITE_NAME)}",
    ]
    if org_number(seller.org_number):
        head.append(f"#ORGNR {org_number(seller.org_number)}")
    head.append(f"#RAR 0 {sie_date(start)} {sie_date(end)}")
    if currency != "SEK":
        head.append(f"#VALUTA {currency}")
    head += [
        f"#KONTO {number} {quoted(accounts.names.get(number, number))}"
        for number in sorted(used, key=lambda number: (len(number), number))
    ]
    body = [line for name in SERIES_ORDER for line in series[name]]
    text = LINE_END.join([*head, *body]) + LINE_END
    return SieFile(
        content=text.encode("cp437"),  # strict: every text went through pc8()
        filename=sie_filename(year=year, seller=seller),
        verifications=count,
    )


def sie_years() -> list[dict]:
    """The years that have verifications, latest first, with how many: what
    `sie_file` writes for each, counted in three queries."""
    counts = {}
    for queryset, field in (
        (Contribution.objects.filter(amount_minor__gt=0), "issued_on"),
        (CreditNote.objects.filter(amount_minor__gt=0), "issued_on"),
        (LedgerEntry.objects.all(), "occurred_on"),
    ):
        rows = (
            queryset.annotate(booked_in=ExtractYear(field))
            .order_by()
            .values("booked_in")
            .annotate(count=Count("pk"))
            .values_list("booked_in", "count")
        )
        for year, count in rows:
            counts[year] = counts.get(year, 0) + count
    return [
        {"year": year, "count": count} for year, count in sorted(counts.items())[::-1]
    ]
