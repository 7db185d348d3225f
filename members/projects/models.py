"""Following a project up once the board has accepted it: who pays what
(funding lines through pledge, decision, invoice and payment), what was spent,
the milestones on the way, the plan's indicators the project answers to, and
the evaluation written when it closes.

A project is an accepted proposal (`proposals.Proposal`); this app adds what
happens after the decision.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bid.access import MEMBERS, PUBLIC
from bid.fields import acting_user
from bid.money import CURRENCIES, AmountMinorField


class FundingLine(models.Model):
    """One party's share of a project's money."""

    class Party(models.TextChoices):
        BID = "bid", _("The BID")
        MUNICIPALITY = "municipality", _("The municipality")
        MEMBER = "member", _("Member company")
        OTHER = "other", pgettext_lazy("funding party", "Other")

    class Status(models.TextChoices):
        PLEDGED = "pledged", _("Pledged")
        DECIDED = "decided", pgettext_lazy("funding line status", "Decided")
        INVOICED = "invoiced", _("Invoiced")
        PAID = "paid", pgettext_lazy("funding line status", "Paid")

    project = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="funding_lines",
    )
    party = models.CharField(_("party"), max_length=12, choices=Party.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_lines",
        help_text=_("Required for a member company; optional for others."),
    )
    party_name = models.CharField(
        _("name of the party"),
        max_length=200,
        blank=True,
        help_text=_("For a party that is not in the member register."),
    )
    amount_minor = AmountMinorField(_("amount"), validators=[MinValueValidator(1)])
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCIES, default="SEK"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLEDGED
    )
    pledged_on = models.DateField(_("pledged on"), default=timezone.localdate)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.ForeignKey(
        "meetings.Decision",
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funding_lines",
    )
    # A member's line is invoiced through the contributions ledger: the
    # invoice's number series, PDF, payment reference and bank matching.
    invoice = models.OneToOneField(
        "contributions.Contribution",
        verbose_name=_("invoice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_line",
    )
    # Other parties' money is recorded, not invoiced from here.
    invoiced_on = models.DateField(_("invoiced on"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = acting_user()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        ordering = ["project", "party", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(party="member")
                | models.Q(organisation__isnull=False),
                name="projects_member_line_names_the_member",
            )
        ]

    def __str__(self):
        return f"{self.party_label}: {self.amount_minor} {self.currency}"

    @property
    def party_label(self) -> str:
        if self.organisation_id:
            return self.organisation.legal_name
        return self.party_name or str(self.get_party_display())

    def clean(self):
        super().clean()
        if self.party == self.Party.MEMBER and not self.organisation_id:
            raise ValidationError(
                {"organisation": _("Choose the member company that pays.")}
            )
        if (
            self.party not in (self.Party.MEMBER, self.Party.BID)
            and not self.organisation_id
            and not self.party_name.strip()
        ):
            raise ValidationError({"party_name": _("Say who the party is.")})


class Expenditure(models.Model):
    """Money the project has spent."""

    project = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="expenditures",
    )
    spent_on = models.DateField(_("date"))
    description = models.CharField(_("what it paid for"), max_length=200)
    amount_minor = AmountMinorField(_("amount"), validators=[MinValueValidator(1)])
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCIES, default="SEK"
    )
    recorded_by = acting_user()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditures")
        ordering = ["project", "-spent_on", "-pk"]

    def __str__(self):
        return self.description


class Milestone(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        STARTED = "started", _("Started")
        DONE = "done", pgettext_lazy("milestone state", "Done")
        CANCELLED = "cancelled", pgettext_lazy("milestone state", "Cancelled")

    project = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PLANNED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    responsible_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("responsible party"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
    )
    responsible_user = acting_user(_("responsible person"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Set when the responsible party was told it is overdue: told once.
    overdue_notified_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "due_on", "pk"]

    def __str__(self):
        return self.title

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.state in (self.State.PLANNED, self.State.STARTED) and (
            self.due_on < today
        )


class ProjectIndicator(models.Model):
    """A plan indicator the project answers to, with the project's own baseline,
    target and result."""

    project = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="project_indicators",
    )
    indicator = models.ForeignKey(
        "home.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="project_uses",
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=14, decimal_places=2
    )
    baseline_date = models.DateField(_("baseline date"))
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2
    )
    target_date = models.DateField(_("target date"))
    result_value = models.DecimalField(
        _("result"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    result_date = models.DateField(_("result date"), null=True, blank=True)

    class Meta:
        verbose_name = _("project indicator")
        verbose_name_plural = _("project indicators")
        ordering = ["project", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "indicator"], name="projects_indicator_once"
            )
        ]

    def __str__(self):
        return str(self.indicator)

    def clean(self):
        super().clean()
        if (self.result_value is None) != (self.result_date is None):
            raise ValidationError(_("A result needs both a value and a date."))


class Evaluation(models.Model):
    """What a closed project taught: kept as a case in the library."""

    class Visibility(models.TextChoices):
        PUBLIC = PUBLIC, pgettext_lazy("visibility", "Public")
        MEMBERS = MEMBERS, _("Members only")

    project = models.OneToOneField(
        "proposals.Proposal",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="evaluation",
    )
    what_was_done = models.TextField(_("what was done"), max_length=4000)
    cost_minor = AmountMinorField(_("what it cost"), validators=[MinValueValidator(0)])
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCIES, default="SEK"
    )
    indicator_findings = models.TextField(
        _("what the indicators show"), max_length=4000, blank=True
    )
    repeat = models.TextField(_("what to repeat"), max_length=4000, blank=True)
    avoid = models.TextField(_("what to avoid"), max_length=4000, blank=True)
    visibility = models.CharField(
        _("who may read it"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    written_by = acting_user(_("written by"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return str(self.project)


# The app's Wagtail pages are models too.
from members.projects import pages  # noqa: E402, F401
