"""Shared fragments (`{% fragment %}`, the menu, breadcrumbs, language links):
kept for every visitor with the page cache off, and never stale after an edit."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail import hooks
from wagtail.models import Site

from bid.hooks import HOME_SECTIONS_HOOK
from home.models import PriorityPage, PriorityParty
from home.services import priorities_reorder
from tests.factories.accounts import BoardUserFactory
from tests.factories.pages import StandardPageFactory, site_home
from tests.factories.plan import (
    NewsIndexPageFactory,
    NewsPageFactory,
    plan_with_priorities,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]


@pytest.fixture
def fragments_on(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600


@pytest.fixture
def client():
    return Client(HTTP_HOST="127.0.0.1")


def test_home_sections_are_built_once_for_every_visitor(client):
    calls = []

    def counted(request, page):
        calls.append(request.user)
        return {"template": "home/tests/section.html", "order": 5, "text": "COUNTED"}

    site_home()
    with hooks.register_temporarily(HOME_SECTIONS_HOOK, counted):
        first = client.get("/").content.decode()
        second = Client(HTTP_HOST="127.0.0.1").get("/").content.decode()
    assert "COUNTED" in first
    assert "COUNTED" in second
    assert len(calls) == 1


def test_home_news_section_shows_an_article_published_after_it_was_cached(
    client, django_capture_on_commit_callbacks
):
    index = NewsIndexPageFactory(parent=site_home())
    NewsPageFactory(parent=index, title="Gammal nyhet")
    assert "Gammal nyhet" in client.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        NewsPageFactory(parent=index, title="Ny belysning vid kajen")

    assert "Ny belysning vid kajen" in client.get("/").content.decode()


def test_home_priorities_follow_the_boards_new_ranking_at_once(
    client, django_capture_on_commit_callbacks
):
    board = BoardUserFactory()
    plan, (first, second, third) = plan_with_priorities(site_home(), 3)
    html = client.get("/").content.decode()
    assert html.index(first.title) < html.index(third.title)

    with django_capture_on_commit_callbacks(execute=True):
        priorities_reorder(
            plan=plan,
            ordered_ids=[third.pk, first.pk, second.pk],
            by=board,
            rationale="Årsmötet § 5",
        )

    html = client.get("/").content.decode()
    assert html.index(third.title) < html.index(first.title)


def test_home_priorities_show_a_renamed_priority_at_once(
    client, django_capture_on_commit_callbacks
):
    plan, (first, *_rest) = plan_with_priorities(site_home(), 3)
    assert first.title in client.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        first.title = "Trygghet dygnet runt"
        first.save_revision().publish()

    assert "Trygghet dygnet runt" in client.get("/").content.decode()


def test_menu_and_breadcrumbs_show_a_renamed_page_at_once(
    client, django_capture_on_commit_callbacks
):
    home = site_home()
    about = StandardPageFactory(
        parent=home, title="Om oss", slug="om-oss", show_in_menus=True
    )
    StandardPageFactory(parent=about, title="Styrelsen", slug="styrelsen")
    html = client.get("/om-oss/styrelsen/").content.decode()
    assert html.count("Om oss") >= 2  # the menu and the trail

    with django_capture_on_commit_callbacks(execute=True):
        about.title = "Om distriktet"
        about.save_revision().publish()

    html = client.get("/om-oss/styrelsen/").content.decode()
    assert "Om oss" not in html
    assert html.count("Om distriktet") >= 2


def test_the_site_and_its_home_page_are_read_once_and_follow_an_edit_at_once(
    client, django_capture_on_commit_callbacks
):
    home = site_home()
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not [q for q in queries if "wagtailcore_site" in q["sql"]]

    with django_capture_on_commit_callbacks(execute=True):
        home.hero_heading = "Välkommen till kajen"
        home.save_revision().publish()
    assert "Välkommen till kajen" in client.get("/").content.decode()

    other = StandardPageFactory(parent=home, title="Ny startsida", slug="ny")
    with django_capture_on_commit_callbacks(execute=True):
        site = Site.objects.get(is_default_site=True)
        site.root_page = other
        site.save()
    assert "Ny startsida" in client.get("/").content.decode()


def test_fragment_is_kept_per_language_and_per_varying_value():
    template = Template(
        '{% load fragment_tags i18n %}{% fragment "demo" key tags="custom" %}'
        "{{ text }}-{% get_current_language as code %}{{ code }}{% endfragment %}"
    )
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1")

    def render(key, text, language):
        with translation.override(language):
            context = Context({"request": request, "key": key, "text": text})
            return template.render(context)

    assert render(1, "first", "sv") == "first-sv"
    assert render(1, "second", "sv") == "first-sv"  # kept
    assert render(1, "third", "en") == "third-en"
    assert render(2, "fourth", "sv") == "fourth-sv"


def test_a_previewed_draft_never_reaches_the_shared_priority_details(client):
    plan, (priority, *_rest) = plan_with_priorities(site_home(), 2)
    assert "Utkastets ansvariga" not in client.get(priority.url).content.decode()

    draft = PriorityPage.objects.get(pk=priority.pk)
    draft.responsible_parties = [PriorityParty(name="Utkastets ansvariga")]
    preview = draft.make_preview_request()

    assert "Utkastets ansvariga" in preview.content.decode()
    assert "Utkastets ansvariga" not in client.get(priority.url).content.decode()


def test_plan_page_follows_the_boards_new_ranking_at_once(
    client, django_capture_on_commit_callbacks
):
    board = BoardUserFactory()
    plan, (first, second, third) = plan_with_priorities(site_home(), 3)
    # The cards' links: "Prioritering 1" is also each card's rank label.
    html = client.get(plan.url).content.decode()
    assert html.index(f'href="{first.url}"') < html.index(f'href="{third.url}"')

    with django_capture_on_commit_callbacks(execute=True):
        priorities_reorder(
            plan=plan,
            ordered_ids=[third.pk, first.pk, second.pk],
            by=board,
            rationale="Årsmötet § 5",
        )

    html = client.get(plan.url).content.decode()
    assert html.index(f'href="{third.url}"') < html.index(f'href="{first.url}"')
