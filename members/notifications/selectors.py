"""Who may see which events, decided in the query, and what a person follows."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet

from bid.access import BOARD, ORGANISATION, Audience, audience_for, audiences_for
from members.notifications.followables import canonical
from members.notifications.models import (
    Category,
    Delivery,
    Event,
    Follow,
    Notification,
    Preference,
)


def _event_levels(audience: Audience) -> frozenset:
    """The board and the secretariat also see organisations' events
    (contributions, action items); organisation drafts are never published
    as events."""
    if BOARD in audience.levels:
        return audience.levels | {ORGANISATION}
    return audience.levels


def visible_events_q(user, prefix: str = "") -> Q:
    """Events whose subject this person may see now: by level (public,
    members, board), or as a person of one of the event's organisations."""
    audience = audience_for(user)
    condition = Q(**{f"{prefix}visibility__in": _event_levels(audience)})
    if audience.organisations:
        through = Event.organisations.through
        condition |= Exists(
            through.objects.filter(
                event_id=OuterRef(f"{prefix}pk" if prefix else "pk"),
                organisation_id__in=audience.organisations,
            )
        )
    return condition


def people_who_may_see(event: Event, *, people, organisation_ids) -> list:
    """Those of the people who may see the event (`visible_events_q` the other
    way round), in a fixed number of queries however many they are."""
    organisation_ids = frozenset(organisation_ids)
    audiences = audiences_for(people)
    return [
        person
        for person in people
        if event.visibility in _event_levels(audiences[person.pk])
        or audiences[person.pk].organisations & organisation_ids
    ]


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


def is_following(user, subject, *, cached: bool = False) -> bool:
    """Whether this person follows the subject. `cached` reads the ids of
    everything of the subject's kind they follow once per user object (one
    request), for pages that show many follow buttons."""
    if not user.is_authenticated:
        return False
    subject = canonical(subject)
    content_type = ContentType.objects.get_for_model(subject)
    follows = Follow.objects.filter(user=user, content_type=content_type)
    if not cached:
        return follows.filter(object_id=subject.pk).exists()
    known = user.__dict__.setdefault("_notifications_followed", {})
    if content_type.pk not in known:
        known[content_type.pk] = set(follows.values_list("object_id", flat=True))
    return subject.pk in known[content_type.pk]


def follows_of(user) -> list[Follow]:
    """Everything this person follows, newest first, with the subjects (one
    query per kind); it also answers this request's later
    `is_following(..., cached=True)`, as these are all their follows."""
    follows = list(
        user.follows.select_related("content_type")
        .prefetch_related("subject")
        .order_by("-created_at")
    )
    known = user.__dict__.setdefault("_notifications_followed", {})
    for follow in follows:
        known.setdefault(follow.content_type_id, set()).add(follow.object_id)
    return follows


def preferences_of(user) -> dict[str, str]:
    chosen = dict(
        Preference.objects.filter(user=user).values_list("category", "delivery")
    )
    return {category: chosen.get(category, Delivery.DIGEST) for category in Category}
