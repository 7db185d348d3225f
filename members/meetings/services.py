"""The life of a meeting record: held, minutes sent for adjustment, approved by
each adjuster, locked and published; decisions numbered without gaps and
applied to the proposals they decide."""

import io
import logging
import zipfile

from defusedxml import ElementTree
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django_tasks import task
from pypdf import PdfReader

from bid.access import may
from bid.emails import absolute_url, send_email_on_commit
from bid.uploads import DOCX_MAX_UNPACKED_BYTES
from members.meetings import notices
from members.meetings.models import (
    AgendaItem,
    BodyMember,
    Decision,
    Meeting,
    MeetingAdjuster,
    MeetingAttachment,
    MeetingEvent,
    MinutesRevision,
)
from members.meetings.pages import MeetingIndexPage
from members.proposals import services as proposals
from members.proposals.models import Proposal
from search.indexing import schedule

logger = logging.getLogger(__name__)
Status = Meeting.Status

# Sent after commit when a meeting's minutes are published (search, notifications).
meeting_published = Signal()


def _require_recorder(user) -> None:
    if not may(user, "record_meeting"):
        raise PermissionDenied(_("Only the board and the secretariat record meetings."))


def _event(meeting: Meeting, action: str, by, comment: str = "") -> None:
    MeetingEvent.objects.create(
        meeting=meeting,
        action=action,
        by=by,
        by_name=by.display_name if by else "",
        comment=comment,
    )


def _public_url(meeting: Meeting, decision: Decision | None = None) -> str:
    """The record's address on the site, in the main language."""
    with translation.override(settings.LANGUAGE_CODE):
        index = MeetingIndexPage.for_active_locale()
        if index is None:
            return ""
        return index.decision_url(decision) if decision else index.meeting_url(meeting)


def meeting_announce(*, meeting: Meeting, by) -> None:
    """A new meeting on the calendar: its body's followers hear of it."""
    notices.ANNOUNCED.publish(
        subject=meeting,
        visibility=meeting.visibility,
        related=[meeting.body],
        actor=by,
        params={"starts_date": timezone.localdate(meeting.starts_at).isoformat()},
        url=_public_url(meeting),
    )


# Decisions


