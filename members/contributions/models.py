"""The annual contribution: the board's scheme, invoices with their lines, and the
ledger of payments and refunds that is the source of truth for what is paid.

An invoice is a member's annual contribution, or a member's share of a
co-funded project (`Contribution.Kind.PROJECT`, issued by the projects app):
both run through the same number series, payment references, PDFs, bank
matching, card payments, reminders and books.

A contribution's status is never stored: it follows from its ledger entries,
its due date and whether it was voided (see `status_of`).
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from bid.fields import acting_user
from bid.money import CURRENCIES, AmountMinorField, format_money
from members.contributions.references import invoice_settings_errors
from members.organisations.models import Organisation, Property


class ContributionScheme(ClusterableModel):
    """How much each member pays in a financial year. Locked once invoiced;
    a change after that is a new version."""

    year = models.PositiveSmallIntegerField(
        _("financial year"), validators=[MinValueValidator(2000)]
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCIES, default="SEK"
    )
    base_fee_minor = AmountMinorField(
        _("base fee per member"), default=0, validators=[MinValueValidator(0)]
    )
    floor_minor = AmountMinorField(
        _("minimum per member"), default=0, validators=[MinValueValidator(0)]
    )
    cap_minor = AmountMinorField(
        _("maximum per member"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty for no maximum."),
    )
    due_date = models.DateField(_("due date"))
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(50)],
        help_text=_("25 for 25 %; 0 when the contribution is exempt from VAT."),
    )
    vat_exemption_reason = models.CharField(
        _("VAT exemption text"),
        max_length=300,
        blank=True,
        help_text=_(
            "Printed on invoices at 0 % VAT, e.g. "
            '"Exempt from VAT under chapter 3 of the VAT Act".'
        ),
    )
    notes = models.TextField(_("notes"), blank=True)
    locked_at = models.DateTimeField(
        _("locked at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("year"), FieldPanel("version"), FieldPanel("currency")]
        ),
        MultiFieldPanel(
            [
                FieldPanel("base_fee_minor"),
                FieldRowPanel([FieldPanel("floor_minor"), FieldPanel("cap_minor")]),
            ],
            heading=_("Fees"),
        ),
        InlinePanel(
            "rates", heading=_("Rate per m² by use"), label=_("Rate"), min_num=1
        ),
        FieldPanel("due_date"),
        MultiFieldPanel(
            [FieldPanel("vat_rate"), FieldPanel("vat_exemption_reason")],
            heading=_("VAT"),
        ),
        FieldPanel("notes"),
    ]

    class Meta:
        verbose_name = _("contribution scheme")
        verbose_name_plural = _("contribution schemes")
        ordering = ["-year", "-version"]
        permissions = [("run_invoicing", _("Can issue the year's contributions"))]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "version"],
                name="contributions_scheme_year_version",
                violation_error_message=_(
                    "This year already has a scheme with that version."
                ),
            )
        ]

    def __str__(self):
        return _("Contributions %(year)s (version %(version)s)") % {
            "year": self.year,
            "version": self.version,
        }

    def clean(self):
        super().clean()
        if self.pk and self.locked_at:
            raise ValidationError(
                _(
                    "Invoices have been issued under this scheme. "
                    "Create a new version instead."
                )
            )
        if self.cap_minor is not None and self.cap_minor < self.floor_minor:
            raise ValidationError(
                {"cap_minor": _("The maximum cannot be below the minimum.")}
            )
        if self.vat_rate == 0 and not self.vat_exemption_reason.strip():
            raise ValidationError(
                {
                    "vat_exemption_reason": _(
                        "Say why no VAT is charged; the text is printed on invoices."
                    )
                }
            )

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


class SchemeRate(models.Model):
    scheme = ParentalKey(
        ContributionScheme, on_delete=models.CASCADE, related_name="rates"
    )
    use_category = models.CharField(
        _("use"), max_length=12, choices=Property.UseCategory.choices
    )
    rate_minor_per_m2 = AmountMinorField(
        _("rate per m²"),
        validators=[MinValueValidator(0)],
        help_text=_("In the scheme's currency per m² of gross floor area, e.g. 12.50."),
    )

    panels = [
        FieldRowPanel([FieldPanel("use_category"), FieldPanel("rate_minor_per_m2")])
    ]

    class Meta:
        verbose_name = _("rate")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "use_category"], name="contributions_one_rate_per_use"
            )
        ]

    def __str__(self):
        return f"{self.get_use_category_display()}: {self.rate_minor_per_m2}"


def vat_of(net_minor: int, rate: Decimal) -> int:
    """VAT on a net amount, rounded half up to whole minor units (as EN 16931's
    BR-CO-17 rounds the category's tax to two decimals)."""
    return int(
        (Decimal(net_minor) * Decimal(rate) / 100).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
    )


class YearCounter(models.Model):
    """The last number used in a series and year; numbers run without gaps."""

    class Series(models.TextChoices):
        INVOICE = "invoice", _("Invoices")
        CREDIT_NOTE = "credit_note", _("Credit notes")

    series = models.CharField(
        max_length=12, choices=Series.choices, default=Series.INVOICE
    )
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year"], name="contributions_counter_series_year"
            )
        ]


