"""Visitors, members and the board in a real browser, with axe-core on each page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.two_factor import enter_code
from tests.factories.accounts import PASSWORD, BoardUserFactory, MemberUserFactory
from tests.factories.pages import district_settings, site_home

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = {
    "sv": ("", "Logga in", "Hoppa till huvudinnehållet"),
    "da": ("/da", "Log ind", "Spring til hovedindhold"),
    "nb": ("/nb", "Logg inn", "Hopp til hovedinnhold"),
    "en": ("/en", "Log in", "Skip to main content"),
}


@pytest.fixture
def district():
    district_settings()
    for code in LANGUAGES:
        home = site_home(code)
        home.hero_heading = f"Välkommen ({code})"
        home.save_revision().publish()


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_home_and_login_pages_in_each_language(
    page, assert_accessible, district, language
):
    prefix, log_in, skip = LANGUAGES[language]

    page.goto(f"{prefix}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Välkommen ({language})")
    assert_accessible(page)

    page.get_by_role("link", name=log_in, exact=True).click()
    expect(page).to_have_url(re.compile(rf"{prefix}/accounts/login/$"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)

    # The skip link is the first thing the keyboard reaches.
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text(skip)
    assert page.console_errors == []


def test_language_switcher_moves_between_translations(
    page, assert_accessible, district
):
    page.goto("/")
    page.get_by_role("navigation", name="Språk").get_by_role(
        "link", name="English"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen (en)")
    assert_accessible(page)


def test_member_signs_in_through_allauth(page, assert_accessible, district):
    member = MemberUserFactory(first_name="Karin", last_name="Ström")

    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("status")).to_contain_text("Karin Ström")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Account").get_by_role(
        "link", name="My account"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_new_member_signs_up_and_verifies_the_email(page, assert_accessible, district):
    page.goto("/en/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("First name").fill("Nina")
    page.get_by_label("Email").fill("new.member@example.org")
    page.get_by_label("Password", exact=True).fill("a-long-passphrase-1")
    page.get_by_label("Password (again)").fill("a-long-passphrase-1")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Verify Your Email Address"
    )
    assert_accessible(page)

    # The link is under BASE_URL; its path is followed on the live server.
    link = re.search(
        r"https?://[^/]+(/\S+/accounts/confirm-email/\S+/)", mail.outbox[-1].body
    )
    page.goto(link.group(1))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/en/portal/$"))
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    assert_accessible(page)


def test_board_member_logs_into_the_wagtail_admin(page, assert_accessible, district):
    board = BoardUserFactory()

    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/admin/$"))
    assert_accessible(page)
    page.get_by_label("E-post").fill(board.email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    enter_code(page, board)

    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("body")).to_contain_text(board.first_name)
    expect(page.get_by_role("link", name="Sidor").first).to_be_visible()
