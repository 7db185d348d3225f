"""The public site: home page in four languages, navigation, switcher, footer."""

import pytest
from wagtail import hooks

from home.models import HOME_SECTIONS_HOOK
from tests.factories.pages import StandardPageFactory, district_settings, site_home

pytestmark = pytest.mark.django_db

# A string from this project's own catalogue, in each language.
SKIP_LINK = {
    "sv": "Hoppa till huvudinnehållet",
    "da": "Spring til hovedindhold",
    "nb": "Hopp til hovedinnhold",
    "en": "Skip to main content",
}
PREFIX = {"sv": "", "da": "/da", "nb": "/nb", "en": "/en"}


@pytest.mark.parametrize("language", ["sv", "da", "nb", "en"])
def test_home_page_is_served_in_each_language(client, language):
    home = site_home(language)
    home.hero_heading = f"Hero in {language}"
    home.save_revision().publish()

    response = client.get(f"{PREFIX[language]}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"Hero in {language}" in html
    assert SKIP_LINK[language] in html


def test_unprefixed_address_is_swedish_whatever_the_browser_prefers(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="sv">' in response.content.decode()


def test_language_switcher_links_to_the_translation_of_the_page(client):
    about = StandardPageFactory(parent=site_home("sv"), title="Om oss", slug="om-oss")
    site_home("en")
    english = about.copy_for_translation(site_home("en").locale)
    english.title, english.slug = "About us", "about-us"
    english.save_revision().publish()

    html = client.get("/om-oss/").content.decode()

    assert 'href="/en/about-us/" hreflang="en"' in html
    # No Danish translation: the switcher falls back to the same address in Danish.
    assert 'href="/da/om-oss/" hreflang="da"' in html


def test_main_menu_lists_live_menu_pages_of_the_active_language(client):
    home = site_home("sv")
    StandardPageFactory(parent=home, title="Synlig", slug="synlig", show_in_menus=True)
    StandardPageFactory(parent=home, title="Dold", slug="dold", show_in_menus=False)
    draft = StandardPageFactory(parent=home, title="Utkast", slug="utkast")
    draft.unpublish()

    html = client.get("/").content.decode()
    nav = html[
        html.index('class="main-nav"') : html.index(
            "</nav>", html.index('class="main-nav"')
        )
    ]

    assert 'href="/synlig/"' in nav
    assert "Dold" not in nav
    assert "Utkast" not in nav


def test_menu_marks_the_current_section(client):
    StandardPageFactory(parent=site_home("sv"), title="Om oss", slug="om-oss")
    html = client.get("/om-oss/").content.decode()
    assert '<a href="/om-oss/" aria-current="page">Om oss</a>' in html


def test_footer_shows_the_districts_contact_details(client):
    district_settings(organisation_name="Teststaden BID", phone="+46 8 000 00 00")
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert "Teststaden BID" in footer
    assert 'href="tel:+4680000000"' in footer
    assert "info@teststaden.example" in footer


def test_standard_page_renders_intro_and_body(client):
    StandardPageFactory(
        parent=site_home("sv"),
        title="Om oss",
        slug="om-oss",
        intro="Vi är ett partnerskap.",
        body=[("paragraph", "<p>Ett stycke <b>fetstil</b>.</p>")],
    )
    html = client.get("/om-oss/").content.decode()
    assert "<h1>Om oss</h1>" in html
    assert "Vi är ett partnerskap." in html
    assert "<b>fetstil</b>" in html


def test_modules_fill_home_page_sections_in_their_order(client):
    def late(request, page):
        return {"template": "home/tests/section.html", "order": 20, "text": "LATE"}

    def early(request, page):
        return {"template": "home/tests/section.html", "order": 10, "text": "EARLY"}

    def nothing(request, page):
        return None

    with (
        hooks.register_temporarily(HOME_SECTIONS_HOOK, late),
        hooks.register_temporarily(HOME_SECTIONS_HOOK, nothing),
        hooks.register_temporarily(HOME_SECTIONS_HOOK, early),
    ):
        html = client.get("/").content.decode()

    assert html.index("EARLY") < html.index("LATE")


def test_unknown_address_answers_404_with_the_site_layout(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'class="site-footer"' in html
