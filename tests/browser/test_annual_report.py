"""The activity report in a real browser: the secretariat generates the 2026
report in the admin, the board edits a paragraph and submits it, the
secretariat approves it, and the public reads the edited text."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from home.annual_report import annual_report_generate
from members.areas.models import AreaStatus, WeekPicture
from members.contributions import services as ledger
from members.contributions.models import ContributionScheme
from members.meetings.models import Body
from members.proposals.models import Proposal
from tests.browser.test_proposals import log_in
from tests.factories.accounts import BoardUserFactory, SecretariatUserFactory
from tests.factories.areas import area
from tests.factories.contributions import SchemeFactory, member
from tests.factories.meetings import published_meeting
from tests.factories.pages import district_settings, site_home
from tests.factories.plan import (
    IndicatorFactory,
    MeasurementFactory,
    plan_with_priorities,
)
from tests.factories.proposals import ProposalFactory
from tests.home.test_annual_report import at, report_index

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EDITED = "Styrelsen tackar medlemmarna för ett år med tryggare kajer."
SIZES = ({"width": 360, "height": 740}, {"width": 1280, "height": 900})


@pytest.fixture
def district():
    district_settings(organisation_name="Hamnstaden BID")
    home = site_home()
    _plan, (priority,) = plan_with_priorities(home, 1)
    priority.title = "Trygghet"
    priority.save_revision().publish()
    indicator = IndicatorFactory(priority=priority, name="Upplevd trygghet")
    MeasurementFactory(indicator=indicator, value=64)
    index = report_index(home)
    organisation, _ = member(legal_name="Kajfastigheter AB")
    SchemeFactory(year=2026, due_date=datetime.date(2026, 3, 31))
    ledger.contributions_issue(
        scheme=ContributionScheme.objects.get(), on=datetime.date(2026, 1, 15)
    )
    published_meeting(
        body=Body.objects.create(name="Styrelsen", slug="styrelsen"),
        starts_at=at(datetime.date(2026, 4, 14)),
        decisions=("Belysning längs kajen",),
    )
    ProposalFactory(
        title="Ljus på kajen",
        priority=priority,
        organisation=organisation,
        status=Proposal.Status.IN_PROGRESS,
        decided_at=at(datetime.date(2026, 2, 10)),
    )
    picture = WeekPicture.objects.create(year=2026, week=12)
    AreaStatus.objects.create(
        picture=picture, area=area("Kajen"), colour="yellow", score=3, incidents=2
    )
    return index


def test_secretariat_generates_board_edits_and_secretariat_publishes(
    browser, live_server, page, assert_accessible, district
):
    index = district
    secretariat = SecretariatUserFactory(language="en")
    board = BoardUserFactory(language="en")

    # The secretariat generates the draft from the section's "more" menu.
    admin = log_in(browser, live_server, secretariat, admin=True)
    admin.goto(f"/admin/pages/{index.pk}/")
    admin.locator("header [data-controller~='w-dropdown'] button").first.click()
    admin.locator("a[href^='/admin/annual-report/generate/']").first.click()
    admin.get_by_label("Year").fill("2026")
    admin.locator("form#w-editor-form button[type=submit]").click()
    expect(admin).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(admin.locator(".messages")).to_contain_text("2026")
    edit_url = admin.url.removeprefix(live_server.url)
    admin.context.close()

    # The board rewrites the opening paragraph and submits the draft.
    editor = log_in(browser, live_server, board, admin=True)
    editor.goto(edit_url)
    paragraph = editor.locator(
        "[data-contentpath='body'] .public-DraftEditor-content"
    ).first
    paragraph.click()
    editor.keyboard.press("ControlOrMeta+a")
    paragraph.press_sequentially(EDITED)
    expect(editor.locator("input[name='body-1-value']")).to_have_value(
        re.compile(re.escape(EDITED))
    )
    editor.locator(".w-dropdown-button").get_by_role(
        "button", name="More actions"
    ).click()
    editor.locator("button[name='action-submit']").click()
    expect(editor.locator(".messages")).to_contain_text("submitted")
    editor.context.close()

    # The secretariat approves, which publishes it.
    admin = log_in(browser, live_server, secretariat, admin=True)
    admin.goto(edit_url)
    admin.locator(".w-dropdown-button").get_by_role(
        "button", name="More actions"
    ).click()
    admin.locator("button[data-workflow-action-name='approve']").first.click()
    # Approving the last task publishes and leads back to the section.
    expect(admin).to_have_url(re.compile(rf"/admin/pages/{index.pk}/$"))
    admin.context.close()

    page.goto("/verksamhetsberattelser/")
    page.get_by_role("link", name=re.compile("2026")).first.click()
    expect(page).to_have_url(re.compile(r"/verksamhetsberattelser/2026/$"))
    expect(page.locator("main")).to_contain_text(EDITED)
    expect(page.locator("main")).to_contain_text("Belysning längs kajen")
    expect(page.locator("img[src*='/charts/indicators/']")).to_be_visible()


def test_public_report_and_index_have_no_accessibility_violations(
    page, assert_accessible, district
):
    report = annual_report_generate(year=2026).page
    report.get_latest_revision().publish()
    for size in SIZES:
        page.set_viewport_size(size)
        page.goto("/verksamhetsberattelser/")
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)
        page.goto("/verksamhetsberattelser/2026/")
        expect(page.locator("table").first).to_be_attached()
        assert_accessible(page)
    assert page.console_errors == []
