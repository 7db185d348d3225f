"""What the meetings app tells people about: meetings, minutes and decisions,
and bodies as records to follow."""

from django.utils.translation import gettext_lazy as _

from members.meetings.models import Body
from members.notifications.models import Category
from members.notifications.registry import EventKind, Followable, register

ANNOUNCED = register(
    EventKind(
        "meeting.announced",
        category=Category.MEETINGS,
        message=_("A meeting is planned for %(starts_date)s."),
    )
)
CANCELLED = register(
    EventKind(
        "meeting.cancelled",
        category=Category.MEETINGS,
        message=_("The meeting is cancelled."),
    )
)
MINUTES_PUBLISHED = register(
    EventKind(
        "meeting.minutes_published",
        category=Category.MEETINGS,
        message=_("The minutes are adjusted and published."),
    )
)
DECISION_RECORDED = register(
    EventKind(
        "decision.recorded",
        category=Category.MEETINGS,
        message=_("Decision %(reference)s: %(excerpt)s"),
    )
)


def _visible(user):
    # Every body is public; its meetings keep their own visibility.
    return Body.objects.all()


register(Followable("body", model=Body, visible=_visible))
