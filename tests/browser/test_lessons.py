"""The library of lessons in a real browser: the secretariat evaluates a closed
project in the admin, a visitor reads the public case, a member the members'
case; no axe-core violation at phone and desktop width."""

import pytest
from playwright.sync_api import expect

from members.projects.models import Evaluation
from tests.browser.test_proposals import log_in
from tests.factories.accounts import MemberUserFactory
from tests.factories.contributions import member
from tests.factories.pages import district_settings
from tests.members.projects.lessons_world import build

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SIZES = ({"width": 360, "height": 740}, {"width": 1280, "height": 900})


def test_the_secretariat_evaluates_and_readers_find_the_cases(
    page, browser, live_server, assert_accessible
):
    district_settings()
    world = build()
    reader = MemberUserFactory(language="en")
    member(user=reader, legal_name="Grannen AB")
    waiting = world["waiting"]

    admin = log_in(browser, live_server, world["secretariat"], admin=True)
    admin.goto("/admin/projects/evaluations/")
    assert_accessible(admin)
    admin.goto(f"/admin/projects/{waiting.pk}/evaluation/")
    assert_accessible(admin)
    admin.locator("#id_what_was_done").fill("En mässa på torget med 26 företag.")
    admin.locator("#id_cost_minor").fill("76500")
    admin.locator("#id_repeat").fill("Vägledarna spred inbjudan.")
    admin.locator("input[name=visibility][value=public]").check()
    admin.locator("button.button[type=submit]").click()
    expect(admin.locator(".messages")).to_contain_text("Sommarjobbsmässa")
    assert Evaluation.objects.get(project=waiting).visibility == "public"

    for size in SIZES:
        page.set_viewport_size(size)
        page.goto("/lardomar/")
        expect(page.get_by_role("link", name="Sommarjobbsmässa")).to_be_visible()
        expect(page.get_by_text("Julmarknad på torget")).to_have_count(0)
        assert_accessible(page)
        page.get_by_role("link", name="Belysning längs kajen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Belysning längs kajen"
        )
        assert_accessible(page)

    signed_in = log_in(browser, live_server, reader)
    signed_in.wait_for_url("**/portal/**")
    for size in SIZES:
        signed_in.set_viewport_size(size)
        signed_in.goto(world["library"].evaluation_url(world["members_only"]))
        expect(
            signed_in.get_by_text("Tillståndet för torget drogs in.")
        ).to_be_visible()
        assert_accessible(signed_in)
