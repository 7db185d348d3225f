import datetime

import factory
from django.utils import timezone

from members.meetings.models import (
    AgendaItem,
    Body,
    Decision,
    Meeting,
    MeetingAdjuster,
    Visibility,
)
from members.meetings.pages import MeetingIndexPage


class BodyFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organ {n}")
    slug = factory.Sequence(lambda n: f"organ-{n}")
    default_visibility = Visibility.PUBLIC

    class Meta:
        model = Body


class MeetingFactory(factory.django.DjangoModelFactory):
    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Möte {n}")
    starts_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=7)
    )
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + datetime.timedelta(hours=2))
    place = "Kajgatan 4"
    visibility = Visibility.PUBLIC

    class Meta:
        model = Meeting


def meeting_index(home):
    existing = MeetingIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    page = MeetingIndexPage(title="Möten", slug="moten")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def published_meeting(*, adjusters=(), decisions=("Beslut ett",), **fields):
    """A meeting with one agenda item, its minutes and decisions, published."""
    meeting = MeetingFactory(**fields)
    AgendaItem.objects.create(
        meeting=meeting, sort_order=0, title="Punkt ett", minutes="<p>Protokoll.</p>"
    )
    for number, text in enumerate(decisions, start=1):
        Decision.objects.create(
            meeting=meeting, number=number, item_number=1, text=text
        )
    for user in adjusters:
        MeetingAdjuster.objects.create(
            meeting=meeting, user=user, approved_at=timezone.now()
        )
    now = timezone.now()
    meeting.status = Meeting.Status.PUBLISHED
    meeting.minutes_locked_at = meeting.published_at = now
    meeting.save()
    return meeting
