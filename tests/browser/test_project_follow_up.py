"""Following a project up in a real browser: the secretariat takes a member
company's pledge to an invoice of the ledger from the project's "Funding and
spending" screen and the public project page shows the money; the follow-up
screens of the admin and the member's area pages have no axe-core violation
and do not scroll sideways at phone width."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from members.areas import services as areas
from members.contributions.models import Contribution
from members.contributions.services import bank_payment_record
from members.meetings.models import Decision
from members.projects.models import FundingLine
from members.projects.services import milestones
from tests.browser.test_proposals import log_in
from tests.factories.areas import area
from tests.factories.meetings import MeetingFactory
from tests.factories.organisations import PropertyFactory
from tests.factories.pages import district_settings
from tests.members.projects.funding_world import decided, world
from tests.members.projects.milestones_world import overdue

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 360, "height": 740}
SIZES = (PHONE, {"width": 1280, "height": 900})
TODAY = timezone.localdate()
SIDEWAYS = """() => {
    const root = document.documentElement;
    return root.scrollWidth > root.clientWidth
        ? `${root.scrollWidth} > ${root.clientWidth}` : "";
}"""


@pytest.fixture
def district():
    """The funding world's running project "Ljus på Kajen" in the area Kajen,
    where Kajkaféet AB (a party of the area) owns a property and has an
    action item to see to; the project has a milestone ahead and one overdue,
    and the board has decided on Hamnbygg AB's share."""
    district_settings()
    w = world()
    kajkafeet, hamnbygg = w.members[0], w.members[1]
    kajen = area("Kajen", kajkafeet)
    w.project.areas.add(kajen)
    PropertyFactory(owner=kajkafeet, area=kajen, gross_floor_area_m2=1500)
    areas.action_create(
        by=w.staff,
        area=kajen,
        addressed_to=kajkafeet,
        title="Laga lampan vid bryggan",
        due_date=TODAY + datetime.timedelta(days=7),
    )
    ahead = milestones.milestone_create(
        by=w.staff,
        project=w.project,
        title="Armaturerna monterade",
        due_on=TODAY + datetime.timedelta(days=20),
        responsible_organisation=hamnbygg,
    )
    overdue(w.project, responsible_organisation=kajkafeet)
    meeting = MeetingFactory(
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )
    decision = Decision.objects.create(
        meeting=meeting, number=4, text="Hamnbygg bidrar", proposal=w.project
    )
    return {"w": w, "area": kajen, "milestone": ahead, "decision": decision}


def fits_the_phone(page) -> None:
    """At 360 px the page does not scroll sideways."""
    assert page.evaluate(SIDEWAYS) == "", f"{page.url} scrolls sideways"


def check_at_both_sizes(page, assert_accessible) -> None:
    for size in SIZES:
        page.set_viewport_size(size)
        page.reload()
        expect(page.locator("h1").first).to_be_visible()
        assert_accessible(page)
        if size == PHONE:
            fits_the_phone(page)


