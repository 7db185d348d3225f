"""A member follows a proposal; when the board decides it, the member sees it
in the header's count and in the portal's notification centre."""

import pytest
from playwright.sync_api import expect

from members.proposals import services as proposals
from members.proposals.models import Proposal
from tests.browser.test_proposals import log_in
from tests.factories.accounts import BoardUserFactory, MemberUserFactory
from tests.factories.contributions import member
from tests.factories.pages import district_settings, site_home
from tests.factories.plan import plan_with_priorities
from tests.factories.proposals import ProposalFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_member_follows_a_proposal_and_is_told_of_the_boards_decision(
    browser, live_server, assert_accessible
):
    district_settings()
    _plan, (priority,) = plan_with_priorities(site_home(), 1)
    proposer, alice = member(
        legal_name="Kajfastigheter AB", user=MemberUserFactory(language="en")
    )
    _neighbour, bob = member(
        legal_name="Hamnens Bostäder AB", user=MemberUserFactory(language="en")
    )
    proposal = proposals.proposal_transition(
        proposal=ProposalFactory(
            organisation=proposer,
            author=alice,
            priority=priority,
            title="Belysning längs Kajstigen",
        ),
        to=Proposal.Status.SUBMITTED,
        by=alice,
    )

    # Bob follows the proposal from its page.
    page = log_in(browser, live_server, bob)
    page.goto(f"/en/portal/proposals/{proposal.pk}/")
    page.get_by_role("button", name="Follow Belysning längs Kajstigen").click()
    expect(page.locator(".messages")).to_contain_text("You follow")
    expect(
        page.get_by_role("button", name="Stop following Belysning längs Kajstigen")
    ).to_be_visible()
    assert_accessible(page)

    # The board takes it up and accepts it in the admin.
    board = log_in(browser, live_server, BoardUserFactory(language="en"), admin=True)
    board.goto("/admin/proposal_review/")
    board.get_by_role("link", name="Belysning längs Kajstigen").first.click()
    board.locator("input[name=action][value=under_review]").check()
    board.locator("main form[method=post] button[type=submit]").first.click()
    board.locator("input[name=action][value=accepted]").check()
    board.locator("textarea[name=comment]").fill("Stigen är mörk.")
    board.locator("input[name=decision_reference]").fill("Styrelsemöte 2026-11-20, § 4")
    board.locator("main form[method=post] button[type=submit]").first.click()
    expect(board.locator("body")).to_contain_text("Styrelsemöte 2026-11-20, § 4")

    # Bob sees it in the header and in the notification centre.
    page.goto("/en/portal/")
    link = page.get_by_role("link", name="Notifications (1 unread)")
    expect(link).to_be_visible()
    link.click()
    group = page.locator(".notification-group")
    expect(group).to_have_count(1)
    expect(group).to_contain_text("Belysning längs Kajstigen")
    expect(group).to_contain_text("The board accepted the proposal.")
    assert_accessible(page)
    page.get_by_role("button", name="Mark all as read").click()
    account = page.get_by_role("navigation", name="Account")
    expect(
        account.get_by_role("link", name="Notifications", exact=True)
    ).to_be_visible()
    expect(page.locator(".notification-list li.unread")).to_have_count(0)
    assert_accessible(page)

    # The settings page, with what Bob follows.
    page.get_by_role("link", name="Settings: what to follow and how to be told").click()
    expect(page.locator("main")).to_contain_text("Belysning längs Kajstigen")
    page.get_by_label("Email at once").first.check()
    page.get_by_role("button", name="Save the settings").click()
    expect(page.locator(".messages")).to_contain_text("saved")
    assert_accessible(page)
