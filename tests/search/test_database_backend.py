"""The database backends: the one of the database's engine is used, and it
answers when Elasticsearch fails. Each engine's contract runs in
test_sqlite_backend.py and test_postgres_backend.py."""

import logging

import pytest
from django.db import connection

from search.backends import (
    DATABASE_BACKENDS,
    FallbackBackend,
    database,
    get_database_backend,
    get_search_backend,
)
from search.backends.base import SearchRequest
from tests.search.contract import ANONYMOUS, BOARD, CORPUS, doc

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    backend = get_database_backend()
    backend.index(CORPUS)
    return backend


def ids(backend, query, audience) -> set[str]:
    results = backend.search(SearchRequest(query=query, audience=audience))
    return {hit.document.id for hit in results.hits}


def test_the_backend_of_the_databases_engine_is_used():
    assert type(get_search_backend()) is DATABASE_BACKENDS[connection.vendor]


def test_elasticsearch_failures_are_answered_by_the_database(backend, caplog):
    class Broken:
        name = "elasticsearch"

        def search(self, request):
            raise ConnectionError("no route to host")

        def index(self, documents):
            raise ConnectionError("no route to host")

    fallback = FallbackBackend(Broken(), backend)
    with caplog.at_level(logging.WARNING, logger="search"):
        results = fallback.search(SearchRequest(query="belysning", audience=ANONYMOUS))
        fallback.index([doc("new", "Nytt dokument", "om belysning")])
    assert results.backend == "database"
    assert "public-minutes" in {h.document.id for h in results.hits}
    assert "new" in ids(backend, "belysning", ANONYMOUS)
    assert "answered by the database" in caplog.text


def test_counts_stop_at_the_cap_and_rank_the_newest_matches(backend, monkeypatch):
    monkeypatch.setattr(database, "COUNT_CAP", 2)
    results = backend.search(SearchRequest(query="belysning", audience=BOARD))
    assert results.total == 2 and results.more
    # Of the four matches, the newest two are ranked and counted.
    assert {hit.document.id for hit in results.hits} == {
        "members-minutes",
        "public-minutes",
    }
    assert dict(results.facets["type"]) == {"minutes": 2}
    everything = backend.search(SearchRequest(query="", audience=BOARD))
    assert everything.total == 2 and everything.more
    monkeypatch.setattr(database, "COUNT_CAP", 4)
    exact = backend.search(SearchRequest(query="belysning", audience=BOARD))
    assert exact.total == 4 and not exact.more


def test_facets_of_a_choice_count_the_chosen_matches(backend, monkeypatch):
    monkeypatch.setattr(database, "COUNT_CAP", 2)
    results = backend.search(
        SearchRequest(
            query="belysning", audience=BOARD, filters={"type": ["decision", "news"]}
        )
    )
    assert [hit.document.id for hit in results.hits] == ["news-sv", "board-decision"]
    assert dict(results.facets["year"]) == {"2026": 1, "2025": 1}
    # The type facet leaves its own choice out: the newest two of all four.
    assert dict(results.facets["type"]) == {"minutes": 2}