@transaction.atomic
def decision_add(
    *,
    meeting: Meeting,
    text: str,
    by,
    item_number: int | None = None,
    proposal=None,
    outcome: str = "",
) -> Decision:
    """Add the next numbered decision (§ n). The meeting row is locked while the
    number is chosen, so concurrent additions never share or skip a number."""
    _require_recorder(by)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_locked:
        raise ValidationError(_("The minutes are locked; record a correction instead."))
    number = (meeting.decisions.aggregate(top=Max("number"))["top"] or 0) + 1
    decision = Decision(
        meeting=meeting,
        number=number,
        item_number=item_number,
        text=text.strip(),
        proposal=proposal,
        outcome=outcome,
    )
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def decisions_number(*, meeting: Meeting) -> None:
    """Give the meeting's decisions the numbers 1…n in agenda order (before the
    minutes are locked, deleting a decision closes the gap)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_locked:
        return
    decisions = list(meeting.decisions.all())
    decisions.sort(key=lambda d: (d.item_number or 0, d.number or 10**6, d.pk))
    # Two passes so the unique (meeting, number) constraint never sees a clash.
    for offset, decision in enumerate(decisions, start=1):
        Decision.objects.filter(pk=decision.pk).update(number=10**6 + offset)
    for offset, decision in enumerate(decisions, start=1):
        Decision.objects.filter(pk=decision.pk).update(number=offset)


# The record's life


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, by) -> Meeting:
    _require_recorder(by)
    if meeting.status != Status.PLANNED:
        raise ValidationError(_("Only a planned meeting can be marked as held."))
    meeting.status = Status.HELD
    meeting.save(update_fields=["status", "updated_at"])
    _event(meeting, "held", by)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by, reason: str) -> Meeting:
    _require_recorder(by)
    if meeting.status != Status.PLANNED:
        raise ValidationError(_("Only a planned meeting can be cancelled."))
    meeting.status = Status.CANCELLED
    meeting.cancellation_reason = reason.strip()[:300]
    meeting.save(update_fields=["status", "cancellation_reason", "updated_at"])
    _event(meeting, "cancelled", by, reason)
    notices.CANCELLED.publish(
        subject=meeting,
        visibility=meeting.visibility,
        related=[meeting.body],
        actor=by,
        url=_public_url(meeting),
    )
    return meeting


@transaction.atomic
def minutes_send_for_adjustment(*, meeting: Meeting, by) -> Meeting:
    """The secretary marks the minutes ready; each adjuster is asked to approve."""
    _require_recorder(by)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status not in (Status.HELD, Status.MINUTES_DRAFTED):
        raise ValidationError(_("Mark the meeting as held before sending the minutes."))
    adjusters = list(meeting.adjusters.select_related("user"))
    if not adjusters:
        raise ValidationError(_("Name at least one adjuster for the minutes."))
    if not meeting.agenda_items.exclude(minutes="").exists():
        raise ValidationError(
            _("Write the minutes before sending them for adjustment.")
        )
    decisions_number(meeting=meeting)
    MeetingAdjuster.objects.filter(meeting=meeting).update(
        approved_at=None, change_requested_at=None, comment=""
    )
    meeting.status = Status.MINUTES_DRAFTED
    meeting.minutes_ready_at = timezone.now()
    meeting.save(update_fields=["status", "minutes_ready_at", "updated_at"])
    _event(meeting, "sent_for_adjustment", by)
    url = absolute_url(reverse("portal:adjustment", args=[meeting.pk]))
    for adjuster in adjusters:
        send_email_on_commit(
            to=[adjuster.user.email],
            template="meetings/email/adjust",
            context={"meeting": str(meeting), "url": url},
            language=adjuster.user.language,
        )
    return meeting


@transaction.atomic
def minutes_edited(*, meeting: Meeting, by) -> None:
    """Minutes changed while out for adjustment: approvals given to the old text
    no longer stand, and the secretary sends them again."""
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if current.status != Status.MINUTES_DRAFTED:
        return
    MeetingAdjuster.objects.filter(meeting=meeting).update(approved_at=None)
    Meeting.objects.filter(pk=meeting.pk).update(status=Status.HELD)
    meeting.status = Status.HELD
    _event(meeting, "edited", by, _("Edited while out for adjustment."))


def _adjuster(meeting: Meeting, user) -> MeetingAdjuster:
    adjuster = meeting.adjusters.filter(user=user).first()
    if adjuster is None:
        raise PermissionDenied(_("You are not an adjuster of these minutes."))
    if meeting.status != Status.MINUTES_DRAFTED:
        raise ValidationError(_("These minutes are not waiting for adjustment."))
    return adjuster


@transaction.atomic
def minutes_approve(*, meeting: Meeting, by) -> Meeting:
    """An adjuster approves. When the last one has, the minutes are locked and
    published and the decisions take effect."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    adjuster = _adjuster(meeting, by)
    adjuster.approved_at = timezone.now()
    adjuster.change_requested_at = None
    adjuster.comment = ""
    adjuster.save(update_fields=["approved_at", "change_requested_at", "comment"])
    _event(meeting, "approved", by)
    if not meeting.adjusters.filter(approved_at__isnull=True).exists():
        now = timezone.now()
        meeting.status = Status.MINUTES_ADJUSTED
        meeting.minutes_locked_at = now
        meeting.save(update_fields=["status", "minutes_locked_at", "updated_at"])
        _event(meeting, "adjusted", by)
        meeting.status = Status.PUBLISHED
        meeting.published_at = now
        meeting.save(update_fields=["status", "published_at", "updated_at"])
        _event(meeting, "published", by)
        notices.MINUTES_PUBLISHED.publish(
            subject=meeting,
            visibility=meeting.visibility,
            related=[meeting.body],
            actor=by,
            url=_public_url(meeting),
        )
        decisions_apply(meeting=meeting)
        transaction.on_commit(
            lambda: meeting_published.send(sender=Meeting, meeting=meeting)
        )
    return meeting


@transaction.atomic
def minutes_request_change(*, meeting: Meeting, by, comment: str) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    adjuster = _adjuster(meeting, by)
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should change.")})
    adjuster.change_requested_at = timezone.now()
    adjuster.approved_at = None
    adjuster.comment = comment.strip()
    adjuster.save(update_fields=["approved_at", "change_requested_at", "comment"])
    # Back to the secretary: approvals already given no longer stand.
    MeetingAdjuster.objects.filter(meeting=meeting).update(approved_at=None)
    meeting.status = Status.HELD
    meeting.save(update_fields=["status", "updated_at"])
    _event(meeting, "change_requested", by, comment)
    secretaries = BodyMember.objects.filter(
        body=meeting.body, role=BodyMember.Role.SECRETARY, user__isnull=False
    ).select_related("user")
    url = absolute_url(reverse("meetings_meeting:edit", args=[meeting.pk]))
    for secretary in secretaries:
        send_email_on_commit(
            to=[secretary.user.email],
            template="meetings/email/change_requested",
            context={
                "meeting": str(meeting),
                "adjuster": by.display_name,
                "comment": comment.strip(),
                "url": url,
            },
            language=secretary.user.language,
        )
    return meeting


