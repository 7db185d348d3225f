"""The page cache: anonymous visitors get stored pages, changes show at once,
signed-in people and personal responses are never stored or served."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from tests.factories.accounts import MemberUserFactory
from tests.factories.meetings import meeting_index, published_meeting
from tests.factories.pages import StandardPageFactory, site_home

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def about():
    return StandardPageFactory(parent=site_home(), title="Om oss", slug="om-oss")


def cached(response) -> str | None:
    return response.get("X-Page-Cache")


def test_anonymous_visitor_gets_the_stored_page_without_a_query(
    client, about, django_assert_num_queries
):
    first = client.get("/om-oss/")
    assert first.status_code == 200
    assert cached(first) == "miss"
    with django_assert_num_queries(0):
        second = client.get("/om-oss/")
    assert cached(second) == "hit"
    assert second.content == first.content
    assert b"Om oss" in second.content
    # The headers of the site are added to a stored page too.
    assert second["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in second


def test_publishing_a_change_shows_at_once(
    client, about, django_capture_on_commit_callbacks
):
    client.get("/om-oss/")
    with django_capture_on_commit_callbacks(execute=True):
        about.title = "Om föreningen"
        about.save_revision().publish()
    response = client.get("/om-oss/")
    assert cached(response) == "miss"
    assert b"Om f\xc3\xb6reningen" in response.content


def test_unpublishing_and_deleting_take_the_page_away_at_once(
    client, django_capture_on_commit_callbacks
):
    home = site_home()
    first = StandardPageFactory(parent=home, title="Tillfällig", slug="tillfallig")
    second = StandardPageFactory(parent=home, title="Gammal", slug="gammal")
    assert cached(client.get("/tillfallig/")) == "miss"
    assert cached(client.get("/gammal/")) == "miss"
    assert cached(client.get("/gammal/")) == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        first.unpublish()
    assert client.get("/tillfallig/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert client.get("/gammal/").status_code == 404


def test_moving_a_page_moves_it_at_once(client, django_capture_on_commit_callbacks):
    home = site_home()
    parent = StandardPageFactory(parent=home, title="Om oss", slug="om-oss")
    page = StandardPageFactory(parent=home, title="Kontakt", slug="kontakt")
    assert client.get("/kontakt/").status_code == 200
    assert cached(client.get("/kontakt/")) == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        page.move(parent, pos="last-child")
    # Not the stored page: Wagtail's redirect from the old address.
    old = client.get("/kontakt/")
    assert old.status_code == 301
    assert old["Location"] == "/om-oss/kontakt/"
    assert client.get("/om-oss/kontakt/").status_code == 200


def test_a_new_meeting_shows_on_the_cached_meeting_list_at_once(
    client, django_capture_on_commit_callbacks
):
    index = meeting_index(site_home())
    before = client.get(index.url)
    assert cached(client.get(index.url)) == "hit"
    assert "Vårmötet om belysning" not in before.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        published_meeting(title="Vårmötet om belysning")
    after = client.get(index.url)
    assert cached(after) == "miss"
    assert "Vårmötet om belysning" in after.content.decode()


def test_a_signed_in_member_never_gets_a_stored_page(client, about):
    client.get("/om-oss/")
    assert cached(client.get("/om-oss/")) == "hit"
    member = Client()
    member.force_login(MemberUserFactory(email="karin@example.org"))
    response = member.get("/om-oss/")
    assert response.status_code == 200
    assert cached(response) is None
    assert b"Log out" in response.content or b"Logga ut" in response.content


def test_a_members_page_is_never_stored_for_anyone_else(about):
    member = Client()
    member.force_login(MemberUserFactory(email="karin@example.org"))
    member.get("/om-oss/")
    member.get("/om-oss/")
    anonymous = Client().get("/om-oss/")
    assert cached(anonymous) == "miss"
    assert b"karin@example.org" not in anonymous.content
    assert b"/accounts/logout/" not in anonymous.content


def test_each_language_is_stored_separately(client):
    site_home("en")
    swedish = client.get("/")
    english = client.get("/en/")
    assert (cached(swedish), cached(english)) == ("miss", "miss")
    swedish, english = client.get("/"), client.get("/en/")
    assert (cached(swedish), cached(english)) == ("hit", "hit")
    assert b'<html lang="sv">' in swedish.content
    assert b'<html lang="en">' in english.content


def test_a_page_holding_a_csrf_token_is_never_stored(client, about):
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="hemlig"
    )
    first = client.get("/om-oss/")
    assert b"csrfmiddlewaretoken" in first.content
    assert cached(first) == "skip"
    assert cached(client.get("/om-oss/")) == "skip"


def test_a_visitor_with_messages_waiting_is_served_afresh(client, about):
    client.get("/om-oss/")
    client.cookies["messages"] = "waiting"
    assert cached(client.get("/om-oss/")) is None


def test_no_page_is_stored_when_the_cache_is_off(client, about, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/om-oss/")
    assert cached(client.get("/om-oss/")) is None
