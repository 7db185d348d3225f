"""Events become notifications for the people concerned and the followers of
what they are about; immediate emails, weekly digests and following."""

import datetime
import logging
from collections import OrderedDict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse, translate_url
from django.utils import timezone, translation

from bid import events
from bid.emails import absolute_url, send_email_on_commit
from members.notifications import selectors
from members.notifications.followables import canonical
from members.notifications.messages import category_of, message_for, title_for
from members.notifications.models import (
    Category,
    Delivery,
    Digest,
    Event,
    Follow,
    Notification,
    Preference,
)

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "notifications.unsubscribe-digest"


def _subject_url(subject) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        if hasattr(subject, "get_absolute_url"):
            return subject.get_absolute_url()
        return getattr(subject, "url", "") or ""


def event_received(sender, *, event: events.Event, **kwargs) -> None:
    event_record(event=event)


@transaction.atomic
def event_record(*, event: events.Event) -> Event:
    """Store the event, start the follows it asks for, and notify everyone
    concerned who may see it: its recipients and the followers of its subject
    and related records, never the person who caused it."""
    subject = canonical(event.subject)
    subject_type = ContentType.objects.get_for_model(subject)
    with translation.override(settings.LANGUAGE_CODE):
        label = str(subject)[:300]
    row = Event.objects.create(
        kind=event.kind,
        category=category_of(event.kind),
        content_type=subject_type,
        object_id=subject.pk,
        subject_label=label,
        url=(event.url or _subject_url(subject))[:500],
        visibility=event.visibility,
        actor=event.actor if getattr(event.actor, "pk", None) else None,
        params={key: str(value) for key, value in event.params.items()},
        occurred_at=timezone.now(),
    )
    if event.organisations:
        row.organisations.set([o.pk for o in event.organisations])
    for user in event.follow:
        Follow.objects.get_or_create(
            user=user,
            content_type=subject_type,
            object_id=subject.pk,
            defaults={"automatic": True},
        )

    watched = Q(content_type=subject_type, object_id=subject.pk)
    for related in map(canonical, event.related):
        watched |= Q(
            content_type=ContentType.objects.get_for_model(related),
            object_id=related.pk,
        )
    candidates = {u.pk for u in event.recipients} | set(
        Follow.objects.filter(watched).values_list("user_id", flat=True)
    )
    if getattr(event.actor, "pk", None):
        candidates.discard(event.actor.pk)
    if not candidates:
        return row
    # Visibility once more: a follower who has since lost access (left the
    # organisation, membership ended) is not told.
    people = selectors.people_who_may_see(
        row,
        people=list(get_user_model().objects.filter(pk__in=candidates, is_active=True)),
        organisation_ids=[o.pk for o in event.organisations],
    )
    Notification.objects.bulk_create(
        [Notification(user=user, event=row) for user in people],
        ignore_conflicts=True,
    )
    emailed = {u.pk for u in event.emailed}
    immediate = set(
        Preference.objects.filter(
            user__in=people, category=row.category, delivery=Delivery.IMMEDIATE
        ).values_list("user_id", flat=True)
    )
    mailed = [u for u in people if u.pk in immediate and u.pk not in emailed]
    for user in mailed:
        _email_now(user, row)
    Notification.objects.filter(event=row, user__in=mailed).update(
        emailed_at=timezone.now()
    )
    return row


def localized_url(url: str, language: str) -> str:
    """Django addresses (the portal) move to the reader's language; page
    addresses stay in the main language, whose pages link their translations."""
    if not url or "/portal/" not in url:
        return url
    try:
        return translate_url(url, language)
    except Exception:  # noqa: BLE001 -- a page address that does not resolve stays as it is
        return url


def _email_now(user, row: Event) -> None:
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        text = message_for(row)
        title = title_for(row)
    send_email_on_commit(
        to=[user.email],
        template="notifications/email/notification",
        context={
            "subject_label": title,
            "message": text,
            "url": absolute_url(localized_url(row.url, language)),
            "preferences_url": absolute_url(
                localized_url(reverse("portal:notification_settings"), language)
            ),
        },
        language=language,
    )


def follow_toggle(*, user, subject) -> bool:
    """Follow, or stop following; returns whether the person now follows."""
    subject = canonical(subject)
    subject_type = ContentType.objects.get_for_model(subject)
    existing = Follow.objects.filter(
        user=user, content_type=subject_type, object_id=subject.pk
    )
    if existing.exists():
        existing.delete()
        return False
    try:
        with transaction.atomic():
            Follow.objects.create(
                user=user, content_type=subject_type, object_id=subject.pk
            )
    except IntegrityError:
        pass
    return True


