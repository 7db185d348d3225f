"""The shared fragments as each process keeps them (bid/cache.py): served
without asking the cache again while its clock has not moved, never stale
after a purge, made here or by another process, and never one object shared
by two requests; and what Wagtail would read on every request it serves (the
locale, the view restrictions) kept with them."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

import bid.cache
from bid.cache import CLOCK_KEY, memoise, purge, request_scope
from tests.factories.pages import StandardPageFactory, site_home
from tests.factories.plan import plan_with_priorities

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]


@pytest.fixture
def fragments_on(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600


class CountingCache:
    """The cache, counting the reads that go to it."""

    def __init__(self):
        self.reads = 0

    def get(self, *args, **kwargs):
        self.reads += 1
        return cache.get(*args, **kwargs)

    def get_many(self, *args, **kwargs):
        self.reads += 1
        return cache.get_many(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(cache, name)


@pytest.fixture
def counting(monkeypatch):
    counter = CountingCache()
    monkeypatch.setattr(bid.cache, "cache", counter)
    return counter


def test_a_request_reads_the_clock_once_and_nothing_else_once_fragments_are_kept(
    counting,
):
    site_home()
    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/")
    client.get("/")
    counting.reads = 0
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert counting.reads == 1
    # The site, the locale, the view restrictions, the menu and the sections
    # are all kept: the home page asks the database nothing.
    assert len(queries) == 0


def test_a_purge_made_elsewhere_is_seen_at_the_next_request():
    page = StandardPageFactory(parent=site_home(), title="Om oss", slug="om-oss")
    client = Client(HTTP_HOST="127.0.0.1")
    assert "Om oss" in client.get("/").content.decode()
    # Another process renames the page: the row changes without a signal here,
    # and what it shows is purged through the shared cache alone (outside a
    # request, a purge leaves this process's own keeping as it is).
    type(page).objects.filter(pk=page.pk).update(title="Om distriktet")
    before = cache.get(CLOCK_KEY)
    purge(*bid.cache._page_tags(page.translation_key, page.path, page.content_type_id))
    assert cache.get(CLOCK_KEY) == before + 1
    assert "Om distriktet" in client.get("/").content.decode()


def test_a_purge_within_a_request_is_seen_by_the_rest_of_that_request():
    values = iter(["före", "efter"])
    with request_scope():
        assert memoise("rubrik", lambda: next(values), tags=["t"]) == "före"
        assert memoise("rubrik", lambda: next(values), tags=["t"]) == "före"
        purge("t")
        assert memoise("rubrik", lambda: next(values), tags=["t"]) == "efter"


def test_no_two_requests_share_one_kept_object():
    with request_scope():
        first = memoise("lista", lambda: ["a"], tags=["t"])
        first.append("ändrad av en vy")
    with request_scope():
        assert memoise("lista", lambda: ["b"], tags=["t"]) == ["a"]


def test_a_restriction_added_above_a_page_applies_at_once(
    django_capture_on_commit_callbacks,
):
    home = site_home()
    section = StandardPageFactory(parent=home, title="Styrelsen", slug="styrelsen")
    page = StandardPageFactory(parent=section, title="Protokoll", slug="protokoll")
    client = Client(HTTP_HOST="127.0.0.1")
    assert client.get("/styrelsen/protokoll/").status_code == 200
    assert client.get("/styrelsen/protokoll/").status_code == 200
    assert not page.get_view_restrictions().exists()

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.LOGIN
        )
    answer = client.get("/styrelsen/protokoll/")
    assert answer.status_code == 302 and "login" in answer["Location"]
    assert list(page.get_view_restrictions()) == [restriction]

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert client.get("/styrelsen/protokoll/").status_code == 200


def test_an_alias_keeps_the_restrictions_of_the_page_it_copies(
    django_capture_on_commit_callbacks,
):
    """As in Wagtail: an alias is checked as its source page, whose own
    restriction, added after the alias was served, applies to it at once."""
    home = site_home()
    source = StandardPageFactory(parent=home, title="Avtal", slug="avtal")
    elsewhere = StandardPageFactory(parent=home, title="Genvägar", slug="genvagar")
    alias = source.create_alias(parent=elsewhere, update_slug="avtal-alias")
    client = Client(HTTP_HOST="127.0.0.1")
    address = "/genvagar/avtal-alias/"
    assert client.get(address).status_code == 200
    assert client.get(address).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=source, restriction_type=PageViewRestriction.LOGIN
        )
    assert alias.specific.get_view_restrictions().exists()
    assert client.get(address).status_code == 302


def test_a_child_s_new_slug_unpublishing_and_removal_reach_its_address_at_once(
    django_capture_on_commit_callbacks,
):
    home = site_home()
    page = StandardPageFactory(parent=home, title="Om oss", slug="om-oss")
    client = Client(HTTP_HOST="127.0.0.1")
    assert client.get("/om-oss/").status_code == 200
    assert client.get("/om-oss/").status_code == 200

    page.slug = "om-distriktet"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    # The old address is no page any more: Wagtail's redirect takes over.
    moved = client.get("/om-oss/")
    assert (moved.status_code, moved["Location"]) == (301, "/om-distriktet/")
    assert client.get("/om-distriktet/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get("/om-distriktet/").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert client.get("/om-distriktet/").status_code == 404


def test_an_address_that_names_no_page_is_not_kept():
    home = site_home()
    client = Client(HTTP_HOST="127.0.0.1")
    assert client.get("/finns-inte/").status_code == 404
    assert cache.get(f"pagecache:memo:child:{home.pk}:finns-inte") is None
    # A page published there later answers at once, even the first child of
    # a page (the site's root page is kept with its count of children).
    StandardPageFactory(parent=home, title="Finns nu", slug="finns-inte")
    assert client.get("/finns-inte/").status_code == 200


def test_a_routable_page_s_own_routes_come_before_its_children():
    plan, (priority, *_rest) = plan_with_priorities(site_home(), 2)
    client = Client(HTTP_HOST="127.0.0.1")
    history = plan.url + plan.reverse_subpage("history")
    for _ in range(2):
        assert client.get(history).status_code == 200
        assert client.get(priority.url).status_code == 200


def test_the_first_page_under_the_home_page_reaches_the_menu_at_once(
    django_capture_on_commit_callbacks,
):
    home = site_home()
    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        StandardPageFactory(parent=home, title="Om oss", slug="om-oss")
    assert "Om oss" in client.get("/").content.decode()
