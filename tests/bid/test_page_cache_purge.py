"""Per-page purge: a change empties the stored pages and fragments that show
it, and only those; a render overtaken by a change is never stored."""

import datetime

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from wagtail import hooks
from wagtail.models import get_page_models
from wagtail.rich_text import RichText

from bid.cache import CLOCK_KEY, memoise, page_tag, purge
from members.contributions.services import contributions_issue
from members.meetings.models import Meeting
from members.notifications.models import Category, Event, Notification
from tests.factories.contributions import SchemeFactory, member
from tests.factories.meetings import meeting_index, published_meeting
from tests.factories.pages import StandardPageFactory, district_settings, site_home
from tests.factories.plan import (
    IndicatorFactory,
    IndicatorTextFactory,
    MeasurementFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    plan_with_priorities,
)
from tests.home.test_plan import translate_plan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def cached(response) -> str | None:
    return response.get("X-Page-Cache")


def warm(client, *urls) -> None:
    for url in urls:
        assert client.get(url).status_code == 200, url
        assert cached(client.get(url)) == "hit", url


def states(client, *urls) -> dict[str, str | None]:
    return {url: cached(client.get(url)) for url in urls}


def page_class(name: str):
    return next(model for model in get_page_models() if model.__name__ == name)


def test_saving_a_meeting_purges_the_meeting_pages_and_the_home_page_only(
    client, django_capture_on_commit_callbacks
):
    home = site_home()
    index = meeting_index(home)
    meeting = published_meeting(title="Höstmötet")
    StandardPageFactory(parent=home)
    record = f"{index.url}{meeting.pk}/"
    warm(client, "/", index.url, record, "/om-oss/")

    with django_capture_on_commit_callbacks(execute=True):
        meeting.title = "Höstmötet om parkering"
        meeting.save()

    assert states(client, "/", index.url, record, "/om-oss/") == {
        "/": "miss",
        index.url: "miss",
        record: "miss",
        "/om-oss/": "hit",
    }
    assert "Höstmötet om parkering" in client.get(record).content.decode()


def test_publishing_a_news_article_purges_it_and_its_listings_only(
    client, django_capture_on_commit_callbacks
):
    home = site_home()
    index = NewsIndexPageFactory(parent=home)
    article = NewsPageFactory(parent=index, title="Ny belysning")
    plan, priorities = plan_with_priorities(home, 2)
    StandardPageFactory(parent=home)
    urls = ("/", index.url, article.url, plan.url, priorities[0].url, "/om-oss/")
    warm(client, *urls)

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Ny belysning på torget"
        article.save_revision().publish()

    assert states(client, *urls) == {
        "/": "miss",
        index.url: "miss",
        article.url: "miss",
        plan.url: "hit",
        priorities[0].url: "hit",
        "/om-oss/": "hit",
    }
    assert "Ny belysning på torget" in client.get(index.url).content.decode()


def test_a_saved_draft_purges_nothing(client, django_capture_on_commit_callbacks):
    about = StandardPageFactory(parent=site_home())
    warm(client, "/om-oss/")

    with django_capture_on_commit_callbacks(execute=True):
        about.title = "Utkast om oss"
        about.save_revision()

    response = client.get("/om-oss/")
    assert cached(response) == "hit"
    assert "Utkast om oss" not in response.content.decode()


def test_notifications_contributions_and_sign_ins_purge_nothing(
    client, django_capture_on_commit_callbacks
):
    home = site_home()
    index = meeting_index(home)
    meeting = published_meeting()
    StandardPageFactory(parent=home)
    organisation, admin = member()
    scheme = SchemeFactory(year=timezone.localdate().year)
    warm(client, "/", index.url, "/om-oss/")
    clock = cache.get(CLOCK_KEY)

    with django_capture_on_commit_callbacks(execute=True):
        event = Event.objects.create(
            kind="meeting.published",
            category=Category.MEETINGS,
            content_type=ContentType.objects.get_for_model(Meeting),
            object_id=meeting.pk,
            subject_label=meeting.title,
            visibility="members",
            occurred_at=timezone.now(),
        )
        event.organisations.add(organisation)
        Notification.objects.create(user=admin, event=event)
        contributions_issue(scheme=scheme, on=datetime.date(scheme.year, 2, 1))
        Client().force_login(admin)

    assert cache.get(CLOCK_KEY) == clock
    assert set(states(client, "/", index.url, "/om-oss/").values()) == {"hit"}


