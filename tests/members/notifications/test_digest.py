"""The weekly digest: grouped per record, once a week, nothing when there is
nothing to say, and a signed unsubscribe link that needs no login."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from members.areas import services as areas
from members.meetings.services import meeting_announce
from members.notifications import services
from members.notifications.models import Delivery, Digest, Preference
from members.proposals import services as proposals
from members.proposals.models import Proposal
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db


def follow(user, subject):
    user.follows.create(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    )


@pytest.fixture
def busy_week(world):
    """Events from three modules about records Alice follows, all this week:
    two comments on her proposal, a meeting of a body she follows, and an
    action item in an area she follows."""
    alice = world["alice"]
    proposal = proposals.proposal_transition(
        proposal=world["proposal"], to=Proposal.Status.SUBMITTED, by=alice
    )
    proposals.comment_add(proposal=proposal, by=world["bob"], body="Första")
    proposals.comment_add(proposal=proposal, by=world["bob"], body="Andra")
    follow(alice, world["body"])
    meeting = MeetingFactory(
        body=world["body"],
        title="Styrelsemöte december",
        starts_at=timezone.now() + datetime.timedelta(days=5),
    )
    meeting_announce(meeting=meeting, by=world["secretariat"])
    follow(alice, world["centrum"])
    areas.action_create(
        by=world["secretariat"],
        area=world["centrum"],
        addressed_to=world["police"],
        title="Extra patruller vid torget",
        due_date=timezone.localdate() + datetime.timedelta(days=7),
    )
    year, week = timezone.localdate().isocalendar()[:2]
    mail.outbox.clear()
    return {**world, "year": year, "week": week, "meeting": meeting}


def test_a_digest_groups_the_weeks_events_per_record(
    busy_week, django_capture_on_commit_callbacks
):
    groups = services.digest_groups(
        user=busy_week["alice"], year=busy_week["year"], week=busy_week["week"]
    )
    labels = [g["subject_label"] for g in groups]
    assert sorted(labels) == sorted(
        [
            busy_week["proposal"].title,
            str(busy_week["meeting"]),
            "Extra patruller vid torget",
        ]
    )
    by_label = {g["subject_label"]: g for g in groups}
    comments = by_label[busy_week["proposal"].title]["events"]
    assert [e.kind for e in comments] == ["proposal.commented", "proposal.commented"]
    # Newest first, within the group and between groups.
    assert comments[0].params["excerpt"] == "Andra"
    assert labels[0] == "Extra patruller vid torget"

    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send(
            user=busy_week["alice"], year=busy_week["year"], week=busy_week["week"]
        )
    (email,) = mail.outbox
    assert email.to == [busy_week["alice"].email]
    body = email.body
    assert body.count("== ") == 3
    assert "Extra patruller vid torget" in body
    assert "/portal/proposals/" in body
    assert "List-Unsubscribe" in email.extra_headers


def test_a_second_run_for_the_same_week_sends_nothing(
    busy_week, django_capture_on_commit_callbacks
):
    week = f"{busy_week['year']}-W{busy_week['week']:02d}"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", week=week, stdout=_Quiet())
    first = len(mail.outbox)
    assert first >= 1
    assert Digest.objects.filter(user=busy_week["alice"]).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", week=week, stdout=_Quiet())
    assert len(mail.outbox) == first
    assert Digest.objects.filter(user=busy_week["alice"]).count() == 1


def test_nothing_to_say_sends_nothing(world):
    year, week = timezone.localdate().isocalendar()[:2]
    assert not services.digest_send(user=world["alice"], year=year, week=week)
    call_command("send_digests", week=f"{year}-W{week:02d}", stdout=_Quiet())
    assert mail.outbox == []
    assert not Digest.objects.exists()


def test_a_bad_week_is_refused(world):
    with pytest.raises(CommandError):
        call_command("send_digests", week="vecka 12", stdout=_Quiet())


def test_categories_chosen_as_immediate_or_none_stay_out_of_the_digest(busy_week):
    alice = busy_week["alice"]
    Preference.objects.create(
        user=alice, category="proposals", delivery=Delivery.IMMEDIATE
    )
    Preference.objects.create(user=alice, category="situation", delivery=Delivery.NONE)
    groups = services.digest_groups(
        user=alice, year=busy_week["year"], week=busy_week["week"]
    )
    assert [g["subject_label"] for g in groups] == [str(busy_week["meeting"])]


def test_the_digest_is_in_the_readers_language(
    busy_week, django_capture_on_commit_callbacks
):
    alice = busy_week["alice"]
    alice.language = "en"
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.digest_send(user=alice, year=busy_week["year"], week=busy_week["week"])
    (email,) = mail.outbox
    assert (
        email.subject
        == f"What happened in week {busy_week['week']}, {busy_week['year']}"
    )
    assert "commented" in email.body
    assert "/en/portal/" in email.body


def test_the_unsubscribe_link_works_without_login(busy_week):
    alice = busy_week["alice"]
    token = services.unsubscribe_token(alice)
    anonymous = Client()
    page = anonymous.get(f"/portal/digest/unsubscribe/{token}/")
    assert page.status_code == 200
    assert alice.email in page.content.decode()
    # Looking is not unsubscribing (link checkers open links).
    assert not Preference.objects.filter(user=alice).exists()
    done = anonymous.post(f"/portal/digest/unsubscribe/{token}/")
    assert done.status_code == 200
    assert set(
        Preference.objects.filter(user=alice).values_list("delivery", flat=True)
    ) == {Delivery.NONE}
    assert not services.digest_send(
        user=alice, year=busy_week["year"], week=busy_week["week"]
    )


def test_a_tampered_unsubscribe_link_is_refused(busy_week):
    alice, bob = busy_week["alice"], busy_week["bob"]
    token = services.unsubscribe_token(alice)
    forged = token.replace(
        token.split(":")[0], services.unsubscribe_token(bob).split(":")[0]
    )
    for bad in (token[:-2] + "xx", forged, "nonsense"):
        response = Client().post(f"/portal/digest/unsubscribe/{bad}/")
        assert response.status_code == 400
    assert not Preference.objects.exists()


class _Quiet:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
