"""The Content Security Policy on the public site and the member portal allows
no inline script or style; only Wagtail's admin, under /admin/, is relaxed."""

import pytest
from django.test import Client

from tests.bid.test_security_headers import directives

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/en/",
    "/search/?q=plan",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/api/",
    "/open-data/",
]
PORTAL = [
    "/portal/",
    "/portal/proposals/",
    "/portal/proposals/mine/",
    "/portal/proposals/new/",
    "/portal/proposals/{pk}/",
    "/portal/contributions/",
    "/portal/notifications/",
    "/portal/notifications/settings/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
]


def assert_strict(response):
    csp = directives(response)
    assert csp["script-src"] == ["'self'"], response.request["PATH_INFO"]
    assert csp["style-src"] == ["'self'"], response.request["PATH_INFO"]
    assert csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_allow_no_inline_script_or_style(world, url):
    response = Client().get(url)
    assert response.status_code == 200
    assert_strict(response)


@pytest.mark.parametrize("url", PORTAL)
def test_portal_pages_allow_no_inline_script_or_style(world, url):
    client = Client()
    client.force_login(world["alice"])
    response = client.get(url.format(pk=world["proposal"].pk))
    assert response.status_code == 200
    assert_strict(response)


def test_error_pages_keep_the_strict_policy(world):
    assert_strict(Client().get("/no-such-page/"))


def test_the_admin_relaxation_stops_at_the_admin(client_for):
    board = client_for("board")
    admin = board.get("/admin/")
    assert admin.status_code == 200
    assert directives(admin)["script-src"] == ["'self'", "'unsafe-inline'"]
    # An address that merely starts like the admin's is the site's own.
    assert_strict(board.get("/administration/"))
    assert_strict(board.get("/en/admin/"))
