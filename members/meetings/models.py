"""Meeting records: bodies, meetings, agendas, minutes, numbered decisions.

Minutes become final when every named adjuster (justerare) has approved them;
then they are locked and published to the meeting's audience. A locked
record is never edited: a correction is a new, visible revision.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from bid import access
from bid.uploads import IMAGES
from members.meetings.validators import (
    ATTACHMENT_TYPES,
    attachment_check,
    attachment_image_clean,
)
from members.organisations.models import Organisation

MINUTES_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class Visibility(models.TextChoices):
    """The levels of `bid.access` a meeting may be shown at."""

    PUBLIC = access.PUBLIC, pgettext_lazy("visibility", "Public")
    MEMBERS = access.MEMBERS, pgettext_lazy("visibility", "Members")
    BOARD = access.BOARD, pgettext_lazy("visibility", "Board")


def _speaks_for() -> models.ForeignKey:
    """The organisation a person named in a body or at a meeting stands for,
    if any; the name stays when the organisation goes."""
    return models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class Body(ClusterableModel):
    """A body that meets: the board, the annual meeting, a working group."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), unique=True)
    description = models.TextField(_("description"), blank=True)
    default_visibility = models.CharField(
        _("default visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("default_visibility"), FieldPanel("sort_order")]),
        InlinePanel("members", heading=_("Members"), label=_("Member")),
    ]

    class Meta:
        verbose_name = pgettext_lazy("meeting body", "body")
        verbose_name_plural = _("bodies")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class BodyMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", pgettext_lazy("body role", "Member")
        ADJUSTER = "adjuster", _("Adjuster")

    body = ParentalKey(Body, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="body_memberships",
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = _speaks_for()
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("user"), FieldPanel("organisation")]),
    ]

    class Meta:
        verbose_name = _("member of a body")
        verbose_name_plural = _("members of bodies")
        ordering = ["body", "role", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"


class Meeting(ClusterableModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        MINUTES_DRAFTED = "minutes_drafted", _("Minutes awaiting adjustment")
        MINUTES_ADJUSTED = "minutes_adjusted", _("Minutes adjusted")
        PUBLISHED = "published", _("Minutes published")
        CANCELLED = "cancelled", _("Cancelled")

    body = models.ForeignKey(
        Body,
        verbose_name=pgettext_lazy("meeting body", "body"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    visibility = models.CharField(
        _("who may see it"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    minutes_ready_at = models.DateTimeField(null=True, blank=True, editable=False)
    minutes_locked_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancellation_reason = models.CharField(
        _("reason for cancelling"), max_length=300, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("body"), FieldPanel("visibility")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("video_url")]),
        InlinePanel("agenda_items", heading=_("Agenda and minutes"), label=_("Item")),
        InlinePanel("decisions", heading=_("Decisions"), label=_("Decision")),
        InlinePanel("attendance", heading=_("Attendance"), label=_("Attendee")),
        InlinePanel("adjusters", heading=_("Adjusters"), label=_("Adjuster")),
        InlinePanel("attachments", heading=_("Attachments"), label=_("Attachment")),
    ]

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        permissions = [("record_meeting", _("Can record meetings and their minutes"))]

    def __str__(self):
        return f"{self.title} ({timezone.localdate(self.starts_at):%Y-%m-%d})"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("The meeting must end after it starts.")}
            )

    @property
    def is_locked(self) -> bool:
        return self.minutes_locked_at is not None

    @property
    def minutes_public(self) -> bool:
        """Minutes and decisions show once adjusted and published."""
        return self.status == self.Status.PUBLISHED


class AgendaItem(Orderable):
    meeting = ParentalKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    minutes = RichTextField(_("minutes"), blank=True, features=MINUTES_FEATURES)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("presenter")]),
        FieldPanel("description"),
        FieldPanel("minutes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")

    def __str__(self):
        return self.title


