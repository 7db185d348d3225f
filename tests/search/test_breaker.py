"""The circuit breaker in front of Elasticsearch: after a run of failures the
database answers without Elasticsearch being tried, until a cooldown passes."""

import logging

import pytest
from elastic_transport import ConnectionTimeout

from search.backends import FallbackBackend
from search.backends.base import SearchRequest, SearchResults
from search.backends.breaker import CircuitBreaker
from search.backends.elasticsearch import IndexMissingError
from search.documents import Audience

REQUEST = SearchRequest(query="belysning", audience=Audience.public())


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


class Engine:
    """Elasticsearch as the fallback sees it: answers, or fails as told."""

    name = "elasticsearch"

    def __init__(self):
        self.calls = 0
        self.error = None

    def search(self, request):
        self.calls += 1
        if self.error:
            raise self.error
        return SearchResults(hits=[], total=1, facets={}, backend="elasticsearch")

    suggest = search


class Database:
    name = "database"

    def search(self, request):
        return SearchResults(hits=[], total=2, facets={}, backend="database")

    def suggest(self, request):
        return "database"


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def engine():
    return Engine()


@pytest.fixture
def fallback(engine, clock):
    breaker = CircuitBreaker(failures=3, cooldown=30, clock=clock)
    return FallbackBackend(engine, Database(), breaker)


def test_a_hung_engine_is_tried_three_times_then_left_alone_for_the_cooldown(
    fallback, engine, clock, caplog
):
    engine.error = ConnectionTimeout("timed out after 5 s")
    with caplog.at_level(logging.WARNING, logger="search"):
        answers = [fallback.search(REQUEST).backend for _ in range(10)]

    assert answers == ["database"] * 10
    assert engine.calls == 3
    assert "failed 3 times in a row" in caplog.text
    clock.now += 29
    fallback.search(REQUEST)
    assert engine.calls == 3


def test_after_the_cooldown_one_search_tries_again_and_a_success_closes_it(
    fallback, engine, clock
):
    engine.error = ConnectionTimeout("timed out")
    for _ in range(3):
        fallback.search(REQUEST)
    clock.now += 31
    engine.error = None

    assert fallback.search(REQUEST).backend == "elasticsearch"
    assert fallback.search(REQUEST).backend == "elasticsearch"
    assert engine.calls == 5


def test_a_failed_trial_after_the_cooldown_opens_it_for_another_cooldown(
    fallback, engine, clock
):
    engine.error = ConnectionTimeout("timed out")
    for _ in range(3):
        fallback.search(REQUEST)
    clock.now += 31
    fallback.search(REQUEST)
    assert engine.calls == 4
    clock.now += 29
    fallback.search(REQUEST)
    assert engine.calls == 4
    clock.now += 2
    fallback.search(REQUEST)
    assert engine.calls == 5


def test_failures_must_come_in_a_row(fallback, engine):
    for _ in range(5):
        engine.error = ConnectionTimeout("timed out")
        fallback.search(REQUEST)
        fallback.search(REQUEST)
        engine.error = None
        assert fallback.search(REQUEST).backend == "elasticsearch"
    assert engine.calls == 15


def test_only_one_search_tries_the_engine_after_the_cooldown(clock):
    breaker = CircuitBreaker(failures=1, cooldown=30, clock=clock)
    breaker.failed()
    clock.now += 31
    assert [breaker.allow() for _ in range(3)] == [True, False, False]
    breaker.succeeded()
    assert breaker.allow()


def test_a_missing_index_is_answered_by_the_database_and_logged(
    fallback, engine, caplog
):
    engine.error = IndexMissingError("an alias of ['bid-sv'] is missing")
    with caplog.at_level(logging.WARNING, logger="search"):
        results = fallback.search(REQUEST)
    assert results.backend == "database"
    assert "no rebuilt index" in caplog.text
    assert "search_index rebuild" in caplog.text


def test_suggestions_go_through_the_breaker_too(fallback, engine):
    engine.error = ConnectionTimeout("timed out")
    answers = [fallback.suggest(REQUEST) for _ in range(5)]
    assert answers == ["database"] * 5
    assert engine.calls == 3
