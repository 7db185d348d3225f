"""One vocabulary of visibility and one place for roles: who is a member, who is
staff, what each rule allows, and the audience a person reads as."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bid import access, events
from members.accounts.models import User
from search import documents
from tests.factories.accounts import (
    BoardUserFactory,
    SecretariatUserFactory,
    UserFactory,
)
from tests.factories.auditing import auditor
from tests.factories.contributions import member
from tests.factories.organisations import organisation_with_admin

pytestmark = pytest.mark.django_db


def fresh(user):
    """The same person as a new request would load them (nothing cached)."""
    return User.objects.get(pk=user.pk)


def test_events_and_search_speak_the_same_vocabulary():
    assert access.VISIBILITIES == ("public", "members", "board", "organisation")
    assert events.ORGANISATION == documents.ORGANISATION == access.ORGANISATION
    assert documents.Audience is access.Audience
    with pytest.raises(ValueError, match="private"):
        events.publish("proposal.submitted", subject=None, visibility="private")


def test_the_rules_follow_the_groups_permissions():
    board, secretariat = BoardUserFactory(), SecretariatUserFactory()
    _organisation, person = member()
    both = (
        "access_admin",
        "decide_proposal",
        "manage_actions",
        "record_meeting",
        "review_enrolment",
        "view_meeting",
    )
    for rule in both:
        assert access.may(board, rule), rule
        assert access.may(secretariat, rule), rule
        assert not access.may(person, rule), rule
        assert not access.may(AnonymousUser(), rule), rule
    assert access.may(secretariat, "consolidate_week")
    assert not access.may(board, "consolidate_week")
    # Auditing is given to a person with a grant, never to a group.
    for user in (board, secretariat, person):
        assert not access.may(user, "audit")
    assert access.may(auditor(), "audit")
    assert set(access.RULES) == {*both, "consolidate_week", "audit"}
    with pytest.raises(KeyError):
        access.may(board, "invented_rule")


def test_an_administrator_holds_every_rule_while_active():
    admin = User.objects.create_superuser("root@example.org", "x")
    assert all(access.may(admin, rule) for rule in access.RULES)
    assert access.is_staff(admin) and access.is_member(admin)
    assert access.is_board(admin) and access.is_secretariat(admin)
    admin.is_active = False
    admin.save()
    assert not any(access.may(fresh(admin), rule) for rule in access.RULES)


def test_members_are_people_of_organisations_that_are_members_today():
    member_org, person = member()
    outsider_org, outsider_admin = organisation_with_admin()
    assert access.is_member(person)
    assert not access.is_member(outsider_admin)
    assert not access.is_member(UserFactory())
    assert not access.is_member(AnonymousUser())
    # Staff count as members; neither is staff or board.
    assert access.is_member(BoardUserFactory())
    assert access.is_member(SecretariatUserFactory())
    assert not access.is_staff(person) and not access.is_board(person)
    assert access.organisations_of(person) == {member_org.pk}
    assert access.organisations_of(outsider_admin) == {outsider_org.pk}
    assert access.organisations_of(AnonymousUser()) == frozenset()


def test_the_membership_is_read_once_per_request():
    _organisation, person = member()
    person = fresh(person)
    with CaptureQueriesContext(connection) as first:
        access.organisations_of(person)
    with CaptureQueriesContext(connection) as again:
        access.organisations_of(person)
        access.is_member(person)
    assert len(first) == 1
    assert len(again) <= 2  # the user's permissions, never the membership
    assert not [q for q in again.captured_queries if "organisationmember" in q["sql"]]


def test_audiences_from_the_public_to_the_board():
    member_org, person = member()
    other_org, outsider_admin = organisation_with_admin()
    board = BoardUserFactory()
    assert access.audience_for(AnonymousUser()) == access.Audience.public()
    assert access.audience_for(None) == access.Audience.public()
    assert access.audience_for(person) == access.Audience(
        levels=frozenset({access.PUBLIC, access.MEMBERS}),
        organisations=frozenset({member_org.pk}),
    )
    assert access.audience_for(outsider_admin) == access.Audience(
        levels=frozenset({access.PUBLIC}), organisations=frozenset({other_org.pk})
    )
    assert access.audience_for(board).levels == {
        access.PUBLIC,
        access.MEMBERS,
        access.BOARD,
    }


def test_many_audiences_agree_with_one_at_a_time_in_two_queries():
    people = [member()[1] for _ in range(3)]
    people += [organisation_with_admin()[1], UserFactory()]
    people += [BoardUserFactory(), SecretariatUserFactory()]
    people.append(User.objects.create_superuser("root@example.org", "x"))
    people = [fresh(person) for person in people]
    with CaptureQueriesContext(connection) as queries:
        many = access.audiences_for(people)
    assert len(queries) == 2
    assert many == {person.pk: access.audience_for(fresh(person)) for person in people}
    assert access.audiences_for([]) == {}


def test_without_a_membership_resolver_nobody_acts_for_an_organisation(monkeypatch):
    _organisation, person = member()
    monkeypatch.setattr(access, "_resolvers", [])
    assert access.organisations_of(fresh(person)) == frozenset()
    assert not access.is_member(fresh(person))
    assert access.is_member(BoardUserFactory())
