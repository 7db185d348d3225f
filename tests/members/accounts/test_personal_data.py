"""A person downloads their data and deletes their account (GDPR)."""

import json

import pytest
from django.core import mail

from members.accounts.models import User
from members.meetings.models import MeetingAdjuster
from members.organisations.models import Organisation
from tests.factories.accounts import PASSWORD, MemberUserFactory, SecretariatUserFactory
from tests.factories.meetings import MeetingFactory
from tests.factories.organisations import (
    EnrolmentFactory,
    OrganisationMemberFactory,
    organisation_with_admin,
)

pytestmark = pytest.mark.django_db


def test_download_contains_the_persons_data_and_nobody_elses(client_for):
    organisation, user = organisation_with_admin(legal_name="Mitt Bolag AB")
    EnrolmentFactory(
        organisation=organisation, applicant=user, message="Vi vill gå med"
    )
    other, _ = organisation_with_admin(legal_name="Annat Bolag AB")

    response = client_for("member", user=user).get("/accounts/data/download/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == user.email
    assert data["organisations"][0]["organisation"] == "Mitt Bolag AB"
    assert data["applications"][0]["message"] == "Vi vill gå med"
    assert "Annat Bolag AB" not in response.content.decode()


def test_deleting_the_account_needs_the_password(client_for):
    user = MemberUserFactory()
    response = client_for("member", user=user).post(
        "/en/accounts/delete/", {"password": "wrong", "confirm": "on"}
    )
    assert response.status_code == 200
    assert "not correct" in str(response.context["form"].errors)
    assert User.objects.filter(pk=user.pk).exists()


def test_sole_administrators_hand_their_organisation_to_the_secretariat(
    client_for, django_capture_on_commit_callbacks
):
    secretariat = SecretariatUserFactory()
    alone, user = organisation_with_admin(legal_name="Ensam AB")
    shared, _ = organisation_with_admin(legal_name="Delad AB")
    OrganisationMemberFactory(organisation=shared, user=user, role="admin")
    client = client_for("member", user=user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/delete/", {"password": PASSWORD, "confirm": "on"}
        )

    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    alone.refresh_from_db()
    shared.refresh_from_db()
    assert alone.managed_by_secretariat and not shared.managed_by_secretariat
    assert Organisation.objects.count() == 2
    assert mail.outbox[-1].to == [secretariat.email]
    assert "Ensam AB" in mail.outbox[-1].body
    assert "_auth_user_id" not in client.session


def test_an_adjuster_of_minutes_is_told_why_the_account_stays(
    client_for, django_capture_on_commit_callbacks
):
    """The minutes name who adjusted them: deleting such an account is refused
    with a reason (it used to fail on the protected row), and nothing changes,
    not even the hand-over of an organisation the person alone administers."""
    SecretariatUserFactory()
    alone, user = organisation_with_admin(legal_name="Ensam AB")
    meeting = MeetingFactory(title="Styrelsemöte mars")
    MeetingAdjuster.objects.create(meeting=meeting, user=user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("member", user=user).post(
            "/en/accounts/delete/", {"password": PASSWORD, "confirm": "on"}
        )

    assert response.status_code == 200
    assert "Styrelsemöte mars" in str(response.context["form"].errors)
    assert "secretariat" in str(response.context["form"].errors)
    assert User.objects.filter(pk=user.pk).exists()
    alone.refresh_from_db()
    assert not alone.managed_by_secretariat
    assert not mail.outbox
