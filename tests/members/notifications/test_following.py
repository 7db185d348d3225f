"""Following: by hand, automatically, and only what one may see."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale

from members.areas import services as areas
from members.meetings.services import meeting_announce
from members.notifications.models import Follow, Notification
from members.notifications.selectors import is_following, notifications_for
from members.proposals import services as proposals
from members.proposals.models import Proposal
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db


def client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def submit(world):
    return proposals.proposal_transition(
        proposal=world["proposal"], to=Proposal.Status.SUBMITTED, by=world["alice"]
    )


def test_a_member_follows_and_unfollows_a_proposal(world):
    proposal = submit(world)
    bob = client(world["bob"])
    response = bob.post(
        "/portal/follow/",
        {"kind": "proposal", "pk": proposal.pk, "next": "/portal/proposals/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/portal/proposals/"
    assert is_following(world["bob"], proposal)
    bob.post("/portal/follow/", {"kind": "proposal", "pk": proposal.pk})
    assert not is_following(world["bob"], proposal)


def test_nobody_follows_what_they_may_not_see(world):
    # A draft belongs to its organisation alone.
    response = client(world["bob"]).post(
        "/portal/follow/", {"kind": "proposal", "pk": world["proposal"].pk}
    )
    assert response.status_code == 404
    # The situational picture's areas are for members and parties.
    response = client(world["outsider"]).post(
        "/portal/follow/", {"kind": "area", "pk": world["centrum"].pk}
    )
    assert response.status_code == 404
    assert (
        client(world["outsider"])
        .post("/portal/follow/", {"kind": "nonsense", "pk": 1})
        .status_code
        == 404
    )
    assert not Follow.objects.exists()


def test_an_offsite_next_address_is_not_followed(world):
    proposal = submit(world)
    response = client(world["bob"]).post(
        "/portal/follow/",
        {"kind": "proposal", "pk": proposal.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/portal/notifications/settings/"


def test_proposers_and_addressed_parties_follow_automatically(world):
    proposal = submit(world)
    assert is_following(world["alice"], proposal)
    assert Follow.objects.get(user=world["alice"]).automatic
    item = areas.action_create(
        by=world["secretariat"],
        area=world["centrum"],
        addressed_to=world["police"],
        title="Extra patruller",
        due_date=timezone.localdate() + datetime.timedelta(days=7),
    )
    assert is_following(world["lars"], item)
    settings_page = client(world["lars"]).get("/portal/notifications/settings/")
    assert "Extra patruller" in settings_page.content.decode()
    # Following it by hand again toggles it off, as for any followed record.
    client(world["lars"]).post("/portal/follow/", {"kind": "action", "pk": item.pk})
    assert not is_following(world["lars"], item)
    # The police hear of it in the portal, the proposers of nothing of it.
    assert notifications_for(world["lars"]).filter(event__kind="action.addressed")
    assert not notifications_for(world["alice"]).filter(event__kind="action.addressed")


def test_followers_hear_of_comments_but_not_the_commenter(world):
    proposal = submit(world)
    world["bob"].follows.create(content_type_id=_ct(proposal), object_id=proposal.pk)
    proposals.comment_add(proposal=proposal, by=world["bob"], body="Bra idé!")
    alice_sees = notifications_for(world["alice"]).filter(
        event__kind="proposal.commented"
    )
    assert alice_sees.count() == 1
    assert "Bra idé!" in alice_sees.get().event.params["excerpt"]
    assert not notifications_for(world["bob"]).filter(event__kind="proposal.commented")


def test_following_a_priority_in_another_language_is_following_the_priority(world):
    priority = world["priority"]
    english = Locale.objects.get_or_create(language_code="en")[0]
    translated = priority.copy_for_translation(english, copy_parents=True)
    translated.save_revision().publish()
    client(world["bob"]).post(
        "/portal/follow/", {"kind": "priority", "pk": translated.pk}
    )
    assert is_following(world["bob"], priority)
    submit(world)
    assert notifications_for(world["bob"]).filter(event__kind="proposal.submitted")


def test_a_follower_who_may_not_see_the_subject_is_not_told(world):
    """A person with no membership follows a public body; a board-only meeting
    of that body is announced: they hear nothing, a board member does."""
    body = world["body"]
    for user in (world["outsider"], world["board"]):
        user.follows.create(content_type_id=_ct(body), object_id=body.pk)
    secret = MeetingFactory(
        body=body,
        visibility="board",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    meeting_announce(meeting=secret, by=world["secretariat"])
    assert not Notification.objects.filter(user=world["outsider"]).exists()
    assert notifications_for(world["board"]).filter(event__kind="meeting.announced")


def _ct(obj) -> int:
    return ContentType.objects.get_for_model(obj).pk
