"""Premises in a real browser: an owner marks a shop vacant in the portal, it
appears on the public page and the vacancy indicator moves; a business leaves
a search request and the owner is told. No axe-core violation at phone and
desktop width."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from members.notifications.models import Notification
from members.premises.selectors import vacancy_share
from tests.browser.test_proposals import log_in
from tests.factories.pages import district_settings
from tests.members.premises.world import build

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SIZES = ({"width": 360, "height": 740}, {"width": 1280, "height": 900})


def test_an_owner_marks_a_shop_vacant_and_a_business_finds_it(
    page, browser, live_server, assert_accessible
):
    district_settings()
    world = build()
    indicator = world["indicator"]

    owner = log_in(browser, live_server, world["other_admin"])
    owner.wait_for_url("**/portal/**")
    owner.goto(f"/en/portal/organisations/{world['other'].pk}/")
    for size in SIZES:
        owner.set_viewport_size(size)
        assert_accessible(owner)
    corner = world["corner"].pk
    owner.locator(f'form[action$="/premises/{corner}/status/"] button').click()
    owner.wait_for_load_state()
    expect(
        owner.locator(f'form[action$="/premises/{corner}/status/"] button')
    ).to_have_attribute("value", "let")
    latest = indicator.measurements.order_by("-measured_on").first().value
    assert latest == vacancy_share() == Decimal("100.00")

    for size in SIZES:
        page.set_viewport_size(size)
        page.goto("/lediga-lokaler/")
        expect(page.get_by_role("heading", name="Torget 1, hörnet")).to_be_visible()
        expect(page.get_by_text("3 000")).to_have_count(0)
        assert_accessible(page)

    business = log_in(browser, live_server, world["business_admin"])
    business.wait_for_url("**/portal/**")
    business.goto("/en/portal/premises/requests/new/")
    for size in SIZES:
        business.set_viewport_size(size)
        assert_accessible(business)
    business.get_by_label("Use").select_option("shop")
    business.get_by_label("At least (m²)").fill("150")
    business.get_by_role("button", name="Send the search request").click()
    business.wait_for_url("**/portal/premises/requests/")
    expect(business.get_by_text("Torget 1, hörnet")).to_be_visible()
    assert_accessible(business)
    assert Notification.objects.filter(
        user=world["other_admin"], event__kind="premises.match"
    ).exists()
