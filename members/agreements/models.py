"""The agreements register: what the BID has agreed with whom (service
contracts, partnerships, leases, grants, information sharing, memberships),
for how much and how long, the obligations on the way, the signed documents,
and the yearly follow-up of whether each was delivered as agreed.

The notice deadline (the end date less the notice period) is stored on save,
so lists and the dashboard can filter on it in the database.
"""

import calendar
import datetime
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bid.fields import acting_user
from bid.money import CURRENCIES, AmountMinorField


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier (the month's last day
    when that month is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


class Agreement(models.Model):
    class Kind(models.TextChoices):
        SERVICE = "service", _("Service contract")
        PARTNERSHIP = "partnership", _("Partnership")
        LEASE = "lease", _("Lease")
        GRANT = "grant", _("Grant")
        INFORMATION_SHARING = "information_sharing", _("Information sharing")
        MEMBERSHIP = "membership", _("Membership")

    class Per(models.TextChoices):
        TOTAL = "total", _("In total")
        YEAR = "year", _("Per year")

    title = models.CharField(_("title"), max_length=200)
    counterparty = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("counterparty"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements_as_party",
        help_text=_("An organisation in the register, member or not."),
    )
    counterparty_name = models.CharField(
        _("name of the counterparty"),
        max_length=200,
        blank=True,
        help_text=_("For a party that is not in the register."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    value_minor = AmountMinorField(
        _("value"),
        default=0,
        validators=[MinValueValidator(0, _("The value cannot be negative."))],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCIES, default="SEK"
    )
    value_per = models.CharField(
        _("the value is"), max_length=5, choices=Per.choices, default=Per.YEAR
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ends on"),
        null=True,
        blank=True,
        help_text=_("Left empty for an agreement that runs until further notice."),
    )
    renews_by_months = models.PositiveSmallIntegerField(
        _("renews automatically by (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Left empty when the agreement does not renew by itself."),
    )
    notice_months = models.PositiveSmallIntegerField(
        _("notice period (months)"),
        default=0,
        validators=[MaxValueValidator(60)],
    )
    notice_deadline = models.DateField(
        _("notice deadline"), null=True, blank=True, editable=False
    )
    responsible = acting_user(_("responsible person"))
    decision = models.ForeignKey(
        "meetings.Decision",
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The decision (§) that approved the agreement."),
    )
    priority = models.ForeignKey(
        "home.PriorityPage",
        verbose_name=_("priority"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    project = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["ends_on", "title", "pk"]
        indexes = [models.Index(fields=["notice_deadline"])]

    def __str__(self):
        return self.title

    @property
    def party_label(self) -> str:
        if self.counterparty_id:
            return self.counterparty.legal_name
        return self.counterparty_name

    def computed_notice_deadline(self) -> datetime.date | None:
        """The last day to give notice: the end less the notice period."""
        if self.ends_on is None:
            return None
        return months_before(self.ends_on, self.notice_months or 0)

    def expiring_soon(self, days: int = 90, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            self.ends_on is not None
            and today <= self.ends_on <= today + datetime.timedelta(days=days)
        )

    def clean(self):
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The agreement cannot end before it starts.")}
            )
        if not self.counterparty_id and not self.counterparty_name.strip():
            raise ValidationError(
                {"counterparty_name": _("Say who the agreement is with.")}
            )

    def save(self, *args, **kwargs):
        self.notice_deadline = self.computed_notice_deadline()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "notice_deadline" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "notice_deadline"]
        super().save(*args, **kwargs)


class Obligation(models.Model):
    class Kind(models.TextChoices):
        DELIVERY = "delivery", _("Delivery")
        REPORT = "report", _("Report")
        AUDIT = "audit", _("Audit")
        OTHER = "other", pgettext_lazy("obligation kind", "Other")

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="obligations",
    )
    title = models.CharField(_("obligation"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.DELIVERY
    )
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    # The last day the responsible person was reminded of it.
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.done_on is None and self.due_on < today


def document_upload_to(instance, filename: str) -> str:
    return f"agreements/{uuid.uuid4().hex}.pdf"


class AgreementDocument(models.Model):
    """A signed agreement as a PDF, served only to who may see the agreement."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_upload_to)
    size = models.PositiveIntegerField(default=0, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.title


class FollowUp(models.Model):
    """The yearly follow-up of an agreement: delivered and cost as agreed, and
    what to do next."""

    class Delivered(models.TextChoices):
        YES = "yes", pgettext_lazy("answer", "Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", pgettext_lazy("answer", "No")

    class Cost(models.TextChoices):
        YES = "yes", pgettext_lazy("answer", "Yes")
        NO = "no", pgettext_lazy("answer", "No")

    class Outcome(models.TextChoices):
        RENEW = "renew", _("Renew")
        RENEGOTIATE = "renegotiate", _("Renegotiate")
        END = "end", _("End")

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    delivered_as_agreed = models.CharField(
        _("delivered as agreed?"), max_length=6, choices=Delivered.choices
    )
    cost_as_agreed = models.CharField(
        _("cost as agreed?"), max_length=3, choices=Cost.choices
    )
    outcome = models.CharField(_("what next"), max_length=11, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    by = acting_user(_("recorded by"))
    at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["agreement", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year"], name="agreements_follow_up_once_a_year"
            )
        ]

    def __str__(self):
        return f"{self.agreement} {self.year}"


class Reminder(models.Model):
    """A reminder sent: one per agreement, kind and date (and obligation), so
    the reminder command sends each once however often it runs."""

    class Kind(models.TextChoices):
        NOTICE = "notice", _("Notice deadline")
        OBLIGATION = "obligation", _("Obligation due")
        OVERDUE = "overdue", _("Obligation overdue")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="reminders"
    )
    obligation = models.ForeignKey(
        Obligation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    deadline = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind", "deadline"],
                condition=models.Q(obligation__isnull=True),
                name="agreements_reminder_once",
            ),
            models.UniqueConstraint(
                fields=["obligation", "kind", "deadline"],
                condition=models.Q(obligation__isnull=False),
                name="agreements_obligation_reminder_once",
            ),
        ]

    def __str__(self):
        return f"{self.agreement} {self.kind} {self.deadline}"
