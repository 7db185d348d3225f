"""Joining the BID: the membership terms, applications, their audit trail,
the membership an approval creates and its agreement."""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from bid.workflow import TransitionRecord
from members.organisations.models import Organisation, Property


class MembershipTerms(TranslatableMixin, index.Indexed, models.Model):
    """A version of the membership terms; applicants accept the one in force."""

    version = models.CharField(
        _("version"),
        max_length=20,
        help_text=_("E.g. 2026-1; the same in every language."),
    )
    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(
        _("terms"), features=["h3", "bold", "italic", "ol", "ul", "link"]
    )
    effective_from = models.DateField(_("in force from"))
    term_months = models.PositiveSmallIntegerField(
        _("agreement term (months)"), default=12, validators=[MinValueValidator(1)]
    )
    notice_months = models.PositiveSmallIntegerField(
        _("notice period (months)"), default=3, validators=[MinValueValidator(1)]
    )

    panels = [
        FieldPanel("version"),
        FieldPanel("title"),
        FieldPanel("effective_from"),
        FieldPanel("term_months"),
        FieldPanel("notice_months"),
        FieldPanel("body"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("version")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("membership terms")
        verbose_name_plural = _("membership terms")
        ordering = ["-effective_from", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.version})"


class Enrolment(models.Model):
    """An organisation's application to join, with the properties it brings."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        NEEDS_INFORMATION = "needs_information", _("Needs information")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    properties = models.ManyToManyField(
        Property, verbose_name=_("properties"), related_name="enrolments", blank=True
    )
    message = models.TextField(_("message to the board"), blank=True, max_length=2000)
    terms = models.ForeignKey(
        MembershipTerms,
        verbose_name=_("accepted terms"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    terms_accepted_at = models.DateTimeField(
        _("terms accepted at"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-updated_at"]
        permissions = [("review_enrolment", _("Can review membership applications"))]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(
                    status__in=["draft", "submitted", "needs_information"]
                ),
                name="enrolment_one_open_per_organisation",
                violation_error_message=_(
                    "This organisation already has an application in progress."
                ),
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_status_display()})"

    @property
    def is_editable_by_applicant(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.NEEDS_INFORMATION)

    @property
    def last_request(self):
        """The board's latest question, while the application waits for an answer."""
        if self.status != self.Status.NEEDS_INFORMATION:
            return None
        return self.transitions.filter(to_status=self.Status.NEEDS_INFORMATION).first()


class EnrolmentTransition(TransitionRecord):
    """One step of an application: who moved it, when, from what to what and why."""

    subject_field = "enrolment"

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=Enrolment.Status.choices
    )
    to_status = models.CharField(
        _("to"), max_length=20, choices=Enrolment.Status.choices
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_name = models.CharField(_("by (name)"), max_length=200)
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("application step")
        verbose_name_plural = _("application steps")
        ordering = ["-at", "-pk"]


class Membership(models.Model):
    """The organisation's membership of the BID, from approval until it ends."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="bid_memberships",
    )
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="membership"
    )
    starts_on = models.DateField(_("member since"))
    ends_on = models.DateField(_("membership ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(ends_on__isnull=True),
                name="enrolment_one_open_membership",
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.starts_on})"

    def is_active_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day < self.ends_on)


class Agreement(models.Model):
    """The membership agreement: runs for a term and renews until cancelled;
    a cancellation takes effect when the notice period has passed."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="agreement"
    )
    terms = models.ForeignKey(
        MembershipTerms, on_delete=models.PROTECT, related_name="+", null=True
    )
    signed_on = models.DateField(_("signed on"))
    term_months = models.PositiveSmallIntegerField(_("term (months)"))
    notice_months = models.PositiveSmallIntegerField(_("notice period (months)"))
    renewal_date = models.DateField(_("next renewal"))
    cancelled_on = models.DateField(_("notice given on"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["renewal_date"]

    def __str__(self):
        return f"{self.membership.organisation} → {self.renewal_date}"

    @property
    def next_renewal(self) -> datetime.date:
        """The next renewal from today, even before the daily job has rolled
        `renewal_date` forward."""
        today = timezone.localdate()
        renewal = self.renewal_date
        while renewal <= today and self.cancelled_on is None:
            renewal += relativedelta(months=self.term_months)
        return renewal

    @property
    def notice_date(self) -> datetime.date:
        """The last day notice can be given before the next renewal."""
        return self.renewal_date - relativedelta(months=self.notice_months)

    @property
    def ends_on(self) -> datetime.date | None:
        if self.cancelled_on is None:
            return None
        return self.cancelled_on + relativedelta(months=self.notice_months)


class ReminderSent(models.Model):
    """A renewal or notice reminder already sent, so a daily run sends it once."""

    class Kind(models.TextChoices):
        RENEWAL = "renewal", _("Renewal")
        NOTICE = "notice", _("Last day for notice")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind", "due_on"], name="enrolment_reminder_once"
            )
        ]


# The app's Wagtail pages are models too; imported last because they read the
# models above through the selectors (a module import, so that importing the
# pages first works too).
from members.enrolment import pages  # noqa: E402, F401
