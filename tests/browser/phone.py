"""Signed in on a phone (or a wide screen) whose position the test sets, as
the walk and offline journeys need."""

from playwright.sync_api import expect

from tests.factories.accounts import PASSWORD

PHONE = {"width": 390, "height": 844}


def sign_in(browser, live_server, user, *, here: dict, viewport=PHONE):
    """A new browser context at `viewport` that reports the position `here`
    (latitude, longitude, accuracy), signed in as `user` in English."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport=viewport,
        is_mobile=viewport is PHONE,
        has_touch=viewport is PHONE,
        geolocation=here,
        permissions=["geolocation"],
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).not_to_have_url("**/accounts/login/**")
    return context, page