def _decider(meeting: Meeting):
    """Who decided, for the proposal's timeline: the one who put the minutes to
    the adjusters (board or secretariat), else the body's secretary."""
    sent = (
        meeting.events.filter(action=MeetingEvent.Action.SENT, by__isnull=False)
        .select_related("by")
        .last()
    )
    if sent:
        return sent.by
    secretary = (
        BodyMember.objects.filter(
            body=meeting.body, role=BodyMember.Role.SECRETARY, user__isnull=False
        )
        .select_related("user")
        .first()
    )
    return secretary.user if secretary else None


def _excerpt(text: str, length: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def decisions_apply(*, meeting: Meeting) -> None:
    """Apply the published decisions to the proposals they decide, through the
    proposals module's own rules."""
    by = _decider(meeting)
    for decision in meeting.decisions.filter(applied_at__isnull=True).select_related(
        "proposal"
    ):
        proposal = decision.proposal
        if proposal is not None:
            Proposal.objects.filter(pk=proposal.pk).update(decision=decision)
        if proposal is not None and decision.outcome and by is not None:
            try:
                with transaction.atomic():
                    if proposal.status == Proposal.Status.SUBMITTED:
                        proposal = proposals.proposal_transition(
                            proposal=proposal, to=Proposal.Status.UNDER_REVIEW, by=by
                        )
                    proposals.proposal_transition(
                        proposal=proposal,
                        to=decision.outcome,
                        by=by,
                        comment=strip_tags(decision.text),
                        decision_reference=decision.reference,
                    )
            except (ValidationError, PermissionDenied) as error:
                logger.warning(
                    "Decision %s not applied to %s: %s", decision, proposal, error
                )
        decision.applied_at = timezone.now()
        decision.save(update_fields=["applied_at"])
        # About the proposal it decides (its followers and proposers), else
        # the meeting; the body's and the priorities' followers hear of it too.
        notices.DECISION_RECORDED.publish(
            subject=proposal or meeting,
            visibility=meeting.visibility,
            related=[meeting, meeting.body, *decision.priorities.all()],
            params={
                "reference": decision.reference,
                "excerpt": _excerpt(strip_tags(decision.text)),
            },
            url=_public_url(meeting, decision),
        )


@transaction.atomic
def minutes_correct(
    *, item: AgendaItem, by, minutes: str, reason: str
) -> MinutesRevision:
    """Correct locked minutes: the change is kept as a visible revision."""
    _require_recorder(by)
    if not item.meeting.is_locked:
        raise ValidationError(_("The minutes are not locked; edit them directly."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the minutes are corrected.")})
    revision = MinutesRevision.objects.create(
        meeting=item.meeting,
        agenda_item=item,
        previous_minutes=item.minutes,
        new_minutes=minutes,
        reason=reason.strip(),
        by=by,
        by_name=by.display_name,
    )
    AgendaItem.objects.filter(pk=item.pk).update(minutes=minutes)
    _event(item.meeting, "corrected", by, reason)
    return revision


# Attachments


def extract_text(data: bytes, content_type: str) -> str:
    """The words of a PDF or DOCX, for search."""
    if content_type == "application/pdf":
        reader = PdfReader(io.BytesIO(data))
        return "\n".join((page.extract_text() or "") for page in reader.pages).strip()
    if content_type.endswith("wordprocessingml.document"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = archive.getinfo("word/document.xml")
            if document.file_size > DOCX_MAX_UNPACKED_BYTES:
                return ""
            root = ElementTree.fromstring(archive.read(document))
        namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        paragraphs = []
        for paragraph in root.iter(f"{namespace}p"):
            words = "".join(node.text or "" for node in paragraph.iter(f"{namespace}t"))
            if words:
                paragraphs.append(words)
        return "\n".join(paragraphs)
    return ""


@task()
def attachment_extract_text(*, attachment_id: int) -> None:
    attachment = MeetingAttachment.objects.filter(pk=attachment_id).first()
    if attachment is None or not attachment.file:
        return
    try:
        with attachment.file.open("rb") as handle:
            text = extract_text(handle.read(), attachment.content_type)
    except Exception:
        logger.exception("Could not read the text of attachment %s", attachment_id)
        text = ""
    MeetingAttachment.objects.filter(pk=attachment_id).update(
        extracted_text=text, extracted_at=timezone.now()
    )
    schedule("meetings.meeting", attachment.meeting_id)
