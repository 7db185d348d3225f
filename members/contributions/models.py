"""The annual contribution: the board's scheme, invoices with their lines, and the
ledger of payments and refunds that is the source of truth for what is paid.

A contribution's status is never stored: it follows from its ledger entries,
its due date and whether it was voided (see `status_of`).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from bid.money import CURRENCIES, AmountMinorField
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

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    def rate_for(self, use_category: str) -> int:
        return {r.use_category: r.rate_minor_per_m2 for r in self.rates.all()}.get(
            use_category, 0
        )


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


class YearCounter(models.Model):
    """The last invoice number used in a year; numbers run without gaps."""

    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)


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
        ).annotate(
            paid_minor=F("payments_minor") - F("refunds_minor"),
            outstanding_minor=Case(
                When(voided_at__isnull=False, then=Value(0)),
                default=F("amount_minor") - F("payments_minor") + F("refunds_minor"),
            ),
        )

    def overdue(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.with_balance().filter(
            voided_at__isnull=True, due_date__lt=today, outstanding_minor__gt=0
        )


class Contribution(models.Model):
    """One member's invoice for one year."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        PARTIALLY_PAID = "partially_paid", _("Partially paid")
        PAID = "paid", _("Paid")
        OVERDUE = "overdue", _("Overdue")
        REFUNDED = "refunded", _("Refunded")
        VOID = "void", _("Void")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    scheme = models.ForeignKey(
        ContributionScheme,
        verbose_name=_("scheme"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.CharField(_("invoice number"), max_length=20, unique=True)
    payment_reference = models.CharField(
        _("payment reference"), max_length=20, unique=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES)
    amount_minor = AmountMinorField(_("amount"))
    issued_on = models.DateField(_("issued on"))
    due_date = models.DateField(_("due date"))
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    void_reason = models.TextField(_("reason for voiding"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                name="contributions_one_per_member_and_year",
            )
        ]

    def __str__(self):
        return f"{self.number} {self.organisation}"

    def balance(self) -> dict:
        """Payments, refunds and what is left, from the ledger (or annotations)."""
        if hasattr(self, "payments_minor"):
            payments, refunds = self.payments_minor, self.refunds_minor
        else:
            totals = self.entries.aggregate(
                payments=Coalesce(
                    Sum("amount_minor", filter=Q(kind__in=PAYMENT_KINDS)), Value(0)
                ),
                refunds=Coalesce(
                    Sum("amount_minor", filter=Q(kind=LedgerEntry.Kind.REFUND)),
                    Value(0),
                ),
            )
            payments, refunds = totals["payments"], totals["refunds"]
        paid = payments - refunds
        outstanding = 0 if self.voided_at else max(self.amount_minor - paid, 0)
        return {
            "payments": payments,
            "refunds": refunds,
            "paid": paid,
            "outstanding": outstanding,
        }

    @property
    def status(self) -> str:
        balance = self.balance()
        return status_of(
            amount=self.amount_minor,
            payments=balance["payments"],
            refunds=balance["refunds"],
            due_date=self.due_date,
            voided=self.voided_at is not None,
            today=timezone.localdate(),
        )

    @property
    def status_label(self) -> str:
        return self.Status(self.status).label


def status_of(
    *,
    amount: int,
    payments: int,
    refunds: int,
    due_date: datetime.date,
    voided: bool,
    today: datetime.date,
) -> str:
    """The status a contribution's ledger gives it.

    Void wins; then fully paid; then refunded (money came in and all went back);
    then overdue (past due and not fully paid, even if partly paid); then
    partially paid; otherwise issued.
    """
    Status = Contribution.Status
    paid = payments - refunds
    if voided:
        return Status.VOID
    if paid >= amount:
        return Status.PAID
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

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="lines"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    property = models.ForeignKey(
        Property, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
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
    """Money that moved: a card payment, a bank payment, a refund.

    `external_id` makes recording idempotent: a Stripe PaymentIntent, a refunded
    charge or a bank transaction is entered once however often it is reported.
    """

    class Kind(models.TextChoices):
        CARD_PAYMENT = "card_payment", _("Card payment")
        BANK_PAYMENT = "bank_payment", _("Bank payment")
        REFUND = "refund", _("Refund")

    class Source(models.TextChoices):
        STRIPE = "stripe", _("Stripe")
        BANK = "bank", _("Bank transfer")

    contribution = models.ForeignKey(
        Contribution, on_delete=models.PROTECT, related_name="entries"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    external_id = models.CharField(_("external id"), max_length=120)
    amount_minor = AmountMinorField(_("amount"), validators=[MinValueValidator(1)])
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES)
    occurred_on = models.DateField(_("date"))
    reference = models.CharField(_("reference"), max_length=120, blank=True)
    receipt_url = models.URLField(_("Stripe receipt"), blank=True, max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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
        return f"{self.get_kind_display()} {self.amount_minor} {self.currency}"


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
        PROCESSING = "processing", _("Processing")
        REQUIRES_ACTION = "requires_action", _("Waiting for card authentication")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="payment_attempts"
    )
    payment_intent_id = models.CharField(max_length=100, unique=True)
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
