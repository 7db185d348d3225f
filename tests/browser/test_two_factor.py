"""Staff two-factor in a real browser: enrolment on the first visit to the
admin, the code at the next sign-in, and a code asked of a session without
one; axe-core on each of these pages on a phone and a desktop."""

import re

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from django.test import Client
from playwright.sync_api import expect

from tests.browser.sessions import give_session
from tests.browser.two_factor import enter_code
from tests.factories.accounts import PASSWORD, BoardUserFactory, code_now, totp_code
from tests.factories.pages import district_settings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = (360, 1280)


def sign_in_through_the_form(browser, live_server, width, path, user):
    """A new browser at this width opens `path` and signs in with the password."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="sv-SE",
        viewport={"width": width, "height": 800},
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(path)
    page.get_by_label("E-post").fill(user.email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    return context, page


def submit(page) -> None:
    page.locator("main form button[type=submit]").first.click()


@pytest.mark.parametrize("width", WIDTHS)
def test_board_member_sets_up_an_app_on_the_first_visit_and_signs_in_with_it(
    browser, live_server, assert_accessible, width
):
    district_settings(organisation_name="Hamnstaden BID")
    board = BoardUserFactory(with_totp=False, language="en")
    context, page = sign_in_through_the_form(
        browser, live_server, width, "/admin/pages/", board
    )

    # Setting up an app asks for the password again, and says why.
    expect(page).to_have_url(re.compile(r"/en/accounts/reauthenticate/\?next="))
    expect(page.locator("body")).to_contain_text(
        "The admin is only open with two-factor authentication."
    )
    assert_accessible(page)
    page.locator("input[name=password]").fill(PASSWORD)
    submit(page)

    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/totp/activate/$"))
    expect(page.get_by_role("img")).to_have_count(1)  # the QR code
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(code_now(secret))
    submit(page)

    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/recovery-codes/$"))
    expect(page.locator("#recovery_codes")).to_have_value(re.compile(r"\d{8}"))
    assert_accessible(page)
    page.get_by_role("link", name="I have saved the codes: continue").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/$"))
    context.close()

    # The next sign-in asks for the app's code.
    context, page = sign_in_through_the_form(
        browser, live_server, width, "/admin/", board
    )
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    assert_accessible(page)
    enter_code(page, board)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_session_without_a_code_is_asked_for_one(
    browser, live_server, assert_accessible, width
):
    district_settings()
    board = BoardUserFactory(language="en")
    client = Client()
    client.force_login(board)
    session = client.session
    del session[AUTHENTICATION_METHODS_SESSION_KEY]
    session.save()
    context = browser.new_context(
        base_url=live_server.url,
        locale="sv-SE",
        viewport={"width": width, "height": 800},
    )
    context.set_default_timeout(15_000)
    give_session(context, client, live_server.url)
    page = context.new_page()
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/reauthenticate/\?next="))
    assert_accessible(page)
    page.locator("input[name=code]").fill(totp_code(board))
    submit(page)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    context.close()
