"""Who sees which meetings: the audience is part of every query.

Anonymous visitors see public meetings; members (people of a member
organisation) also members' meetings; the board, the secretariat and
administrators see all. Minutes and decisions show once published.

People named to adjust (justera) the minutes open them, with the meeting's
decisions and attachments, in the portal until they are published, whoever
the meeting is for. Once published, an adjuster's access follows the meeting's
visibility like everyone else's: an adjuster outside the board no longer opens
the minutes or files of a board-only meeting (`meetings_adjusted_by`).
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


def adjusts_minutes(user) -> bool:
    """Whether this person is named to adjust the minutes of some meeting;
    asked once per user object (one request), as every portal page's
    navigation asks it."""
    cached = user.__dict__.get("_meetings_adjusts_minutes")
    if cached is None:
        cached = (
            user.is_authenticated
            and Meeting.objects.filter(adjusters__user=user).exists()
        )
        user.__dict__["_meetings_adjusts_minutes"] = cached
    return cached


def meetings_adjusted_by(*, user) -> QuerySet[Meeting]:
    """Meetings whose minutes the person is named to adjust and may still open
    as their adjuster: until publication, and afterwards only those whose
    visibility lets them in (the rule of the module docstring)."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    return (
        Meeting.objects.filter(adjusters__user=user)
        .filter(
            ~Q(status=Meeting.Status.PUBLISHED) | Q(visibility__in=audience_of(user))
        )
        .distinct()
    )


def meetings_with_files_for(*, user) -> QuerySet[Meeting]:
    """Meetings whose attachments the person may download: those they may see,
    and those they adjust as `meetings_adjusted_by` allows."""
    return Meeting.objects.filter(
        Q(pk__in=meetings_visible_to(user=user).values("pk"))
        | Q(pk__in=meetings_adjusted_by(user=user).values("pk"))
    )


def minutes_awaiting_adjustment_count() -> int:
    """Minutes sent to their adjusters and not yet approved by all."""
    return Meeting.objects.filter(status=Meeting.Status.MINUTES_DRAFTED).count()
