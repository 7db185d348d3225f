"""A proposal from draft to the public priority page, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from members.proposals.models import Proposal
from members.proposals.pages import ProjectIndexPage
from tests.browser.sessions import sign_in
from tests.factories.accounts import PASSWORD, BoardUserFactory, MemberUserFactory
from tests.factories.contributions import member
from tests.factories.pages import district_settings, site_home
from tests.factories.plan import plan_with_priorities

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def log_in(browser, live_server, user, *, admin=False):
    """A browser signed in as `user` (tests/browser/sessions.py), on the page a
    sign-in leads to: the admin for staff, the portal for members."""
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    sign_in(context, user, live_server.url)
    page = context.new_page()
    page.goto("/admin/" if admin else "/en/portal/")
    return page


def test_member_proposes_another_supports_the_board_accepts_the_public_sees_it(
    page, browser, live_server, assert_accessible, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    district_settings()
    home = site_home()
    _plan, (priority,) = plan_with_priorities(home, 1)
    priority.title = "Trygghet och belysning"
    priority.save_revision().publish()
    home.add_child(instance=ProjectIndexPage(title="Projekt", slug="projekt"))
    alice = MemberUserFactory(language="en")
    member(user=alice, legal_name="Kajfastigheter AB")
    bob = MemberUserFactory(language="en")
    member(user=bob, legal_name="Hamnens Bostäder AB")
    attachment = tmp_path / "ritning.pdf"
    attachment.write_bytes(PDF)

    # Member A drafts, attaches a drawing and submits.
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto("/en/portal/proposals/new/")
    assert_accessible(page)
    page.get_by_label("Title").fill("Belysning längs Kajstigen")
    page.get_by_label("Summary").fill("Trettio nya armaturer på den mörka gångvägen.")
    page.get_by_label("Description").fill("Stigen är mörk.\n\n- 30 armaturer\n- LED")
    page.get_by_label("Priority it serves").select_option(
        label="Trygghet och belysning"
    )
    page.get_by_label("Estimated cost").fill("850000")
    page.get_by_label("Funding requested from the BID").fill("500000")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Belysning längs Kajstigen"
    )
    page.get_by_label("Attach a file").set_input_files(str(attachment))
    page.get_by_role("button", name="Attach", exact=True).click()
    expect(page.get_by_role("link", name="ritning.pdf")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Submit to the board").click()
    expect(page.locator("main")).to_contain_text("Submitted")

    # Member B supports and comments.
    bob_page = log_in(browser, live_server, bob)
    bob_page.goto("/en/portal/proposals/")
    bob_page.get_by_role("link", name="Belysning längs Kajstigen").click()
    bob_page.get_by_role("button", name="Support as Hamnens Bostäder AB").click()
    expect(
        bob_page.get_by_role("heading", name=re.compile("Support: 1"))
    ).to_be_visible()
    bob_page.get_by_label("Your comment").fill(
        "Vi står för en tredjedel av elkostnaden."
    )
    bob_page.get_by_role("button", name="Post the comment").click()
    expect(bob_page.locator(".comment")).to_contain_text("en tredjedel")
    assert_accessible(bob_page)

    # The board takes it up and accepts it with its reasoning.
    proposal = Proposal.objects.get()
    board_page = log_in(browser, live_server, BoardUserFactory(), admin=True)
    board_page.goto("/admin/proposal_review/")
    board_page.get_by_role("link", name="Belysning längs Kajstigen").first.click()
    expect(board_page.locator("body")).to_contain_text("en tredjedel")
    board_page.locator("input[name=action][value=under_review]").check()
    board_page.locator("main form[method=post] button[type=submit]").first.click()
    board_page.locator("input[name=action][value=accepted]").check()
    board_page.locator("textarea[name=comment]").fill(
        "Stigen är den mest otrygga platsen i enkäten."
    )
    board_page.locator("input[name=decision_reference]").fill(
        "Styrelsemöte 2026-03-12, § 6"
    )
    board_page.locator("main form[method=post] button[type=submit]").first.click()
    expect(board_page.locator("body")).to_contain_text("Styrelsemöte 2026-03-12, § 6")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED

    # The public sees it on the priority page, and can follow it to the project.
    public = browser.new_context(base_url=live_server.url).new_page()
    public.goto(priority.url)
    expect(public.locator(".proposal-card")).to_contain_text(
        "Belysning längs Kajstigen"
    )
    assert_accessible(public)
    public.get_by_role("link", name="Belysning längs Kajstigen").click()
    expect(public.locator("main")).to_contain_text("Stigen är den mest otrygga platsen")
    expect(public.locator("main")).to_contain_text("Styrelsemöte 2026-03-12, § 6")
    assert_accessible(public)
