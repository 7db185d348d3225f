"""The notifications part of a person's data: what they follow, the events
they caused, what they were told, how they want to hear of it, their digests."""

from members.accounts import personal_data
from members.notifications.models import (
    Digest,
    Event,
    Follow,
    Notification,
    Preference,
)


def _followed(user):
    return Follow.objects.filter(user=user)


@personal_data.section("follows", covers=[(Follow, "user")], source=_followed)
def _follows(user) -> list[dict]:
    follows = (
        _followed(user)
        .select_related("content_type")
        .prefetch_related("subject")
        .order_by("created_at", "pk")
    )
    return personal_data.rows(
        follows,
        kind="content_type.model",
        subject=lambda follow: str(follow.subject) if follow.subject else None,
        automatic="automatic",
        since="created_at",
    )


personal_data.records(
    "events_caused",
    Event,
    "actor",
    order_by=["occurred_at", "pk"],
    kind="kind",
    subject="subject_label",
    occurred="occurred_at",
)

personal_data.records(
    "notifications",
    Notification,
    "user",
    order_by=["event__occurred_at", "pk"],
    kind="event.kind",
    subject="event.subject_label",
    occurred="event.occurred_at",
    read="read_at",
    emailed="emailed_at",
)

personal_data.records(
    "notification_preferences",
    Preference,
    "user",
    order_by=["category"],
    category="category",
    delivery="delivery",
)

personal_data.records(
    "digests",
    Digest,
    "user",
    order_by=["year", "week"],
    year="year",
    week="week",
    events="events",
    sent="sent_at",
)
