"""The open data page in a real browser: accessible, and its files download."""

import pytest
from playwright.sync_api import expect

from members.proposals.models import Proposal
from tests.factories.contributions import member
from tests.factories.meetings import published_meeting
from tests.factories.pages import district_settings, site_home
from tests.factories.plan import (
    IndicatorFactory,
    MeasurementFactory,
    plan_with_priorities,
)
from tests.factories.proposals import ProposalFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def records():
    district_settings()
    _plan, (priority,) = plan_with_priorities(site_home(), 1)
    MeasurementFactory(indicator=IndicatorFactory(priority=priority))
    organisation, _admin = member(legal_name="Synlig AB", listed_publicly=True)
    ProposalFactory(
        organisation=organisation, priority=priority, status=Proposal.Status.ACCEPTED
    )
    published_meeting(title="Öppet styrelsemöte")


def test_open_data_page_is_accessible_and_its_csv_downloads(
    page, assert_accessible, records
):
    page.goto("/en/open-data/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    expect(page.locator("main").get_by_role("heading", level=2)).to_have_count(6)
    for name in ("Priorities as CSV", "Projects as JSON", "OpenAPI document"):
        expect(page.get_by_role("link", name=name, exact=True)).to_have_count(1)
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Projects as CSV").click()
    assert download.value.suggested_filename == "projects.csv"
    with open(download.value.path(), encoding="utf-8-sig") as file:
        text = file.read()
    assert text.startswith("id,title,summary,organisation")
    assert "Synlig AB" in text
