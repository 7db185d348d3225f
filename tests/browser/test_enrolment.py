"""The whole enrolment journey in a real browser, with axe-core on every portal page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from members.enrolment.models import Enrolment
from tests.browser.two_factor import enter_code
from tests.factories.accounts import PASSWORD, BoardUserFactory, SecretariatUserFactory
from tests.factories.areas import named_area
from tests.factories.organisations import MembershipTermsFactory
from tests.factories.pages import district_settings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def admin_login(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.goto("/admin/")
    page.get_by_label("E-post").fill(user.email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    enter_code(page, user)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


def review(page, enrolment, action, comment):
    page.goto("/admin/enrolment_review/")
    page.get_by_role("link", name="Hamnkrogen AB").first.click()
    expect(page).to_have_url(
        re.compile(rf"/admin/enrolment_review/inspect/{enrolment.pk}/$")
    )
    page.locator(f"input[name=action][value={action}]").check()
    page.locator("textarea[name=comment]").fill(comment)
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator("body")).to_contain_text(comment)


def add_property(page, designation, floor_area):
    page.get_by_role("link", name="Add a property").click()
    page.get_by_label("Property designation").fill(designation)
    page.get_by_label("Street address").fill("Kajgatan 1")
    page.get_by_label("Area of the district").select_option(label="Hamnpromenaden")
    page.get_by_label("Gross floor area").fill(str(floor_area))
    page.get_by_label("Use").select_option("retail")
    page.get_by_role("button", name="Save the property").click()
    expect(page.get_by_role("status")).to_contain_text(designation)


def test_from_sign_up_to_membership(page, browser, live_server, assert_accessible):
    district_settings()
    named_area("Hamnpromenaden")
    MembershipTermsFactory(
        title="Medlemsvillkor", body="<p>Avgift enligt årsmötets beslut.</p>"
    )
    secretariat, board = SecretariatUserFactory(), BoardUserFactory()

    # 1. Sign up and verify the email address.
    page.goto("/en/accounts/signup/")
    page.get_by_label("First name").fill("Nina")
    page.get_by_label("Email").fill("krogen@example.org")
    page.get_by_label("Password", exact=True).fill("a-long-passphrase-1")
    page.get_by_label("Password (again)").fill("a-long-passphrase-1")
    page.get_by_role("button", name="Sign Up").click()
    assert_accessible(page)
    # The link is under BASE_URL; its path is followed on the live server.
    link = re.search(
        r"https?://[^/]+(/\S+/accounts/confirm-email/\S+/)", mail.outbox[-1].body
    )
    page.goto(link.group(1))
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/en/portal/$"))
    assert_accessible(page)

    # 2. Register the organisation.
    page.get_by_role("link", name="Register an organisation and apply").click()
    assert_accessible(page)
    page.get_by_label("Legal name").fill("Hamnkrogen AB")
    page.get_by_label("Organisation number").fill("556677-8899")
    page.get_by_label("Type").select_option("property_owner")
    page.get_by_label("Street address").fill("Kajgatan 1")
    page.get_by_label("Postal code").fill("120 30")
    page.get_by_label("City").fill("Västerhamn")
    page.get_by_label("Invoice email").fill("faktura@hamnkrogen.example")
    page.get_by_role("button", name="Register and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Application: Hamnkrogen AB"
    )
    assert_accessible(page)

    # 3. Sending with no property is refused, with the reason at the field.
    page.get_by_label("I have read and accept the membership terms").check()
    page.get_by_role("button", name="Send the application to the board").click()
    expect(page.locator("main")).to_contain_text(
        "Add at least one property to the application."
    )
    assert Enrolment.objects.get().status == "draft"
    assert_accessible(page)

    # 4. Two properties added from the application are part of it at once
    # (they come back ticked); accept the terms and send, in one form.
    add_property(page, "Västerhamn Kajen 9:1", 640)
    add_property(page, "Västerhamn Kajen 9:2", 1)
    assert_accessible(page)
    expect(page.get_by_label("Västerhamn Kajen 9:1")).to_be_checked()
    expect(page.get_by_label("Västerhamn Kajen 9:2")).to_be_checked()
    page.get_by_label("I have read and accept the membership terms").check()
    page.get_by_role("button", name="Send the application to the board").click()
    expect(page.locator(".org-card")).to_contain_text("Submitted")
    assert_accessible(page)
    enrolment = Enrolment.objects.get()
    assert enrolment.properties.count() == 2

    # 5. The secretariat asks for more information.
    secretariat_page = admin_login(browser, live_server, secretariat)
    review(
        secretariat_page,
        enrolment,
        "request_information",
        "Stämmer ytan 1 m² för Kajen 9:2?",
    )
    assert "more information" in mail.outbox[-1].subject.lower()

    # 6. The applicant answers and sends again.
    page.goto("/en/portal/")
    page.get_by_role("link", name="Answer the board").click()
    expect(page.locator(".panel--highlight")).to_contain_text("Stämmer ytan 1 m²")
    assert_accessible(page)
    page.get_by_label("Message to the board").fill("Nej, den är 120 m². Rättat.")
    page.get_by_role("button", name="Save the application").click()
    page.get_by_label("I have read and accept the membership terms").check()
    page.get_by_role("button", name="Send the application to the board").click()
    expect(page.locator(".org-card")).to_contain_text("Submitted")

    # 7. The board approves.
    board_page = admin_login(browser, live_server, board)
    review(board_page, enrolment, "approve", "Välkommen som medlem!")

    # 8. The applicant's dashboard shows the membership, and the organisation's
    # page the properties it was granted for.
    page.goto("/en/portal/")
    card = page.locator(".org-card")
    expect(card).to_contain_text("Member since")
    expect(card).to_contain_text("The agreement renews on")
    assert_accessible(page)
    card.get_by_role("link", name="Hamnkrogen AB").click()
    membership = page.locator("section", has=page.locator("#membership-heading"))
    expect(membership).to_contain_text("Properties in the membership")
    expect(membership).to_contain_text("Västerhamn Kajen 9:1")
    expect(membership).to_contain_text("Västerhamn Kajen 9:2")
    enrolment.refresh_from_db()
    assert enrolment.status == "approved"
    assert [t.to_status for t in enrolment.transitions.order_by("at", "pk")] == [
        "submitted",
        "needs_information",
        "submitted",
        "approved",
    ]
