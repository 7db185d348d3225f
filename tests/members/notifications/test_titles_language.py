"""What a notification is about reads in the reader's language, whatever the
language of the request that caused it; stored events keep their names."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation

from members.areas import services as areas
from members.areas.models import iso_week_of
from members.notifications.messages import title_for
from members.notifications.models import Category, Delivery, Event, Preference
from members.notifications.services import follow_toggle

pytestmark = pytest.mark.django_db
YEAR, WEEK = iso_week_of(timezone.localdate() - datetime.timedelta(weeks=1))


def _consolidated_in_swedish(world):
    with translation.override("sv"):
        areas.week_consolidate(
            by=world["secretariat"], year=YEAR, week=WEEK, decisions={}
        )
    return Event.objects.get(kind="situation.published")


def _reader(world, language):
    alice = world["alice"]
    alice.language = language
    alice.save(update_fields=["language"])
    follow_toggle(user=alice, subject=world["centrum"])
    return alice


def test_a_notification_made_in_swedish_reads_in_english_for_an_english_reader(
    world,
):
    alice = _reader(world, "en")
    event = _consolidated_in_swedish(world)
    assert event.subject_label.startswith("Lägesbild")
    client = Client()
    client.force_login(alice)
    page = client.get("/en/portal/notifications/").content.decode()
    assert f"Situational picture, week {WEEK}, {YEAR}" in page
    assert "Lägesbild" not in page


def test_the_same_notification_reads_in_swedish_for_a_swedish_reader(world):
    alice = _reader(world, "sv")
    _consolidated_in_swedish(world)
    client = Client()
    client.force_login(alice)
    page = client.get("/portal/notifications/").content.decode()
    assert f"Lägesbild, vecka {WEEK}, {YEAR}" in page


def test_the_email_subject_is_in_the_recipient_s_language(
    world, django_capture_on_commit_callbacks
):
    alice = _reader(world, "en")
    Preference.objects.create(
        user=alice, category=Category.SITUATION, delivery=Delivery.IMMEDIATE
    )
    with django_capture_on_commit_callbacks(execute=True):
        _consolidated_in_swedish(world)
    subjects = [m.subject for m in mail.outbox if alice.email in m.to]
    assert subjects
    assert subjects[0].startswith(f"Situational picture, week {WEEK}, {YEAR}")


def test_a_kind_without_a_title_keeps_the_stored_name(world):
    event = _consolidated_in_swedish(world)
    event.kind = "no.longer.registered"
    with translation.override("en"):
        assert title_for(event) == event.subject_label
    event.kind = "situation.published"
    event.params = {}
    with translation.override("en"):
        assert title_for(event) == event.subject_label
