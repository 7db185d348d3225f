"""Signing staff in through the form: after the password, the code of their
authenticator app (the staff factories give them one)."""

import re

from playwright.sync_api import expect

from tests.factories.accounts import totp_code


def enter_code(page, user) -> None:
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    page.locator("input[name=code]").fill(totp_code(user))
    page.locator("main form button[type=submit]").first.click()
