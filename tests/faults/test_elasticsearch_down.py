"""Elasticsearch unreachable: the search page still answers from the database
and a warning is logged. The real client on a closed port, end to end; the
fallback's contract with a fake is in tests/search/test_database_backend.py."""

import contextlib
import logging
import socket
import threading

import pytest

from search.backends import FallbackBackend, get_database_backend, get_search_backend
from search.backends.base import SearchRequest
from search.backends.elasticsearch import ElasticsearchBackend
from search.documents import Audience, SearchDocument
from tests.search.fake_elasticsearch import FakeCluster, client_of

LIGHTING = SearchDocument(
    id="lighting",
    group="lighting",
    type="minutes",
    title="Ny belysning på Kajstigen",
    body="Belysningen byts ut under våren.",
    language="sv",
    url="/lighting/",
    visibility="public",
)

pytestmark = pytest.mark.django_db


def test_search_answers_from_the_database_when_elasticsearch_is_down(
    settings, client, caplog
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.ELASTICSEARCH_INDEX_PREFIX += "-faults"
    get_database_backend().index([LIGHTING])
    assert isinstance(get_search_backend(), FallbackBackend)

    with caplog.at_level(logging.WARNING, logger="search"):
        response = client.get("/search/?q=belysning")

    assert response.status_code == 200
    assert "Ny belysning på Kajstigen" in response.content.decode()
    assert "Elasticsearch search failed; answered by the database" in caplog.text


@pytest.fixture
def hung_server():
    """A port that accepts connections and never answers; yields its URL and
    the list of connections it took."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted = []
    stop = threading.Event()

    def serve():
        server.settimeout(0.1)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                accepted.append(server.accept()[0])

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", accepted
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def test_a_hung_elasticsearch_is_left_alone_after_a_few_timeouts(
    settings, client, caplog, hung_server
):
    url, accepted = hung_server
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_TIMEOUT = 0.3
    settings.ELASTICSEARCH_BREAKER_FAILURES = 2
    settings.ELASTICSEARCH_BREAKER_COOLDOWN = 600

    with caplog.at_level(logging.WARNING, logger="search"):
        responses = [client.get("/search/?q=belysning") for _ in range(6)]

    assert [r.status_code for r in responses] == [200] * 6
    assert len(accepted) == 2  # one request per failed search, then none
    assert "failed 2 times in a row" in caplog.text


def test_missing_indices_are_answered_by_the_database_not_as_no_hits(caplog):
    cluster = FakeCluster()  # a fresh cluster: no index, no alias
    database = get_database_backend()
    database.index([LIGHTING])
    backend = FallbackBackend(
        ElasticsearchBackend("http://es.invalid", client=client_of(cluster)), database
    )

    with caplog.at_level(logging.WARNING, logger="search"):
        results = backend.search(
            SearchRequest(query="belysning", audience=Audience.public())
        )

    assert [hit.document.id for hit in results.hits] == ["lighting"]
    assert results.backend == "database"
    assert "no rebuilt index" in caplog.text
