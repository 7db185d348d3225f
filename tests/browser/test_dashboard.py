"""The secretariat's admin dashboard: the district's name, what waits, and no
axe-core violation on a desktop or a phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.areas.models import ActionItem
from members.enrolment.models import Enrolment
from tests.browser.test_proposals import log_in
from tests.factories.accounts import SecretariatUserFactory
from tests.factories.areas import area
from tests.factories.organisations import EnrolmentFactory, OrganisationFactory
from tests.factories.pages import district_settings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 740)])
def test_the_dashboard_shows_the_district_and_what_waits(
    browser, live_server, assert_accessible, width, height
):
    district_settings(organisation_name="Hamnstaden BID")
    EnrolmentFactory(status=Enrolment.Status.SUBMITTED)
    party = OrganisationFactory(legal_name="Tyst AB")
    ActionItem.objects.create(
        title="Byt armatur",
        area=area("Kajen", party),
        addressed_to=party,
        due_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    page = log_in(
        browser, live_server, SecretariatUserFactory(language="en"), admin=True
    )
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/admin/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Hamnstaden BID")
    expect(page).to_have_title("Dashboard - Hamnstaden BID")
    waiting = page.locator("#waiting-section")
    expect(waiting.get_by_role("heading", name="Waiting for you")).to_be_visible()
    applications = waiting.locator("li", has_text="Applications to decide")
    expect(applications).to_contain_text("1")
    expect(waiting.locator("li", has_text="Payments to review")).to_contain_text(
        "Nothing waiting"
    )
    expect(waiting.locator("li", has_text="to consolidate")).to_contain_text("Tyst AB")
    assert_accessible(page)

    applications.get_by_role("link").click()
    expect(page).to_have_url(
        f"{live_server.url}/admin/enrolment_review/?status=submitted"
    )