def test_a_new_page_in_the_menu_shows_on_every_stored_page(
    client, django_capture_on_commit_callbacks
):
    home = site_home()
    StandardPageFactory(parent=home)
    warm(client, "/", "/om-oss/")

    with django_capture_on_commit_callbacks(execute=True):
        StandardPageFactory(parent=home, title="Kontakt", slug="kontakt")

    response = client.get("/om-oss/")
    assert cached(response) == "miss"
    assert 'href="/kontakt/"' in response.content.decode()
    assert cached(client.get("/")) == "miss"


def test_changing_the_district_settings_purges_every_page(
    client, django_capture_on_commit_callbacks
):
    home = site_home()
    StandardPageFactory(parent=home)
    district_settings()
    warm(client, "/", "/om-oss/")

    with django_capture_on_commit_callbacks(execute=True):
        district_settings(organisation_name="Hamnstadens BID")

    for url in ("/", "/om-oss/"):
        response = client.get(url)
        assert cached(response) == "miss"
        assert "Hamnstadens BID" in response.content.decode()


def test_moving_a_page_purges_the_pages_linking_to_it(
    client, django_capture_on_commit_callbacks
):
    home = site_home()
    about = StandardPageFactory(parent=home, title="Om oss", slug="om-oss")
    contact = StandardPageFactory(parent=about, title="Kontakt", slug="kontakt")
    archive = StandardPageFactory(parent=about, title="Arkiv", slug="arkiv")
    link = f'<p><a linktype="page" id="{contact.pk}">Kontakta oss</a></p>'
    with django_capture_on_commit_callbacks(execute=True):
        StandardPageFactory(
            parent=home,
            title="Hitta hit",
            slug="hitta-hit",
            body=[("paragraph", RichText(link))],
        )
        StandardPageFactory(parent=home, title="Villkor", slug="villkor")
    assert 'href="/om-oss/kontakt/"' in client.get("/hitta-hit/").content.decode()
    warm(client, "/hitta-hit/", "/villkor/")

    with django_capture_on_commit_callbacks(execute=True):
        contact.move(archive, pos="last-child")

    response = client.get("/hitta-hit/")
    assert cached(response) == "miss"
    assert 'href="/om-oss/arkiv/kontakt/"' in response.content.decode()
    assert cached(client.get("/villkor/")) == "hit"


def test_a_measurement_purges_the_plan_and_the_priority_not_the_news(
    client, django_capture_on_commit_callbacks
):
    home = site_home()
    plan, priorities = plan_with_priorities(home, 2)
    indicator = IndicatorFactory(priority=priorities[0], name="Trygghet kvällstid")
    index = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=index)
    urls = ("/", plan.url, priorities[0].url, index.url)
    warm(client, *urls)

    with django_capture_on_commit_callbacks(execute=True):
        MeasurementFactory(indicator=indicator, value=62)

    assert states(client, *urls) == {
        "/": "miss",
        plan.url: "miss",
        priorities[0].url: "miss",
        index.url: "hit",
    }


def test_an_indicator_text_purges_the_translated_priority(
    client, django_capture_on_commit_callbacks
):
    plan, (priority,) = plan_with_priorities(site_home(), 1)
    indicator = IndicatorFactory(priority=priority, name="Trygghet kvällstid")
    _plan, (english,) = translate_plan(plan, [priority], "en")
    warm(client, english.url)

    with django_capture_on_commit_callbacks(execute=True):
        IndicatorTextFactory(indicator=indicator, locale="en", name="Safe evenings")

    response = client.get(english.url)
    assert cached(response) == "miss"
    assert "Safe evenings" in response.content.decode()


