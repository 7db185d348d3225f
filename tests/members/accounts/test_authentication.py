"""allauth for everyone: sign-up with verification, login limits, reset, two-factor."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.core import mail
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from members.accounts.models import User
from tests.factories.accounts import (
    PASSWORD,
    BoardUserFactory,
    MemberUserFactory,
    code_now,
    totp_code,
)

pytestmark = pytest.mark.django_db


def login(client, email, password=PASSWORD, next_url=None, prefix="/en"):
    data = {"login": email, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(f"{prefix}/accounts/login/", data)


def test_signup_requires_email_verification_before_signing_in(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "first_name": "Nina",
            "last_name": "Nilsson",
            "email": "New.Person@Example.org",
            "password1": "a-long-passphrase-1",
            "password2": "a-long-passphrase-1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    user = User.objects.get(email="new.person@example.org")
    assert user.language == "en"
    assert "_auth_user_id" not in client.session

    # Signing in before verifying only resends the verification.
    response = login(client, "new.person@example.org", "a-long-passphrase-1")
    assert "_auth_user_id" not in client.session

    message = mail.outbox[0]
    assert message.to == ["new.person@example.org"]
    link = re.search(r"https?://[^/]+(/\S+/accounts/confirm-email/\S+/)", message.body)
    assert link, message.body
    response = client.post(link.group(1))
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_rejects_a_weak_password_and_creates_nothing(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "weak@example.org", "password1": "12345", "password2": "12345"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="weak@example.org").exists()


def test_repeated_failed_logins_are_rate_limited(client):
    user = MemberUserFactory()
    for _ in range(5):
        response = login(client, user.email, "wrong-password")
        assert response.status_code == 200
    # Even the right password is refused until the limit has passed.
    response = login(client, user.email)
    assert response.status_code == 200
    assert "Too many failed login attempts" in str(response.context["form"].errors)
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    user = MemberUserFactory()
    client.post("/accounts/password/reset/", {"email": user.email})
    body = mail.outbox[0].body
    link = re.search(r"https?://[^/]+(/\S*accounts/password/reset/key/\S+/)", body)
    assert link, body
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(
        form_url,
        {"password1": "brand-new-passphrase", "password2": "brand-new-passphrase"},
    )
    user.refresh_from_db()
    assert user.check_password("brand-new-passphrase")


def test_member_can_turn_on_totp_and_is_then_asked_for_a_code(client):
    user = MemberUserFactory()
    login(client, user.email)
    # Turning two-factor on asks for the password again first.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post(response["Location"], {"password": PASSWORD})
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/accounts/2fa/totp/activate/", {"code": code_now(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()

    client.post("/accounts/logout/")
    response = login(client, user.email)
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
    assert "_auth_user_id" not in client.session
    client.post("/en/accounts/2fa/authenticate/", {"code": code_now(secret)})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wagtail_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


def test_board_member_signs_in_with_a_code_and_lands_in_the_admin(client):
    board = BoardUserFactory()
    response = login(client, board.email, next_url="/admin/")
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    response = client.post(response["Location"], {"code": totp_code(board)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_member_who_signs_in_cannot_reach_the_admin(client):
    member = MemberUserFactory()
    login(client, member.email)
    assert client.session["_auth_user_id"] == str(member.pk)
    response = client.get("/admin/", follow=True)
    # Told why, once: not sent to sign in again, which would send them back.
    assert response.status_code == 403
    assert [url for url, _status in response.redirect_chain] == [
        "/admin/login/?next=/admin/"
    ]
    with translation.override(response["Content-Language"]):
        reason = gettext(
            "The administration is for the board and the secretariat. "
            "Your account has no access to it."
        )
    assert escape(reason) in response.content.decode()


def test_staff_sent_to_the_admins_sign_in_go_on_to_the_page_they_asked_for(client):
    board = BoardUserFactory()
    client.force_login(board)
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response["Location"] == "/admin/pages/"
    response = client.get("/admin/login/?next=https://elsewhere.example/")
    assert response["Location"] == "/admin/"


def test_emails_are_unique_whatever_their_case():
    MemberUserFactory(email="case@example.org")
    with pytest.raises(Exception):  # noqa: B017 - IntegrityError or ValidationError
        User.objects.create_user(email="CASE@example.org", password="x")