def test_the_secretariat_invoices_a_members_share_and_the_public_sees_the_money(
    page, browser, live_server, assert_accessible, district
):
    w, decision = district["w"], district["decision"]
    hamnbygg = w.members[1]
    funding_url = reverse("projects_funding", args=[w.project.pk])

    # From the proposal's review page to its money.
    admin = log_in(browser, live_server, w.staff, admin=True)
    admin.goto(reverse("proposal_review:inspect", args=[w.project.pk]))
    admin.locator(f"main a[href='{funding_url}']").click()
    expect(admin).to_have_url(f"{live_server.url}{funding_url}")
    check_at_both_sizes(admin, assert_accessible)

    # Hamnbygg AB pledges 30 000 kronor.
    admin.locator("input[name='line-party'][value='member']").check()
    admin.locator("select[name='line-organisation']").select_option(label="Hamnbygg AB")
    admin.locator("input[name='line-amount_minor']").fill("30000")
    admin.locator("input[name='line-note']").fill("Ur marknadsbudgeten")
    admin.locator("button[name='add_line']").click()
    expect(admin).to_have_url(f"{live_server.url}{funding_url}")
    share = FundingLine.objects.get(organisation=hamnbygg)
    assert (share.amount_minor, share.status) == (30_000_00, "pledged")

    # The board's decision is recorded on the line.
    decide_url = reverse("projects_funding_decide", args=[share.pk])
    admin.locator(f"main a[href='{decide_url}']").click()
    admin.locator("select[name='decision']").select_option(str(decision.pk))
    admin.locator("main form button[type=submit]").click()
    expect(admin).to_have_url(f"{live_server.url}{funding_url}")
    assert FundingLine.objects.get(pk=share.pk).decision == decision

    # The share is invoiced through the ledger, after its confirmation page.
    invoice_url = reverse("projects_funding_invoice", args=[share.pk])
    admin.locator(f"main a[href='{invoice_url}']").click()
    expect(admin).to_have_url(f"{live_server.url}{invoice_url}")
    check_at_both_sizes(admin, assert_accessible)
    admin.locator("main form button[type=submit]").click()
    expect(admin).to_have_url(f"{live_server.url}{funding_url}")

    invoice = Contribution.objects.get(kind="project", organisation=hamnbygg)
    assert invoice.amount_minor == 30_000_00
    share = FundingLine.objects.get(pk=share.pk)
    assert (share.status, share.invoice) == ("invoiced", invoice)
    expect(admin.locator("main")).to_contain_text(invoice.number)
    inspect_url = reverse("contributions:inspect", args=[invoice.pk])
    expect(admin.locator(f"main a[href='{inspect_url}']")).to_have_text(invoice.number)
    admin.context.close()

    # Hamnbygg AB pays; with the BID's own 100 000 kronor decided, the public
    # project page shows 130 000 pledged and 30 000 received.
    bank_payment_record(
        contribution=invoice,
        by=w.staff,
        amount_minor=invoice.amount_minor,
        occurred_on=TODAY,
        reference="OCR",
        form_token="browser",
    )
    decided(w, "bid", 100_000_00)
    with translation.override("sv"):
        project_url = w.project_url()
    for size in SIZES:
        page.set_viewport_size(size)
        page.goto(project_url)
        funding = page.locator("section.project-funding")
        # Budget, pledged, received, spent.
        figures = funding.locator("dl.facts dd")
        expect(figures.nth(1)).to_have_text(re.compile(r"^130\s000\skr$"))
        expect(figures.nth(2)).to_have_text(re.compile(r"^30\s000\skr$"))
        expect(funding.locator("table")).to_contain_text("Hamnbygg AB")
        assert_accessible(page)
    assert page.console_errors == []


def test_the_follow_up_screens_and_the_area_pages_are_accessible(
    browser, live_server, assert_accessible, district
):
    w = district["w"]
    admin = log_in(browser, live_server, w.staff, admin=True)
    admin.goto(reverse("projects_funding", args=[w.project.pk]))
    for url in (
        reverse("projects_milestones", args=[w.project.pk]),
        reverse("projects_milestone_edit", args=[district["milestone"].pk]),
        reverse("projects_milestones_overdue"),
    ):
        admin.goto(url)
        check_at_both_sizes(admin, assert_accessible)
    expect(admin.locator("main")).to_contain_text("Upphandling")
    admin.context.close()

    reader = log_in(browser, live_server, w.admins[0])
    reader.wait_for_url("**/portal/**")
    with translation.override("sv"):
        area_list = reverse("portal:areas")
        area_page = reverse("portal:area", args=[district["area"].slug])
    reader.goto(area_page)
    main = reader.locator("main")
    expect(main).to_contain_text("Ljus på Kajen")
    expect(main).to_contain_text("Laga lampan vid bryggan")
    expect(main).to_contain_text(re.compile(r"1\s500\sm²"))
    check_at_both_sizes(reader, assert_accessible)
    reader.goto(area_list)
    expect(reader.locator(f"main a[href$='{district['area'].slug}/']")).to_be_visible()
    check_at_both_sizes(reader, assert_accessible)
