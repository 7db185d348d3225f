"""Project proposals from members: the idea, its support and discussion, the
board's decision and the progress that follows, kept as one thread."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bid.money import CURRENCIES, AmountMinorField
from bid.workflow import TransitionRecord
from members.organisations.models import Organisation


def attachment_upload_to(instance, filename: str) -> str:
    # A random name: what the member called the file never reaches the disk.
    return f"proposals/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class ProposalQuerySet(models.QuerySet):
    def with_support_count(self):
        return self.annotate(support_count=Count("supports", distinct=True))


class Proposal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("proposal status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("proposal status", "Submitted")
        UNDER_REVIEW = "under_review", pgettext_lazy("proposal status", "Under review")
        ACCEPTED = "accepted", pgettext_lazy("proposal status", "Accepted")
        REJECTED = "rejected", pgettext_lazy("proposal status", "Rejected")
        IN_PROGRESS = "in_progress", pgettext_lazy("proposal status", "In progress")
        COMPLETED = "completed", pgettext_lazy("proposal status", "Completed")
        WITHDRAWN = "withdrawn", pgettext_lazy("proposal status", "Withdrawn")
        DISCONTINUED = "discontinued", pgettext_lazy("proposal status", "Discontinued")

    title = models.CharField(_("title"), max_length=160)
    summary = models.TextField(_("summary"), max_length=500)
    description = models.TextField(
        _("description"),
        help_text=_(
            "Separate paragraphs with an empty line; start lines with “- ” for a "
            "list; addresses become links."
        ),
    )
    priority = models.ForeignKey(
        "home.PriorityPage",
        verbose_name=_("priority it serves"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    areas = models.ManyToManyField(
        "areas.Area",
        verbose_name=_("areas of the district"),
        blank=True,
        related_name="proposals",
        help_text=_("Where the project takes place; choose several where true."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCIES, default="SEK"
    )
    estimated_cost_minor = AmountMinorField(
        _("estimated cost"), validators=[MinValueValidator(0)]
    )
    requested_funding_minor = AmountMinorField(
        _("funding requested from the BID"), validators=[MinValueValidator(0)]
    )
    co_funding = models.TextField(
        _("co-funding"),
        blank=True,
        max_length=1000,
        help_text=_("Who else pays and how much, one party per line."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    decision_reference = models.CharField(
        _("decision"),
        max_length=200,
        blank=True,
        help_text=_(
            "The meeting decision that made it, e.g. “Board meeting 2026-03-12, § 4”."
        ),
    )
    decision = models.ForeignKey(
        "meetings.Decision",
        verbose_name=_("decision"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="proposals_decided",
    )
    discontinued_reason = models.TextField(
        _("reason for discontinuing"),
        blank=True,
        max_length=2000,
        help_text=_("Why the project was stopped before it was completed."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    closed_at = models.DateTimeField(
        _("closed at"),
        null=True,
        blank=True,
        help_text=_("When the project was completed or discontinued."),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-submitted_at", "-created_at"]
        permissions = [("decide_proposal", _("Can review and decide on proposals"))]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if (
            self.estimated_cost_minor is not None
            and self.requested_funding_minor is not None
            and self.requested_funding_minor > self.estimated_cost_minor
        ):
            raise ValidationError(
                {
                    "requested_funding_minor": _(
                        "The BID cannot fund more than the cost."
                    )
                }
            )

    @property
    def area_names(self) -> list[str]:
        # Prefetch `areas` where many proposals are shown.
        return [area.name for area in self.areas.all()]

    @property
    def latest_progress(self):
        updates = getattr(self, "prefetched_progress", None)
        if updates is not None:
            return updates[0] if updates else None
        return self.progress_updates.first()

    @property
    def progress_percent(self) -> int | None:
        latest = self.latest_progress
        return latest.percent if latest else None


class ProposalTransition(TransitionRecord):
    subject_field = "proposal"

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=Proposal.Status.choices
    )
    to_status = models.CharField(
        _("to"), max_length=20, choices=Proposal.Status.choices
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(_("by"), max_length=200)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["at", "pk"]


class ProposalAttachment(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_upload_to)
    original_name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class ProposalSupport(models.Model):
    """One organisation's support; an organisation supports a proposal once."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="supports"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="proposal_supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "organisation"], name="proposals_support_once"
            )
        ]


class ProposalComment(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author_name}: {self.body[:40]}"


class ProgressUpdate(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="progress_updates"
    )
    reported_on = models.DateField(_("date"))
    text = models.TextField(_("what happened"), max_length=2000)
    percent = models.PositiveSmallIntegerField(
        _("percent complete"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "-pk"]


PUBLIC_STATUSES = [
    Proposal.Status.ACCEPTED,
    Proposal.Status.IN_PROGRESS,
    Proposal.Status.COMPLETED,
    Proposal.Status.DISCONTINUED,
]
# Projects being carried out: what "active" lists and totals count.
ACTIVE_STATUSES = [Proposal.Status.ACCEPTED, Proposal.Status.IN_PROGRESS]
# Projects that are over, one way or the other: each gets an evaluation.
CLOSED_STATUSES = [Proposal.Status.COMPLETED, Proposal.Status.DISCONTINUED]
OPEN_STATUSES = [Proposal.Status.SUBMITTED, Proposal.Status.UNDER_REVIEW]

# The app's Wagtail pages are models too; imported last because they read the
# models above through the selectors (a module import, so that importing the
# pages first works too).
from members.proposals import pages  # noqa: E402, F401
