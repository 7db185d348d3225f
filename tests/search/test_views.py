"""The search page: "did you mean" for a query that finds nothing, from words
the reader may see, and counts past the cap shown as "more than"."""

import pytest
from django.test import Client

from search.backends import database, get_search_backend
from tests.factories.contributions import member
from tests.search.contract import CORPUS, doc

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed():
    get_search_backend().index(CORPUS)


def page(query, user=None, **params) -> str:
    client = Client(HTTP_HOST="127.0.0.1")
    if user:
        client.force_login(user)
    response = client.get("/en/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_a_misspelt_search_links_to_the_corrected_query(indexed):
    for misspelt in ("belysnig", "belisning"):
        html = page(misspelt)
        assert "0 results for" in html
        assert (
            'Did you mean: <a href="?q=belysning" class="did-you-mean">belysning</a>?'
            in html
        )


def test_the_corrected_query_keeps_the_filters_but_not_the_page(indexed):
    html = page("belysnig kajstigen", type="minutes", page="2")
    assert (
        '<a href="?q=belysning+kajstigen&amp;type=minutes" class="did-you-mean">'
        "belysning kajstigen</a>" in html
    )


def test_no_suggestion_when_something_is_found_or_nothing_is_alike(indexed):
    assert "Did you mean" not in page("belysning")
    assert "Did you mean" not in page("qwxzyv")


def test_members_words_are_suggested_to_members_only(indexed):
    # "hemlig" is only in the members' minutes.
    assert "Did you mean" not in page("hemllig")
    _organisation, user = member(legal_name="Medlemmen AB")
    assert 'class="did-you-mean">hemlig</a>' in page("hemllig", user)


def test_a_count_past_the_cap_says_more_than(indexed, monkeypatch):
    get_search_backend().index(
        [doc(f"extra-{n}", "Belysning", "Ny belysning.") for n in range(3)]
    )
    monkeypatch.setattr(database, "COUNT_CAP", 2)
    assert "More than 2 results for “belysning”" in page("belysning")
    monkeypatch.setattr(database, "COUNT_CAP", 10)
    html = page("belysning")
    assert "4 results for “belysning”" in html and "More than" not in html
