"""Browsers signed in by session cookie: a test client's session handed to a
Playwright context, for tests whose journey is not the sign-in itself
(test_public_and_login.py and test_two_factor.py walk that)."""

from django.conf import settings
from django.test import Client


def give_session(context, client: Client, url: str) -> None:
    """The test client's session cookie in this browser context."""
    name = settings.SESSION_COOKIE_NAME
    context.add_cookies(
        [{"name": name, "value": client.cookies[name].value, "url": url}]
    )


def sign_in(context, user, url: str) -> None:
    """`user` signed in in this browser context, with the second factor where
    they have an authenticator app (tests/conftest.py)."""
    client = Client()
    client.force_login(user)
    give_session(context, client, url)
