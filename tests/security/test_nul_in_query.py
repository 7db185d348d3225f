"""A NUL character in a query string (PostgreSQL refuses it in any text it is
given) answers a page, never a server error: bid.middleware.CleanQueryMiddleware
removes it from every parameter before a view reads it."""

import pytest
from django.test import Client, RequestFactory

from bid.middleware import CleanQueryMiddleware
from members.proposals.pages import ProjectIndexPage
from tests.factories.meetings import meeting_index, published_meeting
from tests.factories.pages import site_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    home = site_home()
    meeting_index(home)
    published_meeting()
    home.add_child(instance=ProjectIndexPage(title="Projekt", slug="projekt"))
    return home


@pytest.mark.parametrize(
    "url",
    [
        "/moten/?body=%00",
        "/moten/?year=%00&body=1%002",
        "/moten/decisions/?q=%00",
        "/moten/decisions/?q=budget%00",
        "/projekt/?priority=%00",
        "/projekt/?priority=abc",
        "/api/v2/pages/?search=%00",
        "/sok/?q=%00",
        "/search/?q=%00",
    ],
)
def test_a_nul_in_the_query_string_answers_a_page(site, url):
    response = Client(raise_request_exception=True).get(url, follow=True)
    assert response.status_code in {200, 400, 404}


def test_the_middleware_removes_nul_from_names_and_values():
    seen = {}

    def view(request):
        seen.update({key: request.GET.getlist(key) for key in request.GET})
        return None

    request = RequestFactory().get("/moten/?q=%00lampa&b%00ody=1&b%00ody=2%00")
    CleanQueryMiddleware(view)(request)
    assert seen == {"q": ["lampa"], "body": ["1", "2"]}


def test_a_clean_query_string_is_left_as_it_is():
    request = RequestFactory().get("/moten/?q=lampa&body=1")
    before = request.GET
    CleanQueryMiddleware(lambda request: None)(request)
    assert request.GET is before
