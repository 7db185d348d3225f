"""The auditor's access: which years of the books each auditor (revisor) is
given, and the log of every page an auditor opens."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bid.fields import acting_user

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class AuditorGrant(models.Model):
    """An auditor's read access to the agreements, decisions, ledger and
    exports of the years from `first_year` to `last_year`, until `until` (or
    until revoked)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auditor"),
        on_delete=models.CASCADE,
        related_name="auditor_grants",
    )
    first_year = models.PositiveSmallIntegerField(
        _("first year"), validators=YEAR_VALIDATORS
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year"), validators=YEAR_VALIDATORS
    )
    until = models.DateField(
        _("access until"),
        null=True,
        blank=True,
        help_text=_(
            "The last day the auditor may sign in to the years. Empty: until revoked."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    granted_by = acting_user(_("given by"))
    granted_at = models.DateTimeField(_("given at"), default=timezone.now)
    revoked_by = acting_user(_("revoked by"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("auditor's access")
        verbose_name_plural = _("auditors' access")
        ordering = ["-granted_at", "-pk"]
        permissions = [
            ("manage_auditors", _("Can give and revoke auditors' access")),
            # Held while the person has a grant, so the portal can show its
            # audit section without a query; the pages ask the grants.
            ("audit", _("Can audit the years given")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")),
                name="auditing_grant_years_in_order",
            )
        ]

    def __str__(self):
        return f"{self.user} {self.first_year}–{self.last_year}"

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)


class AuditView(models.Model):
    """One page an auditor opened (or tried to): who, when, which address,
    for which year, and what the answer was."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auditor"),
        on_delete=models.CASCADE,
        related_name="audit_views",
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    path = models.CharField(_("address"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    status = models.PositiveSmallIntegerField(_("answer"))

    class Meta:
        verbose_name = _("auditor's page view")
        verbose_name_plural = _("auditors' page views")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.user} {self.path}"
