"""The plan in a real browser: the board reranks, the public sees the order and why."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.two_factor import enter_code
from tests.factories.accounts import PASSWORD, BoardUserFactory
from tests.factories.pages import district_settings, site_home
from tests.factories.plan import (
    IndicatorFactory,
    MeasurementFactory,
    plan_with_priorities,
)
from tests.home.test_plan import translate_plan

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PREFIX = {"sv": "", "da": "/da", "nb": "/nb", "en": "/en"}


@pytest.fixture
def plan():
    district_settings()
    plan, priorities = plan_with_priorities(site_home(), 3)
    for index, priority in enumerate(priorities):
        priority.title = ["Trygghet", "Renhållning", "Lokala jobb"][index]
        priority.save_revision().publish()
        indicator = IndicatorFactory(
            priority=priority, name=f"Mått {index}", texts={"en": f"Measure {index}"}
        )
        MeasurementFactory(indicator=indicator, value=55 + index)
    for code in ("da", "nb", "en"):
        translate_plan(plan, priorities, code)
    return plan


def test_board_reranks_two_priorities_and_the_public_sees_the_new_order(
    page, assert_accessible, plan
):
    board = BoardUserFactory(first_name="Johan", last_name="Berg")

    page.goto(f"/admin/pages/{plan.pk}/")
    page.get_by_label("E-post").fill(board.email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    enter_code(page, board)
    expect(page).to_have_url(re.compile(rf"/admin/pages/{plan.pk}/$"))

    # The ranking form is in the plan's "more actions" menu in the header.
    page.locator("header [data-controller~='w-dropdown'] button").first.click()
    page.locator(f"a[href='/admin/plan/{plan.pk}/rank/']").first.click()
    expect(page).to_have_url(re.compile(rf"/admin/plan/{plan.pk}/rank/$"))
    page.get_by_label("Trygghet").select_option("2")
    page.get_by_label("Renhållning").select_option("1")
    page.locator("textarea[name=rationale]").fill(
        "Styrelsen beslutade § 4 efter medlemsenkäten."
    )
    page.locator("form#w-editor-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/{plan.pk}/$"))

    page.goto("/plan/")
    cards = page.locator(".priority-card h3")
    expect(cards).to_have_count(3)
    expect(cards.nth(0)).to_contain_text("Renhållning")
    expect(cards.nth(1)).to_contain_text("Trygghet")
    assert_accessible(page)

    page.goto("/en/plan/")
    expect(page.locator(".priority-card h3").nth(0)).to_contain_text("Renhållning (en)")

    page.goto("/plan/")
    page.locator("a[href='/plan/history/']").click()
    expect(page.locator(".ranking-change").first).to_contain_text("Johan Berg")
    expect(page.locator(".ranking-change").first).to_contain_text("medlemsenkäten")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["sv", "da", "nb", "en"])
def test_plan_and_priority_pages_have_no_accessibility_violations(
    page, assert_accessible, plan, language
):
    page.goto(f"{PREFIX[language]}/plan/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator(".priority-card")).to_have_count(3)
    # English has its own indicator names; Danish and Norwegian fall back.
    name = "Measure" if language == "en" else "Mått"
    expect(page.locator(".headline-indicator__name").first).to_contain_text(name)
    assert_accessible(page)

    page.locator(".priority-card h3 a").first.click()
    expect(page.locator("img[src*='/charts/indicators/']")).to_be_visible()
    page.locator(".indicator details summary").first.click()
    expect(page.locator(".indicator details table").first).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == []

    page.goto(f"{PREFIX[language]}/plan/history/")
    # A route of the plan: the trail leads back to the plan itself.
    trail = page.locator("nav.breadcrumbs ol")
    expect(trail.locator(f"a[href='{PREFIX[language]}/plan/']")).to_have_count(1)
    expect(trail.locator("[aria-current=page]")).to_have_count(1)
    assert_accessible(page)