class ContributionQuerySet(models.QuerySet):
    def with_balance(self):
        """Annotate paid (payments − refunds) and outstanding, in minor units."""
        return self.annotate(
            payments_minor=Coalesce(
                Sum("entries__amount_minor", filter=Q(entries__kind__in=PAYMENT_KINDS)),
                Value(0),
            ),
            refunds_minor=Coalesce(
                Sum(
                    "entries__amount_minor",
                    filter=Q(entries__kind=LedgerEntry.Kind.REFUND),
                ),
                Value(0),
            ),
            written_off_minor=Coalesce(
                Sum(
                    "entries__amount_minor",
                    filter=Q(entries__kind=LedgerEntry.Kind.WRITE_OFF),
                ),
                Value(0),
            ),
        ).annotate(
            paid_minor=F("payments_minor") - F("refunds_minor"),
            outstanding_minor=Case(
                When(voided_at__isnull=False, then=Value(0)),
                default=F("amount_minor")
                - F("payments_minor")
                + F("refunds_minor")
                - F("written_off_minor"),
            ),
        )

    def overdue(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.with_balance().filter(
            voided_at__isnull=True, due_date__lt=today, outstanding_minor__gt=0
        )


class Contribution(models.Model):
    """One invoice to a member: its contribution for a year, or its share of a
    project."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual contribution")
        PROJECT = "project", _("Share of a project")

    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        PARTIALLY_PAID = "partially_paid", _("Partially paid")
        PAID = "paid", _("Paid")
        OVERDUE = "overdue", _("Overdue")
        REFUNDED = "refunded", _("Refunded")
        WRITTEN_OFF = "written_off", _("Written off")
        VOID = "void", _("Void")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.ANNUAL
    )
    # Only an annual contribution is issued under a scheme.
    scheme = models.ForeignKey(
        ContributionScheme,
        verbose_name=_("scheme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.CharField(_("invoice number"), max_length=20, unique=True)
    payment_reference = models.CharField(
        _("payment reference"), max_length=20, unique=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES)
    net_minor = AmountMinorField(_("amount before VAT"), default=0)
    vat_rate = models.DecimalField(
        _("VAT rate (%)"), max_digits=4, decimal_places=2, default=Decimal("0")
    )
    vat_minor = AmountMinorField(_("VAT"), default=0)
    vat_exemption_reason = models.CharField(
        _("VAT exemption text"), max_length=300, blank=True
    )
    amount_minor = AmountMinorField(_("amount"))
    issued_on = models.DateField(_("issued on"))
    due_date = models.DateField(_("due date"))
    buyer_reference = models.CharField(
        _("buyer's reference"), max_length=100, blank=True
    )
    order_reference = models.CharField(_("order reference"), max_length=100, blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    void_reason = models.TextField(_("reason for voiding"), blank=True)
    einvoice_sent_at = models.DateTimeField(
        _("e-invoice sent at"), null=True, blank=True, editable=False
    )
    einvoice_message_id = models.CharField(
        _("e-invoice message id"), max_length=200, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=models.Q(kind="annual"),
                name="contributions_one_per_member_and_year",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="annual") | models.Q(scheme__isnull=False),
                name="contributions_annual_has_a_scheme",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.organisation}"

    @property
    def is_annual(self) -> bool:
        return self.kind == self.Kind.ANNUAL

    @property
    def title(self) -> str:
        """What the invoice is for, in the reader's language: the year's
        contribution, or the project named on its line."""
        if self.kind == self.Kind.PROJECT:
            line = next(iter(self.lines.all()), None)
            if line is not None and line.description:
                return line.description
            return str(self.Kind.PROJECT.label)
        return _("Contribution %(year)s") % {"year": self.year}

    def balance(self, totals: dict[str, int] | None = None) -> dict:
        """Payments, refunds, write-offs and what is left, from the ledger (or
        annotations, or `totals` per entry kind the caller already summed).
        `over` is what was paid beyond the amount."""
        if totals is None and hasattr(self, "payments_minor"):
            totals = {
                LedgerEntry.Kind.BANK_PAYMENT: self.payments_minor,
                LedgerEntry.Kind.REFUND: self.refunds_minor,
                LedgerEntry.Kind.WRITE_OFF: self.written_off_minor,
            }
        elif totals is None:
            # One grouped sum per kind: cheaper to build and run than three
            # filtered aggregates, and this runs on every ledger write.
            totals = dict(
                self.entries.order_by()
                .values_list("kind")
                .annotate(total=Sum("amount_minor"))
            )
        payments = sum(totals.get(kind, 0) for kind in PAYMENT_KINDS)
        refunds = totals.get(LedgerEntry.Kind.REFUND, 0)
        written_off = totals.get(LedgerEntry.Kind.WRITE_OFF, 0)
        paid = payments - refunds
        settled = paid + written_off
        outstanding = 0 if self.voided_at else max(self.amount_minor - settled, 0)
        return {
            "payments": payments,
            "refunds": refunds,
            "paid": paid,
            "written_off": written_off,
            "outstanding": outstanding,
            "over": max(paid - (0 if self.voided_at else self.amount_minor), 0),
        }

    @property
    def status(self) -> str:
        balance = self.balance()
        return status_of(
            amount=self.amount_minor,
            payments=balance["payments"],
            refunds=balance["refunds"],
            written_off=balance["written_off"],
            due_date=self.due_date,
            voided=self.voided_at is not None,
            today=timezone.localdate(),
        )

    @property
    def status_label(self) -> str:
        return self.Status(self.status).label


def completes_payment(*, amount: int, payments_before: int, payment: int) -> bool:
    """Whether this payment brings the payments received up to the amount:
    exactly one payment of an invoice does, in whatever order payments and
    refunds are reported, and it is the one that announces "paid"."""
    return payments_before < amount <= payments_before + payment


def status_of(
    *,
    amount: int,
    payments: int,
    refunds: int,
    due_date: datetime.date,
    voided: bool,
    today: datetime.date,
    written_off: int = 0,
) -> str:
    """The status a contribution's ledger gives it.

    Void wins; then fully paid; then written off (settled only with a write-off
    of the rest); then refunded (money came in and all went back); then overdue
    (past due and not fully paid, even if partly paid); then partially paid;
    otherwise issued.
    """
    Status = Contribution.Status
    paid = payments - refunds
    if voided:
        return Status.VOID
    if paid >= amount:
        return Status.PAID
    if written_off and paid + written_off >= amount:
        return Status.WRITTEN_OFF
    if payments > 0 and paid <= 0:
        return Status.REFUNDED
    if due_date < today:
        return Status.OVERDUE
    if paid > 0:
        return Status.PARTIALLY_PAID
    return Status.ISSUED


class ContributionLine(models.Model):
    class Kind(models.TextChoices):
        BASE_FEE = "base_fee", _("Base fee")
        PROPERTY = "property", _("Property")
        FLOOR = "floor", _("Adjustment to the minimum")
        CAP = "cap", _("Adjustment to the maximum")
        PROJECT = "project", _("Share of a project")

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="lines"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    property = models.ForeignKey(
        Property, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    use_category = models.CharField(
        _("use"), max_length=12, choices=Property.UseCategory.choices, blank=True
    )
    floor_area_m2 = models.PositiveIntegerField(_("m²"), null=True, blank=True)
    rate_minor_per_m2 = models.BigIntegerField(_("rate per m²"), null=True, blank=True)
    amount_minor = models.BigIntegerField(_("amount"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["contribution", "position"]

    def __str__(self):
        return self.label()

    # A method, not a property: the field named `property` hides the builtin here.
    def label(self) -> str:
        return self.description or str(self.get_kind_display())


class LedgerEntry(models.Model):
    """Money that moved — a card payment, a bank payment, a refund — or a
    write-off of what will never be paid.

    `external_id` makes recording idempotent: a Stripe PaymentIntent, a refunded
    charge or a bank transaction is entered once however often it is reported.
    """

    class Kind(models.TextChoices):
        CARD_PAYMENT = "card_payment", _("Card payment")
        BANK_PAYMENT = "bank_payment", _("Bank payment")
        REFUND = "refund", _("Refund")
        WRITE_OFF = "write_off", _("Write-off")

    class Source(models.TextChoices):
        STRIPE = "stripe", _("Stripe")
        BANK = "bank", _("Bank transfer")
        SECRETARIAT = "secretariat", _("Secretariat")

    contribution = models.ForeignKey(
        Contribution, on_delete=models.PROTECT, related_name="entries"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    external_id = models.CharField(_("external id"), max_length=120)
    amount_minor = AmountMinorField(_("amount"), validators=[MinValueValidator(1)])
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES)
    occurred_on = models.DateField(_("date"))
    reference = models.CharField(_("reference"), max_length=120, blank=True)
    receipt_url = models.URLField(_("Stripe receipt"), blank=True, max_length=500)
    recorded_by = acting_user()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger")
        ordering = ["occurred_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id", "kind"],
                name="contributions_entry_once",
            )
        ]

    def __str__(self):
        amount = format_money(self.amount_minor, self.currency)
        return f"{self.get_kind_display()} {amount}"


PAYMENT_KINDS = [LedgerEntry.Kind.CARD_PAYMENT, LedgerEntry.Kind.BANK_PAYMENT]


class StripeEvent(models.Model):
    """Every webhook event, stored once by its id; a replay finds it and stops."""

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    created = models.DateTimeField()
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class PaymentAttempt(models.Model):
    """A card payment started from the portal: which PaymentIntent, for how much."""

    class Status(models.TextChoices):
        STARTED = "started", _("Sent to the card payment service")
        PROCESSING = "processing", _("Processing")
        REQUIRES_ACTION = "requires_action", _("Waiting for card authentication")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="payment_attempts"
    )
    # Empty until Stripe answers: the row exists first, as the claim that a
    # payment of this invoice is under way.
    payment_intent_id = models.CharField(
        max_length=100, unique=True, null=True, blank=True
    )
    idempotency_key = models.CharField(max_length=200, blank=True)
    amount_minor = models.BigIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices)
    failure_message = models.CharField(max_length=300, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]


class StripeCustomer(models.Model):
    """The Stripe customer that pays for an organisation."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="stripe_customer"
    )
    customer_id = models.CharField(max_length=100, unique=True)


