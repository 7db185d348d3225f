"""The PostgreSQL backend keeps the search contract with its tsvector column,
GIN index, ts_rank and ts_headline. Runs when the test database is PostgreSQL
(as in CI)."""

import pytest
from django.conf import settings

from search.backends.postgres import PostgresSearchBackend
from search.text import parse
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


@pytest.mark.parametrize(
    ("query", "looked_up"),
    [
        # The stemmer leaves the prefix alone: one look-up, not the same twice.
        ("beno*", "'beno':*"),
        ("beno* kajen", "( 'beno':* ) & 'kaj'"),
        # A stem shorter than the prefix: the stem and the word itself.
        ("danska*", "'dansk':* | 'danska':*"),
        ("kajen* beno*", "( 'kaj':* | 'kajen':* ) & ( 'beno':* )"),
    ],
)
def test_a_prefix_is_looked_up_once_where_stem_and_word_are_the_same(query, looked_up):
    backend = PostgresSearchBackend()
    (parsed,) = backend._parsed(query, parse(query), ["swedish"])
    assert parsed == looked_up
