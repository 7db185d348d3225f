"""Fixtures every test can use: a user and a signed-in client for each role."""

import itertools

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core import serializers
from django.core.cache import cache
from django.db import transaction
from django.db.backends.base.creation import BaseDatabaseCreation
from django.db.backends.postgresql import operations as postgresql
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


def _flush_by_delete(
    self, style, tables, *, reset_sequences=False, allow_cascade=False
):
    """PostgreSQL's flush as DELETEs instead of one TRUNCATE of every table."""
    if reset_sequences:
        return TRUNCATE(
            self, style, tables, reset_sequences=True, allow_cascade=allow_cascade
        )
    return [
        "SET CONSTRAINTS ALL DEFERRED;",
        *(f"DELETE FROM {self.quote_name(table)};" for table in tables),
    ]


def _reload_in_bulk(self, data):
    """Django's reload of the migrated rows, one INSERT per model instead of an
    UPDATE and an INSERT per row."""
    alias = self.connection.alias
    table_names = set()
    with transaction.atomic(using=alias):
        with self.connection.constraint_checks_disabled():
            rows = serializers.deserialize("json", data, using=alias)
            for model, group in itertools.groupby(rows, lambda row: type(row.object)):
                group = list(group)
                if model._meta.parents:  # multi-table inheritance: row by row
                    for row in group:
                        row.save()
                else:
                    model._base_manager.using(alias).bulk_create(
                        [row.object for row in group], **_as_upsert(model)
                    )
                    for row in group:
                        for name, values in (row.m2m_data or {}).items():
                            getattr(row.object, name).set(values)
                table_names.add(model._meta.db_table)
        self.connection.check_constraints(table_names=table_names)


def _as_upsert(model) -> dict:
    """The first test of a worker reloads the rows over themselves (Django's
    save updates a row that is there): insert or update, by primary key."""
    fields = [f.name for f in model._meta.concrete_fields if not f.primary_key]
    if not fields:
        return {"ignore_conflicts": True}
    return {
        "update_conflicts": True,
        "unique_fields": [model._meta.pk.name],
        "update_fields": fields,
    }


TRUNCATE = postgresql.DatabaseOperations.sql_flush


@pytest.fixture(autouse=True, scope="session")
def _quick_transactional_reset():
    """Every transactional test (browser tests, races) ends with Django
    emptying every table and begins with it reloading the rows the migrations
    made (772: content types, permissions, the root page, locales). As Django
    does them, that costs 3–6 s a test on PostgreSQL, most of the browser
    tests' own time besides the browser:

    - the TRUNCATE of all ~250 tables gives each table, index and TOAST
      relation a new file (2–5 s). DELETE of the few rows a test wrote takes
      milliseconds; Django's foreign keys are DEFERRABLE INITIALLY DEFERRED,
      so inside the flush's one transaction the order does not matter.
      Sequences stay as they are, as Django's flush leaves them unless a
      test asks (`reset_sequences`, which still truncates).
    - the reload saves row by row, an UPDATE then an INSERT each (~1 s).
      One INSERT per model does the same; the rows, their keys and their
      many-to-many links are the same, and the constraints are checked after.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(postgresql.DatabaseOperations, "sql_flush", _flush_by_delete)
        patch.setattr(
            BaseDatabaseCreation, "deserialize_db_from_string", _reload_in_bulk
        )
        yield


def pytest_collection_modifyitems(config, items):
    """Refuse a test that commits for real (`transaction=True`, or
    `transactional_db`/`live_server` without such a mark) unless it reloads
    the migrated rows after (`serialized_rollback=True`). Without it, the
    flush at its end also re-creates content types and permissions, and the
    next transactional test on that worker fails to load its rows ("duplicate
    key … django_content_type"): a failure that shows in another test, on one
    worker, depending on the order."""
    wrong = []
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = set(getattr(item, "fixturenames", ()))
        transactional = (
            marker is not None and marker.kwargs.get("transaction", False)
        ) or bool(fixtures & {"transactional_db", "live_server"})
        reloads = (
            marker is not None and marker.kwargs.get("serialized_rollback", False)
        ) or "django_db_serialized_rollback" in fixtures
        if transactional and not reloads:
            wrong.append(item.nodeid)
    if wrong:
        raise pytest.UsageError(
            "transactional tests must reload the migrated rows, "
            "`pytest.mark.django_db(transaction=True, serialized_rollback=True)`: "
            + ", ".join(wrong)
        )
