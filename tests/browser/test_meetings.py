"""A board meeting from the secretary's form to published minutes that decide a
proposal, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from members.meetings.models import Body, BodyMember, Meeting
from members.proposals.models import Proposal
from members.proposals.pages import ProjectIndexPage
from tests.browser.test_proposals import log_in
from tests.factories.accounts import MemberUserFactory, SecretariatUserFactory
from tests.factories.contributions import member
from tests.factories.meetings import meeting_index
from tests.factories.pages import district_settings, site_home
from tests.factories.plan import plan_with_priorities
from tests.factories.proposals import ProposalFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def type_rich_text(page, prefix: str, text: str) -> None:
    """Type into a Draftail editor and wait for its (debounced) form value."""
    editor = page.locator(f"#inline_child_{prefix}").locator(
        ".public-DraftEditor-content"
    )
    editor.click()
    editor.press_sequentially(text)
    expect(page.locator(f"[name='{prefix}-minutes']")).to_have_value(
        re.compile(re.escape(text))
    )


def test_secretary_records_adjusters_approve_minutes_publish_and_decide(
    page, browser, live_server, assert_accessible
):
    district_settings()
    home = site_home()
    _plan, (priority,) = plan_with_priorities(home, 1)
    home.add_child(instance=ProjectIndexPage(title="Projekt", slug="projekt"))
    index = meeting_index(home)
    organisation, author = member(
        legal_name="Kajfastigheter AB", user=MemberUserFactory(language="en")
    )
    proposal = ProposalFactory(
        organisation=organisation,
        author=author,
        priority=priority,
        title="Belysning längs Kajstigen",
        status=Proposal.Status.UNDER_REVIEW,
    )
    secretary = SecretariatUserFactory(first_name="Eva", last_name="Lindqvist")
    body = Body.objects.create(name="Styrelsen", slug="styrelsen")
    BodyMember.objects.create(body=body, user=secretary, name="Eva", role="secretary")
    karin = MemberUserFactory(language="en", first_name="Karin", last_name="Ström")
    member(user=karin, legal_name="Hamnens Bostäder AB")
    ali = MemberUserFactory(language="en", first_name="Ali", last_name="Hassan")
    member(user=ali, legal_name="Café Kajen AB")

    # The secretary records the meeting: two items, minutes, one decision.
    admin = log_in(browser, live_server, secretary, admin=True)
    admin.goto("/admin/meetings/records/new/")
    admin.locator("#id_body").select_option(label="Styrelsen")
    admin.locator("#id_visibility").select_option("public")
    admin.locator("#id_title").fill("Styrelsemöte november")
    admin.locator("#id_starts_at").fill("2026-11-20 17:00")
    admin.locator("#id_ends_at").fill("2026-11-20 19:00")
    admin.locator("#id_place").fill("Kajgatan 4")
    admin.locator("#id_agenda_items-ADD").click()
    admin.locator("#id_agenda_items-0-title").fill("Ekonomisk rapport")
    type_rich_text(admin, "agenda_items-0", "Utfallet följer budgeten.")
    admin.locator("#id_agenda_items-ADD").click()
    admin.locator("#id_agenda_items-1-title").fill("Förslag från medlemmarna")
    type_rich_text(admin, "agenda_items-1", "Förslaget har stöd av grannarna.")
    admin.locator("#id_decisions-ADD").click()
    admin.locator("#id_decisions-0-item_number").fill("2")
    admin.locator("#id_decisions-0-text").fill(
        "Styrelsen beslutade att bifalla förslaget om belysning."
    )
    admin.locator("#id_decisions-0-proposal").select_option(str(proposal.pk))
    admin.locator("#id_decisions-0-outcome").select_option("accepted")
    for number, person in enumerate((karin, ali)):
        admin.locator("#id_adjusters-ADD").click()
        admin.locator(f"#id_adjusters-{number}-user").select_option(str(person.pk))
    admin.locator("footer button[type=submit].button-longrunning").first.click()
    expect(admin.locator("main")).to_contain_text("§")
    meeting = Meeting.objects.get(title="Styrelsemöte november")
    assert [d.number for d in meeting.decisions.all()] == [1]
    minutes = [item.minutes for item in meeting.agenda_items.all()]
    assert "Utfallet följer budgeten." in minutes[0]
    assert "Förslaget har stöd av grannarna." in minutes[1]

    # Each step's button is on the page the one before leads to (where "adjust"
    # stays, to send the minutes again); each step waits for that page.
    for action, status in (
        ("held", Meeting.Status.HELD),
        ("adjust", Meeting.Status.MINUTES_DRAFTED),
    ):
        with admin.expect_navigation(wait_until="load", timeout=30_000):
            admin.locator(
                f"form:has(input[name=action][value={action}]) button"
            ).click()
        meeting.refresh_from_db()
        assert meeting.status == status
        expect(admin.locator("main")).to_contain_text(meeting.get_status_display())
    admin.goto(admin.url)  # without the fading message, for a stable axe check
    assert_accessible(admin)

    # Each adjuster approves in the portal.
    for number, person in enumerate((karin, ali)):
        portal = log_in(browser, live_server, person)
        portal.goto("/en/portal/")
        portal.get_by_role("link", name="Styrelsemöte november").click()
        expect(portal.locator("main")).to_contain_text("Utfallet följer budgeten.")
        assert_accessible(portal)
        portal.get_by_role("button", name="Approve the minutes").click()
        expect(portal.locator(".messages")).to_contain_text(
            "published" if number == 1 else "other adjusters"
        )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED and meeting.is_locked

    # The public reads the minutes and the numbered decision.
    public = browser.new_context(base_url=live_server.url).new_page()
    public.goto(index.url)
    public.get_by_role("link", name="Styrelsemöte november").click()
    expect(public.locator("main")).to_contain_text("Förslaget har stöd av grannarna.")
    expect(public.locator(".decision")).to_contain_text("§ 1")
    assert_accessible(public)
    public.locator(f".decision a[href$='/{meeting.pk}/1/']").click()
    expect(public.get_by_role("heading", level=1)).to_contain_text("§ 1")
    assert_accessible(public)

    # The proposal shows the decision and its new state.
    author_page = log_in(browser, live_server, author)
    author_page.goto(f"/en/portal/proposals/{proposal.pk}/")
    expect(author_page.locator("main")).to_contain_text("Accepted")
    author_page.get_by_role("link", name="Styrelsen 2026-11-20, § 1").click()
    expect(author_page.locator("main")).to_contain_text(
        "Styrelsen beslutade att bifalla förslaget om belysning."
    )
    assert_accessible(author_page)

    # Locked: the edit form sends the secretary to the record instead.
    admin.goto(f"/admin/meetings/records/edit/{meeting.pk}/")
    assert f"/inspect/{meeting.pk}/" in admin.url
