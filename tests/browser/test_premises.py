"""Premises in a real browser: an owner marks a shop vacant in the portal, it
appears on the public page and the vacancy indicator moves; a business leaves
a search request (a member in the portal, a business outside the register on
the public page) and the owner is told. No axe-core violation at phone and
desktop width."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from members.notifications.models import Notification
from members.premises import services
from members.premises.models import PremisesRequest
from members.premises.selectors import vacancy_share
from tests.browser.test_proposals import log_in
from tests.factories.accounts import SecretariatUserFactory
from tests.factories.pages import district_settings, site_home
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


def test_a_business_outside_the_register_asks_from_the_public_page(
    page, live_server, assert_accessible
):
    district_settings()
    world = build()
    english = world["page"].copy_for_translation(
        site_home("en").locale, copy_parents=True
    )
    english.title, english.slug = "Premises available", "premises-available"
    english.save_revision().publish()
    page.goto("/en/premises-available/")
    page.get_by_role("link", name="Leave a search request").click()
    expect(page.get_by_role("heading", name="Looking for premises")).to_be_visible()
    for size in SIZES:
        page.set_viewport_size(size)
        assert_accessible(page)
    page.get_by_label("Business name").fill("Bageriet Vågen")
    page.get_by_label("Email").fill("hej@bageriet.example")
    page.get_by_label("Use").select_option("shop")
    page.get_by_label("At least (m²)").fill("100")
    # Sent without the agreement: told why, nothing saved.
    page.get_by_role("button", name="Send the search request").click()
    expect(page.locator(".ds-error-summary, [role=alert]").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("The owners of premises that fit may contact me").check()
    page.get_by_role("button", name="Send the search request").click()
    page.wait_for_url("**/premises-available/")
    expect(page.get_by_text("Your search request is saved")).to_be_visible()
    assert Notification.objects.filter(
        user=world["owner_admin"], event__kind="premises.match"
    ).exists()


def test_the_secretariat_reads_the_requests_and_removes_one(
    browser, live_server, assert_accessible
):
    district_settings()
    build()
    services.request_create(
        by=None, name="Bageriet Vågen", email="hej@bageriet.example", use="shop"
    )
    staff = log_in(browser, live_server, SecretariatUserFactory(), admin=True)
    staff.goto("/admin/premises/requests/")
    expect(staff.get_by_text("Bageriet Vågen (hej@bageriet.example)")).to_be_visible()
    for size in SIZES:
        staff.set_viewport_size(size)
        assert_accessible(staff)
    staff.locator("tr", has_text="Bageriet Vågen").get_by_role("button").click()
    staff.wait_for_load_state()
    expect(staff.get_by_text("Bageriet Vågen (hej@bageriet.example)")).to_have_count(0)
    assert not PremisesRequest.objects.filter(name="Bageriet Vågen").exists()
