"""The PostgreSQL backend keeps the search contract with its tsvector column,
GIN index, ts_rank and ts_headline. Runs when the test database is PostgreSQL
(as in CI)."""

import pytest
from django.conf import settings

from search.backends.postgres import PostgresSearchBackend
from tests.search.contract import SearchBackendContract

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason=(
            "the test database is not PostgreSQL: set "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/bid to run these"
        ),
    ),
    pytest.mark.django_db,
]


@pytest.fixture
def empty_backend():
    return PostgresSearchBackend()


class TestPostgresContract(SearchBackendContract):
    pass
