"""What people follow, what happened (events), who was told (notifications),
how each person wants to hear of it, and which weekly digests went out."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from bid.fields import acting_user


class Category(models.TextChoices):
    PROPOSALS = "proposals", _("Proposals and projects")
    MEETINGS = "meetings", _("Meetings and decisions")
    CONTRIBUTIONS = "contributions", _("Contributions")
    SITUATION = "situation", _("Situational picture and action plans")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Email at once")
    DIGEST = "digest", _("In the weekly digest")
    NONE = "none", _("No email (only in the portal)")


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    automatic = models.BooleanField(
        _("automatic"),
        default=False,
        help_text=_("Started by the platform (proposers, addressed parties)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="one_follow"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.user} → {self.content_type.model} {self.object_id}"


class Event(models.Model):
    """A published domain event, kept with what is needed to show it later
    without the subject (which may since have changed)."""

    kind = models.CharField(max_length=60)
    category = models.CharField(max_length=20, choices=Category.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    subject_label = models.CharField(max_length=300)
    url = models.CharField(max_length=500, blank=True)
    visibility = models.CharField(max_length=20)
    organisations = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="+"
    )
    actor = acting_user()
    params = models.JSONField(default=dict, blank=True)
    occurred_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.kind}: {self.subject_label}"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="notifications"
    )
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="one_notification")
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"{self.user}: {self.event}"


class Preference(models.Model):
    """How one person hears of one category; without a row, the digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    delivery = models.CharField(
        max_length=10, choices=Delivery.choices, default=Delivery.DIGEST
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="one_preference")
        ]

    def __str__(self):
        return f"{self.user}: {self.category} {self.delivery}"


class Digest(models.Model):
    """One weekly digest sent to one person: the row makes sending idempotent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    year = models.PositiveIntegerField()
    week = models.PositiveSmallIntegerField()
    events = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "year", "week"], name="one_digest_per_week"
            )
        ]

    def __str__(self):
        return f"{self.user} {self.year}-W{self.week:02d}"
