"""Fixtures every test can use: a user and a signed-in client for each role."""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories.accounts import (
    AdminUserFactory,
    BoardUserFactory,
    MemberUserFactory,
    SecretariatUserFactory,
)

ROLES = ("anonymous", "member", "board", "secretariat", "admin")

ROLE_FACTORIES = {
    "member": MemberUserFactory,
    "board": BoardUserFactory,
    "secretariat": SecretariatUserFactory,
    "admin": AdminUserFactory,
}


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached fragments must not leak from one test into the next.
    cache.clear()
    yield
    cache.clear()


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