def notifications_mark_read(*, user, ids=None, subject_key: str = "") -> int:
    queryset = selectors.notifications_for(user).filter(read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    if subject_key:
        type_id, _sep, object_id = subject_key.partition("-")
        queryset = queryset.filter(
            event__content_type_id=int(type_id), event__object_id=int(object_id)
        )
    return Notification.objects.filter(
        pk__in=list(queryset.values_list("pk", flat=True))
    ).update(read_at=timezone.now())


@transaction.atomic
def preferences_save(*, user, choices: dict[str, str]) -> None:
    for category in Category:
        delivery = choices.get(category)
        if delivery in Delivery.values:
            Preference.objects.update_or_create(
                user=user, category=category, defaults={"delivery": delivery}
            )


def unsubscribe_token(user) -> str:
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)


def user_from_unsubscribe_token(token: str):
    """The person of a valid token; BadSignature for anything tampered with."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return get_user_model().objects.get(pk=data["u"])


@transaction.atomic
def digest_unsubscribe(*, user) -> int:
    """Everything that went to the digest now stays in the portal only."""
    current = selectors.preferences_of(user)
    changed = 0
    for category, delivery in current.items():
        if delivery == Delivery.DIGEST:
            Preference.objects.update_or_create(
                user=user, category=category, defaults={"delivery": Delivery.NONE}
            )
            changed += 1
    return changed


def week_bounds(year: int, week: int) -> tuple[datetime.datetime, datetime.datetime]:
    monday = datetime.date.fromisocalendar(year, week, 1)
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    return start, start + datetime.timedelta(days=7)


def last_complete_week(today: datetime.date | None = None) -> tuple[int, int]:
    previous = (today or timezone.localdate()) - datetime.timedelta(days=7)
    year, week, _day = previous.isocalendar()
    return year, week


def digest_groups(*, user, year: int, week: int) -> list[dict]:
    """The week's notifications in the digest categories, grouped by the
    record they concern, newest group first and newest event first."""
    start, end = week_bounds(year, week)
    preferences = selectors.preferences_of(user)
    wanted = [c for c, d in preferences.items() if d == Delivery.DIGEST]
    notifications = selectors.notifications_for(user).filter(
        event__occurred_at__gte=start,
        event__occurred_at__lt=end,
        event__category__in=wanted,
    )
    groups: OrderedDict = OrderedDict()
    for notification in notifications:
        event = notification.event
        key = (event.content_type_id, event.object_id)
        groups.setdefault(
            key,
            {
                "subject_label": event.subject_label,
                "url": event.url,
                "category": event.category,
                "events": [],
            },
        )["events"].append(event)
    return list(groups.values())


def digest_send(*, user, year: int, week: int) -> bool:
    """Send one person's digest of one week, once. Nothing to say, no email."""
    if Digest.objects.filter(user=user, year=year, week=week).exists():
        return False
    groups = digest_groups(user=user, year=year, week=week)
    if not groups:
        return False
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        rendered = [
            {
                "subject_label": title_for(group["events"][0]),
                "category": str(Category(group["category"]).label),
                "url": absolute_url(localized_url(group["url"], language)),
                "events": [
                    {
                        "message": message_for(event),
                        "when": timezone.localtime(event.occurred_at).isoformat(),
                    }
                    for event in group["events"]
                ],
            }
            for group in groups
        ]
    unsubscribe = absolute_url(
        localized_url(
            reverse("portal:digest_unsubscribe", args=[unsubscribe_token(user)]),
            language,
        )
    )
    try:
        with transaction.atomic():
            Digest.objects.create(
                user=user,
                year=year,
                week=week,
                events=sum(len(g["events"]) for g in groups),
            )
            send_email_on_commit(
                to=[user.email],
                template="notifications/email/digest",
                context={
                    # Strings: a year is not a number to be grouped (2 026).
                    "year": str(year),
                    "week": str(week),
                    "groups": rendered,
                    "unsubscribe_url": unsubscribe,
                    "preferences_url": absolute_url(
                        localized_url(reverse("portal:notification_settings"), language)
                    ),
                },
                language=language,
                headers={
                    "List-Unsubscribe": f"<{unsubscribe}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
    except IntegrityError:
        # Another run sent it meanwhile.
        return False
    return True


def digests_send(*, year: int, week: int) -> dict:
    start, end = week_bounds(year, week)
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            notifications__event__occurred_at__gte=start,
            notifications__event__occurred_at__lt=end,
        )
        .exclude(digests__year=year, digests__week=week)
        .distinct()
        .order_by("pk")
    )
    sent = skipped = 0
    for user in users:
        if digest_send(user=user, year=year, week=week):
            sent += 1
        else:
            skipped += 1
    return {"sent": sent, "skipped": skipped}
