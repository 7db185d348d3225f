"""Who may see which events, decided in the query, and what a person follows."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet

from bid.events import BOARD, MEMBERS, PRIVATE, PUBLIC
from members.notifications.models import (
    Category,
    Delivery,
    Event,
    Follow,
    Notification,
    Preference,
)
from search.audience import audience_for
from search.documents import BOARD as SEARCH_BOARD
from search.documents import MEMBERS as SEARCH_MEMBERS


def visible_events_q(user, prefix: str = "") -> Q:
    """Events whose subject this person may see now: by level (public,
    members, board), or as a person of one of the event's organisations. The
    board and the secretariat also see private events (contributions, action
    items); organisation drafts are never published as events."""
    audience = audience_for(user)
    levels = [PUBLIC]
    if SEARCH_MEMBERS in audience.levels:
        levels.append(MEMBERS)
    if SEARCH_BOARD in audience.levels:
        levels += [BOARD, PRIVATE]
    condition = Q(**{f"{prefix}visibility__in": levels})
    if audience.organisations:
        through = Event.organisations.through
        condition |= Exists(
            through.objects.filter(
                event_id=OuterRef(f"{prefix}pk" if prefix else "pk"),
                organisation_id__in=audience.organisations,
            )
        )
    return condition


def may_see(user, event: Event) -> bool:
    return Event.objects.filter(visible_events_q(user), pk=event.pk).exists()


def notifications_for(user) -> QuerySet[Notification]:
    """This person's notifications of events they may still see."""
    if not user.is_authenticated:
        return Notification.objects.none()
    visible = Event.objects.filter(visible_events_q(user)).values("pk")
    return (
        Notification.objects.filter(user=user, event__in=visible)
        .select_related("event", "event__content_type", "event__actor")
        .order_by("-event__occurred_at", "-pk")
    )


def unread_count(user) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


def is_following(user, subject) -> bool:
    from members.notifications.followables import canonical

    if not user.is_authenticated:
        return False
    subject = canonical(subject)
    return Follow.objects.filter(
        user=user,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
    ).exists()


def preferences_of(user) -> dict[str, str]:
    chosen = dict(
        Preference.objects.filter(user=user).values_list("category", "delivery")
    )
    return {category: chosen.get(category, Delivery.DIGEST) for category in Category}
