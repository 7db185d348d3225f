"""The notification centre, immediate emails in the reader's language, email
retries, and visibility of private events."""

import datetime
import logging

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import Client
from django.utils import timezone

from bid.emails import send_email_on_commit
from members.areas import services as areas
from members.contributions import notices as contribution_notices
from members.contributions.models import Contribution
from members.contributions.services import contribution_publish
from members.notifications.models import Delivery, Event, Notification, Preference
from members.notifications.selectors import notifications_for
from members.proposals import services as proposals
from members.proposals.models import Proposal
from tests.factories.contributions import SchemeFactory
from tests.members.notifications import flaky

pytestmark = pytest.mark.django_db


def client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def submitted(world):
    return proposals.proposal_transition(
        proposal=world["proposal"], to=Proposal.Status.SUBMITTED, by=world["alice"]
    )


def test_the_header_counts_unread_and_the_centre_groups_them(world):
    proposal = submitted(world)
    proposals.comment_add(proposal=proposal, by=world["bob"], body="Ett")
    proposals.comment_add(proposal=proposal, by=world["bob"], body="Två")
    alice = client(world["alice"])
    home = alice.get("/portal/").content.decode()
    assert 'class="unread-count" aria-hidden="true">2<' in home
    page = alice.get("/portal/notifications/").content.decode()
    assert page.count('class="notification-group') == 1
    assert page.count('<li class="unread">') == 2
    key = f"{Notification.objects.first().event.content_type_id}-{proposal.pk}"
    alice.post("/portal/notifications/read/", {"subject": key})
    assert not notifications_for(world["alice"]).filter(read_at__isnull=True)
    assert 'class="unread-count"' not in alice.get("/portal/").content.decode()


def test_opening_a_notification_marks_it_read_and_goes_to_the_record(world):
    proposal = submitted(world)
    proposals.comment_add(proposal=proposal, by=world["bob"], body="Ett")
    notification = Notification.objects.get(user=world["alice"])
    response = client(world["alice"]).get(f"/portal/notifications/{notification.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/portal/proposals/{proposal.pk}/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    # Someone else's notification answers 404.
    assert (
        client(world["bob"])
        .get(f"/portal/notifications/{notification.pk}/")
        .status_code
        == 404
    )


def test_a_contribution_event_stays_with_its_organisation(world):
    scheme = SchemeFactory()
    contribution = Contribution.objects.create(
        scheme=scheme,
        organisation=world["proposer"],
        year=scheme.year,
        number=1,
        amount_minor=1_000_00,
        currency="SEK",
        issued_on=timezone.localdate(),
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        payment_reference="12345",
    )
    # Even a neighbour who somehow followed it is never told.
    world["bob"].follows.create(
        content_type=ContentType.objects.get_for_model(contribution),
        object_id=contribution.pk,
    )
    contribution_publish(contribution, contribution_notices.ISSUED, emailed=True)
    assert notifications_for(world["alice"]).filter(event__kind="contribution.issued")
    assert not Notification.objects.filter(user=world["bob"]).exists()
    page = client(world["bob"]).get("/portal/notifications/").content.decode()
    assert str(contribution) not in page
    assert 'class="notification-group' not in page


def test_a_party_is_not_told_of_another_partys_action_items(world):
    """The neighbour acts in no area: an action item for the police in
    Centrum never reaches them, even though they follow the area's body of
    work by following the priority."""
    item = areas.action_create(
        by=world["secretariat"],
        area=world["centrum"],
        addressed_to=world["police"],
        title="Patrullera",
        due_date=timezone.localdate() + datetime.timedelta(days=3),
    )
    event = Event.objects.get(kind="action.addressed")
    assert set(event.organisations.values_list("pk", flat=True)) == {
        world["police"].pk,
        world["proposer"].pk,
    }
    assert not notifications_for(world["bob"]).exists()
    # The proposer is a party of Centrum: it may see the item, but hears of it
    # only when following (here it does not).
    assert not notifications_for(world["alice"]).exists()
    areas.action_update(by=world["lars"], item=item, status="in_progress")
    assert not notifications_for(world["lars"]).filter(event__kind="action.updated")


def test_immediate_email_in_the_readers_language(
    world, django_capture_on_commit_callbacks
):
    alice = world["alice"]
    alice.language = "en"
    alice.save()
    Preference.objects.create(
        user=alice, category="proposals", delivery=Delivery.IMMEDIATE
    )
    proposal = submitted(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        proposals.comment_add(proposal=proposal, by=world["bob"], body="Bra idé")
    # The proposals module emails the proposers itself; the notification
    # does not send the same news twice.
    subjects = [m.subject for m in mail.outbox if m.to == [alice.email]]
    assert len(subjects) == 1

    world["bob"].language = "en"
    world["bob"].save()
    Preference.objects.create(
        user=world["bob"], category="proposals", delivery=Delivery.IMMEDIATE
    )
    world["bob"].follows.create(
        content_type=ContentType.objects.get_for_model(proposal), object_id=proposal.pk
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        proposals.comment_add(proposal=proposal, by=alice, body="Tack")
    (email,) = [m for m in mail.outbox if m.to == [world["bob"].email]]
    assert "commented" in email.body
    assert "/en/portal/proposals/" in email.body
    assert Notification.objects.get(user=world["bob"]).emailed_at is not None


def test_preferences_are_saved_and_bad_choices_change_nothing(world):
    alice = client(world["alice"])
    page = alice.get("/portal/notifications/settings/")
    assert page.status_code == 200
    choices = {
        "proposals": "immediate",
        "meetings": "digest",
        "contributions": "none",
        "situation": "digest",
    }
    alice.post("/portal/notifications/settings/", choices)
    assert (
        dict(
            Preference.objects.filter(user=world["alice"]).values_list(
                "category", "delivery"
            )
        )
        == choices
    )
    response = alice.post(
        "/portal/notifications/settings/", {**choices, "proposals": "pigeon"}
    )
    assert response.status_code == 200
    assert (
        Preference.objects.get(user=world["alice"], category="proposals").delivery
        == "immediate"
    )


def test_a_failed_email_is_retried_and_logged(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.members.notifications.flaky.FlakyBackend"
    flaky.FlakyBackend.failures = 2
    flaky.FlakyBackend.sent = []
    context = {
        "subject_label": "Förslaget",
        "message": "Nytt",
        "url": "http://x",
        "preferences_url": "http://x",
    }
    with (
        caplog.at_level(logging.WARNING, logger="bid.emails"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_email_on_commit(
            to=["a@example.org"],
            template="notifications/email/notification",
            context=context,
            language="sv",
        )
    assert len(flaky.FlakyBackend.sent) == 1
    assert caplog.text.count("retrying") == 2

    # After the last attempt it gives up, and says so.
    flaky.FlakyBackend.failures = 5
    flaky.FlakyBackend.sent = []
    caplog.clear()
    with (
        caplog.at_level(logging.WARNING, logger="bid.emails"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_email_on_commit(
            to=["a@example.org"],
            template="notifications/email/notification",
            context=context,
            language="sv",
        )
    assert flaky.FlakyBackend.sent == []
    assert "giving up" in caplog.text