def test_a_change_to_a_listed_organisation_purges_the_directory_only(
    client, django_capture_on_commit_callbacks
):
    home = site_home()
    directory = page_class("MemberDirectoryPage")(title="Medlemmar", slug="medlemmar")
    home.add_child(instance=directory)
    organisation, _admin = member(legal_name="Kajens Fastigheter AB")
    organisation.listed_publicly = True
    organisation.save()
    StandardPageFactory(parent=home)
    warm(client, "/medlemmar/", "/om-oss/")

    with django_capture_on_commit_callbacks(execute=True):
        organisation.legal_name = "Kajens Fastigheter och Hamn AB"
        organisation.save()

    response = client.get("/medlemmar/")
    assert cached(response) == "miss"
    assert "Kajens Fastigheter och Hamn AB" in response.content.decode()
    assert cached(client.get("/om-oss/")) == "hit"


def test_a_render_overtaken_by_a_change_is_never_stored(client):
    StandardPageFactory(parent=site_home())

    def changed_while_rendering(page, request, args, kwargs):
        purge(page_tag(page))

    with hooks.register_temporarily("before_serve_page", changed_while_rendering):
        assert cached(client.get("/om-oss/")) == "miss"
    assert cached(client.get("/om-oss/")) == "miss"
    assert cached(client.get("/om-oss/")) == "hit"


def test_a_memoised_value_is_kept_until_one_of_its_tags_is_purged():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert memoise("fragment", compute, tags=["home.newspage"]) == 1
    assert memoise("fragment", compute, tags=["home.newspage"]) == 1
    purge("meetings")
    assert memoise("fragment", compute, tags=["home.newspage"]) == 1
    purge("home.newspage")
    assert memoise("fragment", compute, tags=["home.newspage"]) == 2


def test_publishing_an_article_purges_fragments_tagged_with_articles(
    django_capture_on_commit_callbacks,
):
    index = NewsIndexPageFactory(parent=site_home())
    calls = []

    def titles():
        calls.append(1)
        return [article.title for article in index.articles()]

    assert memoise("news-titles", titles, tags=["home.newspage"]) == []
    with django_capture_on_commit_callbacks(execute=True):
        NewsPageFactory(parent=index, title="Ny belysning")
    assert memoise("news-titles", titles, tags=["home.newspage"]) == ["Ny belysning"]
    assert memoise("news-titles", titles, tags=["home.newspage"]) == ["Ny belysning"]
    assert len(calls) == 2


def test_a_value_whose_tag_is_purged_while_computing_is_not_kept():
    calls = []

    def compute():
        calls.append(1)
        if len(calls) == 1:
            purge("meetings")  # a meeting saved while this was being read
        return len(calls)

    assert memoise("meetings-fragment", compute, tags=["meetings"]) == 1
    assert memoise("meetings-fragment", compute, tags=["meetings"]) == 2
    assert memoise("meetings-fragment", compute, tags=["meetings"]) == 2


def test_a_page_showing_a_memoised_fragment_carries_its_tags(client):
    home = site_home()
    StandardPageFactory(parent=home, title="Om oss", slug="om-oss")
    StandardPageFactory(parent=home, title="Villkor", slug="villkor")

    def shows_fragment(page, request, args, kwargs):
        memoise("shared", lambda: "fragment", tags=["custom"])

    with hooks.register_temporarily("before_serve_page", shows_fragment):
        warm(client, "/om-oss/", "/villkor/")  # the second page reads it stored
        purge("custom")
        assert states(client, "/om-oss/", "/villkor/") == {
            "/om-oss/": "miss",
            "/villkor/": "miss",
        }


def test_memoise_computes_afresh_when_the_cache_is_off(settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    calls = []
    memoise("fragment", lambda: calls.append(1), tags=["meetings"])
    memoise("fragment", lambda: calls.append(1), tags=["meetings"])
    assert len(calls) == 2


def test_every_declared_cache_tag_names_an_app_or_a_model():
    known = {config.label for config in apps.get_app_configs()}
    known |= {model._meta.label_lower for model in apps.get_models()}
    declared = {
        (model.__name__, tag)
        for model in get_page_models()
        for tag in getattr(model, "cache_tags", ())
    }
    assert declared
    assert {(name, tag) for name, tag in declared if tag not in known} == set()
