"""The agreements register in a real browser: the secretariat adds an
obligation with a due date and records the year's follow-up, and sees both on
the agreement's page; every screen of the register, its forms with errors
shown, has no axe-core violation at phone and desktop width, for the board
and the secretariat alike."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from members.agreements import services
from members.agreements.models import Agreement, FollowUp, Obligation
from tests.browser.test_proposals import log_in
from tests.factories.accounts import BoardUserFactory, SecretariatUserFactory
from tests.factories.contributions import member
from tests.factories.pages import district_settings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SIZES = ({"width": 360, "height": 740}, {"width": 1280, "height": 900})
TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def register(settings, tmp_path):
    """A lease ending within 90 days with an overdue report, a signed copy and
    last year's follow-up, and a service contract running on."""
    settings.MEDIA_ROOT = tmp_path
    district_settings()
    party, _admin = member(legal_name="Kajfastigheter AB")
    board = BoardUserFactory(language="en")
    secretariat = SecretariatUserFactory(language="en")
    lease = services.agreement_create(
        by=board,
        title="Hyra av kontoret",
        counterparty=party,
        kind=Agreement.Kind.LEASE,
        value_minor=120_000_00,
        starts_on=days(-400),
        ends_on=days(60),
        renews_by_months=12,
        notice_months=1,
        responsible=secretariat,
    )
    services.obligation_add(
        by=board, agreement=lease, title="Årsrapport", kind="report", due_on=days(-3)
    )
    services.document_add(
        by=board,
        agreement=lease,
        title="Undertecknat hyresavtal",
        file=SimpleUploadedFile("avtal.pdf", PDF, "application/pdf"),
    )
    services.follow_up_record(
        by=secretariat,
        agreement=lease,
        year=TODAY.year - 1,
        delivered_as_agreed="partly",
        cost_as_agreed="yes",
        outcome="renegotiate",
        note="Städningen brast under våren.",
    )
    services.agreement_create(
        by=board,
        title="Vinterväghållning",
        counterparty_name="Snöröjarna AB",
        kind=Agreement.Kind.SERVICE,
        value_minor=45_000_00,
        value_per=Agreement.Per.TOTAL,
        starts_on=days(-30),
        responsible=secretariat,
    )
    return {"lease": lease, "board": board, "secretariat": secretariat}


def check_at_both_widths(page, assert_accessible) -> None:
    for size in SIZES:
        page.set_viewport_size(size)
        assert_accessible(page)


def test_the_board_reaches_the_register_it_shares(
    browser, live_server, assert_accessible, register
):
    # The board holds the same permissions on the register as the secretariat
    # (0002_roles): its screens are the secretariat's, with the board's admin menu.
    admin = log_in(browser, live_server, register["board"], admin=True)
    admin.goto("/admin/agreement-register/")
    expect(admin.locator("main")).to_contain_text("Vinterväghållning")
    check_at_both_widths(admin, assert_accessible)


def test_the_register_screens_have_no_accessibility_violations(
    browser, live_server, assert_accessible, register
):
    lease = register["lease"]
    admin = log_in(browser, live_server, register["secretariat"], admin=True)
    for path, shown in (
        ("/admin/agreement-register/", "Vinterväghållning"),
        ("/admin/agreement-register/?kind=lease&expiring=1", "Hyra av kontoret"),
        ("/admin/agreement-register/expiring/", "Hyra av kontoret"),
        ("/admin/agreement-register/act/", "Årsrapport"),
        ("/admin/agreement-register/value/", "2"),
        ("/admin/agreement-register/new/", "Title"),
        (f"/admin/agreement-register/{lease.pk}/", "Undertecknat hyresavtal"),
    ):
        admin.goto(path)
        expect(admin.locator("main")).to_contain_text(shown)
        check_at_both_widths(admin, assert_accessible)

    # Each form of the agreement's page sent empty shows its errors, and
    # those pages too pass.
    for button in (
        "Add the obligation",
        "Attach the document",
        "Record the follow-up",
    ):
        admin.goto(f"/admin/agreement-register/{lease.pk}/")
        admin.get_by_role("button", name=button).click()
        expect(admin.locator(".error-message, .help-critical").first).to_be_visible()
        check_at_both_widths(admin, assert_accessible)
    admin.goto("/admin/agreement-register/new/")
    admin.get_by_role("button", name=re.compile("^Add")).last.click()
    expect(admin.locator(".error-message, .help-critical").first).to_be_visible()
    check_at_both_widths(admin, assert_accessible)
    assert Obligation.objects.count() == 1
    assert FollowUp.objects.count() == 1


def test_the_secretariat_adds_an_obligation_and_records_the_follow_up(
    browser, live_server, assert_accessible, register
):
    lease = register["lease"]
    admin = log_in(browser, live_server, register["secretariat"], admin=True)
    admin.goto("/admin/agreement-register/expiring/")
    admin.get_by_role("link", name="Hyra av kontoret").click()
    expect(admin).to_have_url(re.compile(rf"/admin/agreement-register/{lease.pk}/$"))

    due = days(20)
    adding = admin.locator("form").filter(
        has=admin.get_by_role("button", name="Add the obligation")
    )
    adding.get_by_label("Obligation").fill("Besiktning av lokalen")
    adding.get_by_label("Kind").select_option("audit")
    adding.get_by_label("Due").fill(due.isoformat())
    adding.get_by_role("button", name="Add the obligation").click()
    expect(admin.locator(".messages")).to_contain_text("The obligation is added.")
    obligations = admin.get_by_role("table", name="Obligations")
    row = obligations.get_by_role("row").filter(has_text="Besiktning av lokalen")
    expect(row).to_contain_text("Audit")
    added = lease.obligations.get(title="Besiktning av lokalen")
    assert (added.kind, added.due_on, added.done_on) == ("audit", due, None)

    follow_up = admin.locator("form").filter(
        has=admin.get_by_role("button", name="Record the follow-up")
    )
    expect(follow_up.get_by_label("Year")).to_have_value(str(TODAY.year))
    follow_up.get_by_role("group", name="Delivered as agreed?").get_by_label(
        "Yes"
    ).check()
    follow_up.get_by_role("group", name="Cost as agreed?").get_by_label("No").check()
    follow_up.get_by_role("group", name="What next").get_by_label("Renew").check()
    follow_up.get_by_label("Note").fill("Hyran steg mer än avtalat.")
    follow_up.get_by_role("button", name="Record the follow-up").click()
    expect(admin.locator(".messages")).to_contain_text("The follow-up is recorded.")
    recorded = admin.get_by_role("table", name="Yearly follow-up")
    this_year = recorded.get_by_role("row", name=re.compile(rf"^{TODAY.year} "))
    expect(this_year).to_contain_text("Renew")
    expect(this_year).to_contain_text("Hyran steg mer än avtalat.")
    row = lease.follow_ups.get(year=TODAY.year)
    assert (row.delivered_as_agreed, row.cost_as_agreed, row.outcome) == (
        "yes",
        "no",
        "renew",
    )
    assert row.by == register["secretariat"]

    admin.goto(admin.url)  # without the fading message, for a stable axe check
    check_at_both_widths(admin, assert_accessible)
