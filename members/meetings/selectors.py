"""Who sees which meetings: the audience is part of every query.

Anonymous visitors see public meetings; members (people of a member
organisation) also members' meetings; the board, the secretariat and
administrators see all. Minutes and decisions show once published.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone

from bid.access import audience_for
from members.meetings.models import Decision, Meeting, Visibility


def audience_of(user) -> frozenset[str]:
    """The meeting visibilities this person may read: a meeting's visibility
    is one of the levels of `bid.access`."""
    return audience_for(user).levels


def meetings_visible_to(*, user, body=None) -> QuerySet[Meeting]:
    queryset = Meeting.objects.filter(visibility__in=audience_of(user)).select_related(
        "body"
    )
    if body is not None:
        queryset = queryset.filter(body=body)
    return queryset


def upcoming(queryset):
    return queryset.filter(ends_at__gte=timezone.now()).order_by("starts_at")


def past(queryset, *, year: int | None = None):
    queryset = queryset.filter(ends_at__lt=timezone.now()).order_by("-starts_at")
    return queryset.filter(starts_at__year=year) if year else queryset


def decisions_visible_to(*, user) -> QuerySet[Decision]:
    """Decisions of published minutes the person may read."""
    return (
        Decision.objects.filter(
            meeting__visibility__in=audience_of(user),
            meeting__status=Meeting.Status.PUBLISHED,
        )
        .select_related("meeting__body", "proposal")
        .order_by("-meeting__starts_at", "number")
    )


def meeting_visibility(*, meeting_id: int, published: bool = False) -> str | None:
    """Who the meeting is for, whoever asks (None: no such meeting), for
    `bid.access.hidden` to answer someone who may not see it."""
    meetings = Meeting.objects.filter(pk=meeting_id)
    if published:
        meetings = meetings.filter(status=Meeting.Status.PUBLISHED)
    return meetings.values_list("visibility", flat=True).first()


def attachment_visibility(*, attachment_id: int) -> str | None:
    """Who the attachment is for (its meeting's visibility), whoever asks."""
    return (
        Meeting.objects.filter(attachments__pk=attachment_id)
        .values_list("visibility", flat=True)
        .first()
    )


def decision_visibility(*, meeting_id: int, number: int) -> str | None:
    """Who the decision is for (its meeting's visibility), whoever asks."""
    return (
        Decision.objects.filter(
            meeting_id=meeting_id,
            number=number,
            meeting__status=Meeting.Status.PUBLISHED,
        )
        .values_list("meeting__visibility", flat=True)
        .first()
    )


def public_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(visibility=Visibility.PUBLIC).select_related("body")


def adjustments_for(*, user) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        Q(adjusters__user=user), status=Meeting.Status.MINUTES_DRAFTED
    ).distinct()


def minutes_awaiting_adjustment_count() -> int:
    """Minutes sent to their adjusters and not yet approved by all."""
    return Meeting.objects.filter(status=Meeting.Status.MINUTES_DRAFTED).count()
