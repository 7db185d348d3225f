"""A portal form sent empty, in a real browser: the error summary heads the
form and takes the focus, each of its links moves the focus to its field, and
the page passes axe on a phone and a desktop; without JavaScript too."""

import pytest
from playwright.sync_api import expect

from tests.factories.accounts import PASSWORD
from tests.factories.contributions import member
from tests.factories.pages import district_settings, site_home

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, user):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def send_empty(page, url):
    page.goto(url)
    page.get_by_role("button", name="Save the property").click()
    summary = page.locator(".ds-error-summary")
    expect(summary).to_be_visible()
    return summary


def test_an_empty_property_form_shows_a_summary_whose_links_reach_the_fields(
    browser, live_server, page, assert_accessible
):
    district_settings()
    site_home()
    organisation, admin = member(properties=())
    url = f"/en/portal/organisations/{organisation.pk}/properties/new/"
    log_in(page, admin)

    summary = send_empty(page, url)
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text(
        "To continue, correct the following:"
    )
    expect(summary.get_by_role("link")).to_have_count(5)
    designation = page.get_by_label("Property designation")
    expect(designation).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_designation_error")).to_have_text(
        "This field is required."
    )

    summary.get_by_role("link", name="Property designation").click()
    expect(designation).to_be_focused()
    summary.get_by_role("link", name="Gross floor area").click()
    expect(page.get_by_label("Gross floor area")).to_be_focused()

    for width, height in ((360, 740), (1280, 900)):
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page)
    assert not page.console_errors

    # Without JavaScript the summary still takes the focus and its links work.
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        storage_state=page.context.storage_state(),
    )
    plain = context.new_page()
    summary = send_empty(plain, url)
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Street address").click()
    expect(plain.get_by_label("Street address")).to_be_focused()
    context.close()