class ReminderSent(models.Model):
    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "kind"], name="contributions_reminder_once"
            )
        ]


class InvoicingRun(models.Model):
    """One run of issuing a year's contributions, for the progress bar."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Failed")

    scheme = models.ForeignKey(
        ContributionScheme, on_delete=models.CASCADE, related_name="runs"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    failures = models.JSONField(default=list)

    class Meta:
        ordering = ["-started_at"]

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(self.done * 100 / self.total)


class CreditNote(models.Model):
    """Cancels an issued invoice in full. Voiding never deletes: it credits,
    under a number of the credit notes' own gap-free series."""

    contribution = models.OneToOneField(
        Contribution,
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        related_name="credit_note",
    )
    number = models.CharField(_("credit note number"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    issued_on = models.DateField(_("issued on"))
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES)
    net_minor = AmountMinorField(_("amount before VAT"))
    vat_minor = AmountMinorField(_("VAT"))
    amount_minor = AmountMinorField(_("amount"))
    reason = models.TextField(_("reason"))
    created_by = acting_user()
    einvoice_sent_at = models.DateTimeField(
        _("e-invoice sent at"), null=True, blank=True, editable=False
    )
    einvoice_message_id = models.CharField(
        _("e-invoice message id"), max_length=200, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("credit note")
        verbose_name_plural = _("credit notes")
        ordering = ["-year", "number"]

    def __str__(self):
        return f"{self.number} ({self.contribution.number})"


def _matched_invoice(related_name, verbose_name=None, on_delete=models.PROTECT):
    """The invoice that money reported by a bank or Stripe was matched with,
    empty while it fits none."""
    return models.ForeignKey(
        Contribution,
        verbose_name=verbose_name or _("invoice"),
        null=True,
        blank=True,
        on_delete=on_delete,
        related_name=related_name,
    )


class BankImport(models.Model):
    """One bank file read into the ledger, with its report. The file's hash is
    stored once: the same file imported again changes nothing."""

    class Format(models.TextChoices):
        BGMAX = "bgmax", _("Bankgirot BgMax")
        CAMT054 = "camt054", _("ISO 20022 camt.054 (credit notification)")
        CAMT053 = "camt053", _("ISO 20022 camt.053 (account statement)")

    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, unique=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = acting_user(_("imported by"))
    matched = models.PositiveIntegerField(_("matched"), default=0)
    short = models.PositiveIntegerField(_("short"), default=0)
    over = models.PositiveIntegerField(_("over"), default=0)
    unmatched = models.PositiveIntegerField(_("unmatched"), default=0)
    already_imported = models.PositiveIntegerField(_("already imported"), default=0)

    class Meta:
        verbose_name = _("bank file import")
        verbose_name_plural = _("bank file imports")
        ordering = ["-imported_at"]

    def __str__(self):
        return self.file_name


class BankTransaction(models.Model):
    """One incoming payment read from a bank file, and what it was matched to.
    `external_id` is the bank's own id of the transaction, so a payment that
    appears in two files (a notification and the statement) is entered once."""

    class Outcome(models.TextChoices):
        MATCHED = "matched", _("Matched")
        SHORT = "short", _("Short payment")
        OVER = "over", _("Over payment")
        UNMATCHED = "unmatched", _("Unmatched")

    bank_import = models.ForeignKey(
        BankImport, on_delete=models.CASCADE, related_name="transactions"
    )
    external_id = models.CharField(max_length=120, unique=True)
    booked_on = models.DateField(_("booked on"))
    amount_minor = models.BigIntegerField(_("amount"))
    currency = models.CharField(_("currency"), max_length=3)
    reference = models.CharField(_("reference"), max_length=70, blank=True)
    payer_name = models.CharField(_("payer"), max_length=140, blank=True)
    payer_account = models.CharField(_("payer's account"), max_length=70, blank=True)
    information = models.CharField(_("information"), max_length=500, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    contribution = _matched_invoice("bank_transactions")
    entry = models.OneToOneField(
        LedgerEntry,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bank_transaction",
    )

    class Meta:
        verbose_name = _("bank transaction")
        verbose_name_plural = _("bank transactions")
        ordering = ["booked_on", "pk"]

    def __str__(self):
        amount = format_money(self.amount_minor, self.currency)
        return f"{self.booked_on} {amount} {self.reference}"


class PaymentReview(models.Model):
    """Money reported from outside that did not fit what the ledger knows: it
    waits here for the secretariat instead of being credited."""

    class Source(models.TextChoices):
        STRIPE = "stripe", _("Stripe")
        BANK = "bank", _("Bank file")

    class Reason(models.TextChoices):
        UNMATCHED = "unmatched", _("No invoice has this reference")
        SHORT = "short", _("Less than the amount left to pay")
        OVER = "over", _("More than the amount left to pay")
        CURRENCY = "currency", _("In another currency than the invoice")
        VOID = "void", _("Paid to a void invoice")
        REFUND_UNPAID = "refund_unpaid", _("Refund of a payment not in the ledger")
        REFUND_OVER = "refund_over", _("Refund larger than what was paid")

    class Status(models.TextChoices):
        OPEN = "open", _("To review")
        RESOLVED = "resolved", _("Resolved")

    class Resolution(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned to an invoice")
        REFUNDED = "refunded", _("Refunded")
        ACCEPTED = "accepted", _("Accepted as it is")

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    external_id = models.CharField(_("external id"), max_length=120)
    amount_minor = models.BigIntegerField(_("amount"))
    currency = models.CharField(_("currency"), max_length=3)
    contribution = _matched_invoice("reviews")
    bank_transaction = models.OneToOneField(
        BankTransaction,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review",
    )
    suggestion = _matched_invoice(
        "+", verbose_name=_("suggested invoice"), on_delete=models.SET_NULL
    )
    detail = models.TextField(_("what happened"), blank=True)
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    resolution = models.CharField(
        _("resolution"), max_length=10, choices=Resolution.choices, blank=True
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = acting_user(_("resolved by"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("payment to review")
        verbose_name_plural = _("payments to review")
        ordering = ["status", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id", "reason"],
                name="contributions_review_once",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.external_id}"


@register_setting(icon="doc-full")
class InvoiceSettings(BaseGenericSetting):
    """The seller on every invoice and how to pay it, per the district's country."""

    class Country(models.TextChoices):
        SWEDEN = "SE", _("Sweden")
        DENMARK = "DK", _("Denmark")
        NORWAY = "NO", _("Norway")

    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    org_number = models.CharField(_("organisation number"), max_length=20, blank=True)
    vat_number = models.CharField(
        _("VAT number"),
        max_length=20,
        blank=True,
        help_text=_("SE556677889901, DK12345678 or NO923609016MVA."),
    )
    f_skatt = models.BooleanField(
        _("approved for F-tax"),
        default=False,
        help_text=_('Prints "Godkänd för F-skatt" on Swedish invoices.'),
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.SWEDEN
    )
    email = models.EmailField(_("invoice email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    bankgiro = models.CharField(
        _("bankgiro"), max_length=20, blank=True, help_text=_("Sweden: 5050-1055.")
    )
    plusgiro = models.CharField(_("plusgiro"), max_length=20, blank=True)
    account_number = models.CharField(
        _("bank account number"),
        max_length=20,
        blank=True,
        help_text=_("Norway: the 11-digit account that KID payments go to."),
    )
    fik_creditor = models.CharField(
        _("FI creditor number"),
        max_length=8,
        blank=True,
        help_text=_("Denmark: the 8-digit creditor number for FI-kort +71."),
    )
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    peppol_id = models.CharField(
        _("Peppol participant id"),
        max_length=60,
        blank=True,
        help_text=_(
            "Scheme and id, e.g. 0007:5567788990. Empty: the organisation number "
            "under the country's scheme."
        ),
    )
    late_interest_text = models.CharField(
        _("late payment text"),
        max_length=200,
        blank=True,
        help_text=_('E.g. "Interest on late payment under the Interest Act."'),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("legal_name"),
                FieldRowPanel([FieldPanel("org_number"), FieldPanel("vat_number")]),
                FieldPanel("f_skatt"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldPanel("country"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
            ],
            heading=_("Seller"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("bankgiro"), FieldPanel("plusgiro")]),
                FieldPanel("account_number"),
                FieldPanel("fik_creditor"),
                FieldRowPanel([FieldPanel("iban"), FieldPanel("bic")]),
            ],
            heading=_("Payment details"),
        ),
        FieldPanel("peppol_id"),
        FieldPanel("late_interest_text"),
    ]

    class Meta:
        verbose_name = _("invoice settings")

    def clean(self):
        super().clean()
        errors = invoice_settings_errors(self)
        if errors:
            raise ValidationError(errors)


@register_setting(icon="list-ul")
class BookkeepingSettings(BaseGenericSetting):
    """Which accounts of the chart (BAS by default) the SIE export books to."""

    receivables_account = models.CharField(
        _("accounts receivable"), max_length=6, default="1510"
    )
    bank_account = models.CharField(_("bank"), max_length=6, default="1930")
    card_account = models.CharField(
        _("card payments not yet paid out"),
        max_length=6,
        default="1580",
        help_text=_("Stripe pays card payments out later; they wait here."),
    )
    output_vat_account = models.CharField(_("output VAT"), max_length=6, default="2611")
    revenue_account = models.CharField(
        _("contributions, with VAT"), max_length=6, default="3001"
    )
    exempt_revenue_account = models.CharField(
        _("contributions, exempt from VAT"), max_length=6, default="3004"
    )
    write_off_account = models.CharField(_("bad debts"), max_length=6, default="6351")

    panels = [
        FieldPanel("receivables_account"),
        FieldPanel("bank_account"),
        FieldPanel("card_account"),
        FieldPanel("output_vat_account"),
        FieldPanel("revenue_account"),
        FieldPanel("exempt_revenue_account"),
        FieldPanel("write_off_account"),
    ]

    class Meta:
        verbose_name = _("bookkeeping accounts")
        permissions = [("export_books", _("Can export the books (SIE)"))]

    def clean(self):
        super().clean()
        errors = {}
        for field in self._meta.get_fields():
            name = getattr(field, "name", "")
            if name.endswith("_account"):
                value = getattr(self, name)
                if not (value.isascii() and value.isdigit() and len(value) == 4):
                    errors[name] = _("Enter a four-digit account, e.g. 1930.")
        if errors:
            raise ValidationError(errors)
