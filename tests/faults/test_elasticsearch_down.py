"""Elasticsearch unreachable: the search page still answers from the database
and a warning is logged. The real client on a closed port, end to end; the
fallback's contract with a fake is in tests/search/test_database_backend.py."""

import logging

import pytest

from search.backends import FallbackBackend, get_database_backend, get_search_backend
from search.documents import SearchDocument

pytestmark = pytest.mark.django_db


def test_search_answers_from_the_database_when_elasticsearch_is_down(
    settings, client, caplog
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.ELASTICSEARCH_INDEX_PREFIX = "bid-faults"
    get_database_backend().index(
        [
            SearchDocument(
                id="lighting",
                group="lighting",
                type="minutes",
                title="Ny belysning på Kajstigen",
                body="Belysningen byts ut under våren.",
                language="sv",
                url="/lighting/",
                visibility="public",
            )
        ]
    )
    assert isinstance(get_search_backend(), FallbackBackend)

    with caplog.at_level(logging.WARNING, logger="search"):
        response = client.get("/search/?q=belysning")

    assert response.status_code == 200
    assert "Ny belysning på Kajstigen" in response.content.decode()
    assert "Elasticsearch search failed; answered by the database" in caplog.text
