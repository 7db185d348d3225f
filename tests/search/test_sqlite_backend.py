"""The SQLite backend keeps the search contract with its FTS5 index, and keeps
that index in step with the entries however they are written."""

import pytest
from django.conf import settings
from django.db import connections

from search.backends.base import SearchRequest
from search.backends.sqlite import SQLiteSearchBackend, index_terms
from search.models import SearchEntry
from tests.search.contract import BOARD, CORPUS, SearchBackendContract, doc
from tests.search.databases import SQLITE_ALIAS

pytestmark = [
    pytest.mark.skipif(
        SQLITE_ALIAS not in settings.DATABASES,
        reason="no SQLite database: the test settings add one beside PostgreSQL",
    ),
    pytest.mark.django_db(databases=[SQLITE_ALIAS]),
    pytest.mark.usefixtures("sqlite_search_db"),
]


@pytest.fixture
def empty_backend(sqlite_search_db):
    return SQLiteSearchBackend(using=sqlite_search_db)


class TestSQLiteContract(SearchBackendContract):
    pass


def fts_rows(query: str) -> set[int]:
    with connections[SQLITE_ALIAS].cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [query]
        )
        return {row[0] for row in cursor.fetchall()}


def test_each_word_is_indexed_as_its_stem_and_itself_in_place():
    with connections[SQLITE_ALIAS].cursor() as cursor:
        ((title, committee, body),) = index_terms(
            cursor, [("Bänkarna, e\u0301n 🙂 bänk", "", "Torget_är", "sv")]
        )
    assert title.split(" ") == [
        "bänk\ue000bänkarna",
        "én\ue000én",  # composed, as queries are
        "🙂\ue000🙂",  # a token to SQLite's tokenizer, so kept in place
        "bänk\ue000bänk",
    ]
    assert committee == ""
    assert body == "torget\ue000torget är\ue000är"


def test_the_index_follows_every_write_to_the_entries(empty_backend):
    empty_backend.index(CORPUS)
    minutes = SearchEntry.objects.using(SQLITE_ALIAS).get(doc_id="public-minutes")
    assert fts_rows('"kajst\ue000"*') == {minutes.pk}
    empty_backend.index([doc("public-minutes", "Styrelsemöte", "Parken.")])
    assert fts_rows('"kajst\ue000"*') == set()
    assert fts_rows('"park\ue000"*') == {minutes.pk}
    # A delete that is not the backend's (a queryset, cascades) too.
    SearchEntry.objects.using(SQLITE_ALIAS).filter(pk=minutes.pk).delete()
    assert fts_rows('"park\ue000"*') == set()
    with connections[SQLITE_ALIAS].cursor() as cursor:
        cursor.execute("SELECT id FROM search_fts_docsize")
        indexed = {row[0] for row in cursor.fetchall()}
    entries = SearchEntry.objects.using(SQLITE_ALIAS).values_list("pk", flat=True)
    assert indexed == set(entries)


def test_the_triggers_that_keep_the_index_exist():
    with connections[SQLITE_ALIAS].cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'search_searchentry'"
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {"search_fts_insert", "search_fts_update", "search_fts_delete"}


def test_stop_words_are_left_out_of_a_query_as_on_postgresql(empty_backend):
    empty_backend.index(CORPUS)
    found = empty_backend.search(
        SearchRequest(query="armaturer i torget", audience=BOARD)
    )
    assert [hit.document.id for hit in found.hits] == ["news-sv"]
    only = empty_backend.search(SearchRequest(query="och", audience=BOARD))
    assert only.hits == [] and only.total == 0
