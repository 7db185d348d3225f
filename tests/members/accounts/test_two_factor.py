"""Staff reach the admin only with two-factor authentication: enrolment on the
first visit, a code at sign-in, recovery codes, and sessions without a code."""

from urllib.parse import quote

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    generate_totp_secret,
)
from django.test import Client

from members.accounts.two_factor import RESUME_SESSION_KEY
from tests.factories.accounts import (
    PASSWORD,
    AdminUserFactory,
    BoardUserFactory,
    MemberUserFactory,
    SecretariatUserFactory,
    code_now,
    totp_code,
)
from tests.factories.pages import district_settings

pytestmark = pytest.mark.django_db

STAFF_FACTORIES = {
    "board": BoardUserFactory,
    "secretariat": SecretariatUserFactory,
    "admin": AdminUserFactory,
}
# The admin's entry points: its dashboard, Wagtail's own views, this project's
# admin views, and an address that does not exist (the check comes first).
ADMIN_URLS = (
    "/admin/",
    "/admin/pages/",
    "/admin/users/",
    "/admin/contributions/overview/",
    "/admin/proposal_review/",
    "/admin/does-not-exist/",
)
ACTIVATE = "/en/accounts/2fa/totp/activate/"


def english_client() -> Client:
    return Client(HTTP_HOST="127.0.0.1")


def sign_in(client, email, next_url=None):
    data = {"login": email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/en/accounts/login/", data)


def drop_second_factor(client) -> None:
    """What a session opened with the password alone holds: no code."""
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        record
        for record in session[AUTHENTICATION_METHODS_SESSION_KEY]
        if record["method"] != "mfa"
    ]
    session.save()


def reauthenticate(client, user) -> None:
    """Changes to two-factor ask for a code again first."""
    response = client.post(
        "/en/accounts/2fa/reauthenticate/", {"code": totp_code(user)}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("role", STAFF_FACTORIES)
@pytest.mark.parametrize("url", ADMIN_URLS)
def test_staff_without_an_authenticator_app_are_sent_to_set_one_up(role, url):
    client = english_client()
    # The admin speaks the person's language, and so do its redirects.
    client.force_login(STAFF_FACTORIES[role](with_totp=False, language="en"))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE
    assert client.session[RESUME_SESSION_KEY] == url


def test_staff_with_an_app_and_a_code_in_the_session_reach_the_admin():
    client = english_client()
    client.force_login(BoardUserFactory())
    assert client.get("/admin/").status_code == 200


def test_a_member_is_never_asked_to_set_up_two_factor():
    member = MemberUserFactory()
    client = english_client()
    response = sign_in(client, member.email, next_url="/en/portal/")
    assert response["Location"] == "/en/portal/"
    assert client.get("/en/portal/").status_code == 200
    response = client.get("/admin/")
    assert response["Location"] == "/admin/login/?next=/admin/"
    assert client.get(response["Location"]).status_code == 403
    assert not Authenticator.objects.filter(user=member).exists()
    assert RESUME_SESSION_KEY not in client.session


# allauth announces an activation once it is committed, as in production.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_enrol_on_first_sign_in_see_recovery_codes_and_return():
    district_settings(organisation_name="Hamnstaden BID")
    board = BoardUserFactory(with_totp=False, language="en")
    client = english_client()
    response = sign_in(client, board.email, next_url="/admin/pages/")
    assert response["Location"] == "/admin/pages/"

    # Setting up an app asks for the password again first (allauth's rule
    # for every change to the sign-in methods), with the reason shown.
    response = client.get("/admin/pages/", follow=True)
    confirm = f"/en/accounts/reauthenticate/?next={quote(ACTIVATE, safe='')}"
    assert response.redirect_chain == [(ACTIVATE, 302), (confirm, 302)]
    assert "The admin is only open with two-factor authentication" in (
        response.content.decode()
    )
    response = client.post(confirm, {"password": PASSWORD})
    assert response["Location"] == ACTIVATE
    response = client.get(ACTIVATE)
    secret = client.session[SECRET_SESSION_KEY]
    # The authenticator app is told whose code it shows.
    assert f"issuer={quote('Hamnstaden BID')}" in response.context["totp_url"]

    # A wrong code activates nothing.
    response = client.post(ACTIVATE, {"code": "000000"})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=board).exists()

    response = client.post(ACTIVATE, {"code": code_now(secret)})
    assert response["Location"] == "/en/accounts/2fa/recovery-codes/"
    response = client.get(response["Location"])
    codes = RecoveryCodes(
        Authenticator.objects.get(user=board, type=Authenticator.Type.RECOVERY_CODES)
    ).get_unused_codes()
    assert len(codes) == 10
    page = response.content.decode()
    assert all(code in page for code in codes)
    assert 'href="/admin/pages/"' in page
    assert "I have saved the codes: continue" in page

    # The activation was this session's second factor.
    assert client.get("/admin/pages/").status_code == 200
    assert RESUME_SESSION_KEY not in client.session


def test_sign_in_asks_staff_for_the_code_of_their_app():
    board = BoardUserFactory(language="en")
    client = english_client()
    response = sign_in(client, board.email, next_url="/admin/")
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"
    assert client.get("/admin/login/")["Location"] == "/accounts/login/"

    client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
    assert "_auth_user_id" not in client.session
    response = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(board)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_signs_in_once():
    board = BoardUserFactory()
    codes = RecoveryCodes(
        Authenticator.objects.get(user=board, type=Authenticator.Type.RECOVERY_CODES)
    ).get_unused_codes()
    client = english_client()
    sign_in(client, board.email, next_url="/admin/")
    response = client.post("/en/accounts/2fa/authenticate/", {"code": codes[0]})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200

    client.post("/en/accounts/logout/")
    sign_in(client, board.email, next_url="/admin/")
    response = client.post("/en/accounts/2fa/authenticate/", {"code": codes[0]})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    client.post("/en/accounts/2fa/authenticate/", {"code": codes[1]})
    assert client.session["_auth_user_id"] == str(board.pk)


@pytest.mark.parametrize("role", STAFF_FACTORIES)
def test_a_session_without_a_code_is_asked_for_one_before_the_admin(role):
    staff = STAFF_FACTORIES[role](language="en")
    client = english_client()
    client.force_login(staff)
    drop_second_factor(client)
    response = client.get("/admin/pages/?p=2")
    assert response["Location"] == (
        "/en/accounts/2fa/reauthenticate/?next=%2Fadmin%2Fpages%2F%3Fp%3D2"
    )
    assert client.get(response["Location"]).status_code == 200

    response = client.post(
        "/en/accounts/2fa/reauthenticate/",
        {"code": "000000", "next": "/admin/pages/?p=2"},
    )
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302

    response = client.post(
        "/en/accounts/2fa/reauthenticate/",
        {"code": totp_code(staff), "next": "/admin/pages/?p=2"},
    )
    assert response["Location"] == "/admin/pages/?p=2"
    assert client.get("/admin/").status_code == 200


def test_staff_who_turn_their_app_off_set_up_a_new_one_before_the_admin():
    # Changing phones is self-service: off, then on again with the new one.
    board = BoardUserFactory(language="en")
    client = english_client()
    client.force_login(board)
    reauthenticate(client, board)
    response = client.post("/en/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=board).exists()
    assert client.get("/admin/")["Location"] == ACTIVATE


def test_a_member_may_turn_their_authenticator_app_off():
    member = MemberUserFactory()
    TOTP.activate(member, generate_totp_secret())
    client = english_client()
    client.force_login(member)
    reauthenticate(client, member)
    response = client.post("/en/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=member).exists()
