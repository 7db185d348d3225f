"""The audit in a real browser: the secretariat gives an auditor this year in
the admin; the auditor reads the year's agreements, decisions and ledger and
downloads the ledger; the secretariat reads what the auditor opened. No
axe-core violation at phone and desktop width."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.agreements.models import Agreement
from members.auditing.models import AuditView
from members.contributions import services as ledger
from members.contributions.models import Contribution, ContributionScheme
from members.meetings.models import Visibility
from tests.browser.test_proposals import log_in
from tests.factories.accounts import MemberUserFactory, SecretariatUserFactory
from tests.factories.contributions import SchemeFactory, member
from tests.factories.meetings import published_meeting
from tests.factories.pages import district_settings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SIZES = ({"width": 360, "height": 740}, {"width": 1280, "height": 900})


def settled(page) -> None:
    """Wait until the admin's message has stopped moving: it fades in, and axe
    reads its contrast once it has (the page's CSP forbids wait_for_function's
    string evaluation, so the test polls)."""
    running = (
        "document.querySelector('.messages').getAnimations({subtree: true})"
        ".filter(a => a.playState === 'running').length"
    )
    for _ in range(100):
        if not page.evaluate(running):
            return
        page.wait_for_timeout(50)
    raise AssertionError("an animation still runs after 5 seconds")


def books(year: int) -> Agreement:
    member(legal_name="Kajfastigheter AB")
    SchemeFactory(year=year, due_date=datetime.date(year, 3, 31))
    ledger.contributions_issue(
        scheme=ContributionScheme.objects.get(), on=datetime.date(year, 1, 15)
    )
    ledger.entry_record(
        contribution=Contribution.objects.get(),
        kind="bank_payment",
        source="bank",
        external_id="pay-1",
        amount_minor=5_000_00,
        occurred_on=datetime.date(year, 2, 1),
    )
    starts = timezone.make_aware(datetime.datetime(year, 2, 10, 18))
    published_meeting(
        title="Styrelsemöte februari",
        visibility=Visibility.BOARD,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        decisions=("Styrelsen godkänner avtalet om väktartjänst",),
    )
    return Agreement.objects.create(
        title="Väktartjänst",
        counterparty_name="Vakt AB",
        kind=Agreement.Kind.SERVICE,
        value_minor=250_000_00,
        starts_on=datetime.date(year, 3, 1),
    )


def test_the_secretariat_gives_access_and_the_auditor_reads_the_year(
    browser, live_server, assert_accessible
):
    district_settings()
    year = timezone.localdate().year
    agreement = books(year)
    secretariat_user = SecretariatUserFactory()
    auditor_user = MemberUserFactory(email="revisor@example.org")

    secretariat = log_in(browser, live_server, secretariat_user, admin=True)
    secretariat.goto("/admin/auditors/")
    for size in SIZES:
        secretariat.set_viewport_size(size)
        assert_accessible(secretariat)
    secretariat.locator("#id_email").fill("revisor@example.org")
    secretariat.locator("#id_first_year").fill(str(year))
    secretariat.locator("#id_last_year").fill(str(year))
    secretariat.locator("form:has(#id_email) button[type=submit]").click()
    expect(
        secretariat.get_by_role("cell", name=f"{year}–{year}", exact=True)
    ).to_be_visible()
    expect(secretariat.locator(".messages")).to_contain_text("revisor@example.org")
    settled(secretariat)
    assert_accessible(secretariat)

    auditor = log_in(browser, live_server, auditor_user)
    auditor.wait_for_url("**/portal/**")
    auditor.get_by_role("link", name="Audit").first.click()
    auditor.get_by_role("link", name=str(year)).click()
    expect(auditor.get_by_role("heading", name=f"Audit {year}")).to_be_visible()
    pages = [
        ("Agreements", "Väktartjänst"),
        ("Decisions", "Styrelsen godkänner avtalet om väktartjänst"),
        ("Ledger", f"{year}-00001"),
    ]
    for size in SIZES:
        auditor.set_viewport_size(size)
        auditor.goto(f"/en/portal/audit/{year}/")
        assert_accessible(auditor)
        for link, shown in pages:
            auditor.get_by_role("navigation", name=f"The audit of {year}").get_by_role(
                "link", name=link
            ).click()
            expect(auditor.get_by_text(shown).first).to_be_visible()
            assert_accessible(auditor)
        auditor.goto(f"/en/portal/audit/{year}/agreements/{agreement.pk}/")
        assert_accessible(auditor)

    auditor.goto(f"/en/portal/audit/{year}/")
    with auditor.expect_download() as download:
        auditor.get_by_role("link", name="Ledger (CSV)").click()
    assert download.value.suggested_filename == f"ledger-{year}.csv"
    # Another year is not given.
    assert auditor.goto(f"/en/portal/audit/{year - 1}/").status == 404

    secretariat.goto("/admin/auditors/log/")
    # Opened at both widths: logged twice.
    expect(
        secretariat.get_by_role("cell", name=f"/en/portal/audit/{year}/ledger/")
    ).to_have_count(2)
    for size in SIZES:
        secretariat.set_viewport_size(size)
        assert_accessible(secretariat)
    assert AuditView.objects.filter(status=404, year=year - 1).count() == 1
