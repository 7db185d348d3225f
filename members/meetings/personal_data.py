"""The meetings part of a person's data: the bodies they sit on, the minutes
they were named to adjust, the corrections and steps they recorded."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from members.accounts import personal_data
from members.meetings.models import (
    BodyMember,
    MeetingAdjuster,
    MeetingEvent,
    MinutesRevision,
)

personal_data.records(
    "body_memberships",
    BodyMember,
    "user",
    body="body.name",
    name="name",
    role="role",
    organisation="organisation.legal_name",
)

personal_data.records(
    "minutes_adjustments",
    MeetingAdjuster,
    "user",
    order_by=["meeting__starts_at", "pk"],
    meeting="meeting.title",
    meeting_starts="meeting.starts_at",
    approved="approved_at",
    change_requested="change_requested_at",
    comment="comment",
)

personal_data.records(
    "minutes_corrections",
    MinutesRevision,
    "by",
    meeting="meeting.title",
    agenda_item="agenda_item.title",
    reason="reason",
    new_minutes="new_minutes",
    at="at",
)

personal_data.records(
    "meeting_steps_taken",
    MeetingEvent,
    "by",
    meeting="meeting.title",
    meeting_starts="meeting.starts_at",
    action="action",
    comment="comment",
    at="at",
)


@personal_data.before_delete
def adjusters_stay_on_record(user) -> list[str]:
    """Minutes name who adjusted them, and the district keeps its minutes: a
    person named as adjuster cannot vanish from them (the row is protected)."""
    meetings = list(
        MeetingAdjuster.objects.filter(user=user)
        .values_list("meeting__title", flat=True)
        .order_by("meeting__starts_at")[:5]
    )
    if meetings:
        raise ValidationError(
            _(
                "You are named to adjust the minutes of %(meetings)s, and the "
                "district keeps its minutes. Ask the secretariat to name someone "
                "else or to remove your name before you delete your account."
            )
            % {"meetings": ", ".join(meetings)}
        )
    return []