class Decision(ClusterableModel):
    """A numbered decision (§ n) of a meeting, with what it concerns."""

    class Outcome(models.TextChoices):
        NONE = "", _("No effect on a proposal")
        ACCEPT = "accepted", _("Accepts the proposal")
        REJECT = "rejected", _("Rejects the proposal")

    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveIntegerField(_("§"), null=True, blank=True, editable=False)
    item_number = models.PositiveSmallIntegerField(
        _("agenda item no."),
        null=True,
        blank=True,
        help_text=_("The agenda item the decision belongs to (1 for the first)."),
    )
    text = models.TextField(_("decision"))
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal it decides"),
        # Drafts are private to their organisation; withdrawn ones are closed.
        limit_choices_to=~models.Q(status__in=["draft", "withdrawn"]),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_decisions",
    )
    outcome = models.CharField(
        _("effect on the proposal"),
        max_length=10,
        choices=Outcome.choices,
        blank=True,
        default="",
    )
    priorities = ParentalManyToManyField(
        "home.PriorityPage",
        verbose_name=_("priorities it concerns"),
        blank=True,
        related_name="decisions",
    )
    applied_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("item_number")]),
        FieldPanel("text"),
        MultiFieldPanel(
            [FieldPanel("proposal"), FieldPanel("outcome"), FieldPanel("priorities")],
            heading=_("What it concerns"),
        ),
    ]

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="meetings_decision_number_once"
            )
        ]

    def __str__(self):
        return f"§ {self.number or '–'} {self.text[:60]}"

    def clean(self):
        super().clean()
        if self.outcome and not self.proposal_id:
            raise ValidationError(
                {"proposal": _("Choose the proposal the decision is on.")}
            )

    @property
    def reference(self) -> str:
        meeting = self.meeting
        held_on = timezone.localdate(meeting.starts_at)
        return f"{meeting.body.name} {held_on:%Y-%m-%d}, § {self.number}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        APOLOGIES = "apologies", _("Sent apologies")

    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    name = models.CharField(_("name"), max_length=200)
    organisation = _speaks_for()
    status = models.CharField(
        _("attendance"), max_length=10, choices=Status.choices, default=Status.PRESENT
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("name"), FieldPanel("organisation"), FieldPanel("status")]
        )
    ]

    class Meta:
        verbose_name = _("attendance")
        ordering = ["-status", "name"]  # present before apologies


class MeetingAdjuster(models.Model):
    """A person named to adjust (justera) the minutes."""

    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="adjusters")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="adjustments",
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    change_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    comment = models.TextField(_("comment"), blank=True, editable=False)

    panels = [FieldPanel("user")]

    class Meta:
        verbose_name = _("adjuster")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], name="meetings_adjuster_once"
            )
        ]

    def __str__(self):
        return str(self.user)


def attachment_upload_to(instance, filename: str) -> str:
    return f"meetings/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class MeetingAttachment(models.Model):
    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    item_number = models.PositiveSmallIntegerField(
        _("agenda item no."), null=True, blank=True
    )
    file = models.FileField(_("file"), upload_to=attachment_upload_to)
    title = models.CharField(_("title"), max_length=200)
    content_type = models.CharField(max_length=100, editable=False, blank=True)
    size = models.PositiveIntegerField(default=0, editable=False)
    extracted_text = models.TextField(blank=True, editable=False)
    extracted_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("item_number")]),
        FieldPanel("file"),
    ]

    class Meta:
        verbose_name = _("attachment")
        ordering = ["item_number", "pk"]

    def __str__(self):
        return self.title

    def get_kind(self) -> str:
        return ATTACHMENT_TYPES.get(self.content_type, "").upper()

    def clean(self):
        super().clean()
        # A new or replaced file (not yet stored) is checked, and stored under
        # the extension of its real type, never the one it was uploaded with.
        if self.file and (not self.content_type or not self.file._committed):
            self.content_type = attachment_check(self.file)
            name = f"file.{ATTACHMENT_TYPES[self.content_type]}"
            if self.content_type in IMAGES:
                # Stored without the camera's metadata (a phone's GPS position).
                self.file = attachment_image_clean(self.file)
            self.size = self.file.size
            self.file.name = name


class MinutesRevision(models.Model):
    """A correction to locked minutes: what changed, why, by whom and when."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="revisions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="revisions"
    )
    previous_minutes = models.TextField()
    new_minutes = models.TextField()
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class MeetingEvent(models.Model):
    """A step in the life of the record: held, sent for adjustment, approved…"""

    class Action(models.TextChoices):
        HELD = "held", _("Marked as held")
        CANCELLED = "cancelled", _("Cancelled")
        SENT = "sent_for_adjustment", _("Minutes sent for adjustment")
        APPROVED = "approved", _("Approved the minutes")
        CHANGE_REQUESTED = "change_requested", _("Asked for a change")
        ADJUSTED = "adjusted", _("Minutes adjusted and locked")
        PUBLISHED = "published", _("Minutes published")
        CORRECTED = "corrected", _("Minutes corrected")
        EDITED = "edited", _("Minutes edited; adjustment starts again")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(max_length=40, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=200)
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


# The app's Wagtail pages are models too; imported last because they read the
# models above through the selectors (a module import, so that importing the
# pages first works too).
from members.meetings import pages  # noqa: E402, F401
