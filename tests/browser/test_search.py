"""One search box: from the header, narrowed by a facet, to the record."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories.meetings import BodyFactory, meeting_index, published_meeting
from tests.factories.pages import StandardPageFactory, district_settings, site_home

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_visitor_searches_narrows_by_type_and_opens_the_decision(
    page, assert_accessible
):
    district_settings()
    home = site_home()
    meeting_index(home)
    english = meeting_index(site_home("en"))
    english.title, english.slug = "Meetings", "meetings"
    english.save_revision().publish()
    # The English site's own page (pages are searched in the reader's language).
    page_about = StandardPageFactory(
        parent=site_home("en"), title="Belysning i distriktet", slug="belysning"
    )
    page_about.save_revision().publish()
    body = BodyFactory(name="Styrelsen", slug="styrelsen")
    meeting = published_meeting(
        body=body,
        title="Styrelsemöte mars",
        decisions=("Styrelsen beslutade om ny belysningen längs Kajstigen.",),
    )

    page.goto("/en/")
    page.get_by_label("Search the site").fill("belysning")
    page.get_by_label("Search the site").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("results for “belysning”")
    expect(page.locator(".search-results")).to_contain_text("Belysning i distriktet")
    expect(page.locator(".search-results mark").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("checkbox", name="Decisions").check()
    page.get_by_role("button", name="Apply the filters").click()
    expect(page.get_by_role("status")).to_contain_text("1 result")
    expect(page.locator(".search-results")).not_to_contain_text(
        "Belysning i distriktet"
    )
    expect(page.get_by_role("link", name="Type: Decisions")).to_be_visible()
    assert_accessible(page)

    page.locator(".search-results h2 a").first.click()
    expect(page).to_have_url(re.compile(rf"/en/meetings/{meeting.pk}/1/$"))
    expect(page.locator("main")).to_contain_text("ny belysningen längs Kajstigen")
    assert_accessible(page)
