"""Fixtures every test can use: a user and a signed-in client for each role."""

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client
from django.utils import translation

from members.organisations.models import OrganisationMember
from tests import stripe_support
from tests.factories.accounts import (
    AdminUserFactory,
    BoardUserFactory,
    MemberUserFactory,
    SecretariatUserFactory,
)
from tests.factories.auditing import auditor
from tests.factories.contributions import member
from tests.factories.organisations import OrganisationMemberFactory
from tests.stripe_support import LocalStripe

# member_a administers a member organisation, member_a_contact is a contact of
# the same organisation, member_b administers another member organisation; the
# auditor acts for no organisation and may read this year's books.
ROLES = (
    "anonymous",
    "member_a",
    "member_a_contact",
    "member_b",
    "board",
    "secretariat",
    "admin",
    "auditor",
)


def _member_admin():
    return member()[1]


def _member_contact():
    organisation, _admin = member()
    contact = MemberUserFactory()
    OrganisationMemberFactory(
        organisation=organisation,
        user=contact,
        role=OrganisationMember.Role.CONTACT,
    )
    return contact


ROLE_FACTORIES = {
    # A signed-in person who acts for no organisation.
    "member": MemberUserFactory,
    "member_a": _member_admin,
    "member_a_contact": _member_contact,
    "member_b": _member_admin,
    "board": BoardUserFactory,
    "secretariat": SecretariatUserFactory,
    "admin": AdminUserFactory,
    "auditor": auditor,
}


@pytest.fixture(autouse=True)
def _main_language():
    # A request to a /en/ address leaves English active in the thread; each
    # test starts in the site's main language, as a command or task would.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached fragments must not leak from one test into the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _force_login_includes_the_second_factor():
    # force_login stands for a finished sign-in: for someone with an
    # authenticator app, that includes the code, recorded in the session as
    # allauth's own sign-in records it. tests/members/accounts/test_two_factor.py
    # covers the sign-in itself and sessions without the code.
    force_login = Client.force_login

    def force_login_with_code(self, user, backend=None):
        force_login(self, user, backend)
        authenticator = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).first()
        if authenticator is not None:
            request = HttpRequest()
            request.session = self.session
            record_authentication(
                request, user, "mfa", id=authenticator.pk, type=authenticator.type
            )
            request.session.save()

    # For the whole session: module-scoped fixtures sign clients in too.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Client, "force_login", force_login_with_code)
        yield


@pytest.fixture
def member_user(db):
    return MemberUserFactory()


@pytest.fixture
def board_user(db):
    return BoardUserFactory()


@pytest.fixture
def secretariat_user(db):
    return SecretariatUserFactory()


@pytest.fixture
def admin_user(db):
    return AdminUserFactory()


@pytest.fixture
def client_for(db):
    """`client_for("board")` returns a client signed in as a new user of that role."""

    def make(role: str, user=None) -> Client:
        client = Client()
        if role == "anonymous":
            return client
        client.force_login(user or ROLE_FACTORIES[role]())
        return client

    return make


@pytest.fixture(scope="session")
def localstripe_server():
    server = LocalStripe()
    yield server
    server.stop()


def _use_localstripe(settings, server):
    settings.STRIPE_SECRET_KEY = stripe_support.SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = stripe_support.PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = stripe_support.WEBHOOK_SECRET
    settings.STRIPE_API_BASE = server.url
    settings.STRIPE_JS_URL = f"{server.url}/js.stripe.com/v3/"
    return server


@pytest.fixture
def stripe_settings(settings, localstripe_server):
    """Card payments on, against the session's localstripe, emptied first."""
    localstripe_server.flush()
    return _use_localstripe(settings, localstripe_server)


@pytest.fixture
def own_localstripe(settings):
    """Card payments on, against a localstripe of this test's own: webhooks it
    sends can only be about this test's payments (localstripe sends each event a
    second after it happens, to whatever webhook is registered by then)."""
    server = LocalStripe()
    yield _use_localstripe(settings, server)
    server.stop()
