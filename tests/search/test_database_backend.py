"""The database backend keeps the search contract on SQLite and PostgreSQL:
visibility in the query, stemming, prefixes, facets, highlighting."""

import datetime
import logging

import pytest

from search.backends import FallbackBackend
from search.backends.base import SearchRequest
from search.backends.database import DatabaseSearchBackend
from search.documents import Audience, SearchDocument
from search.models import SearchEntry

pytestmark = pytest.mark.django_db

ANONYMOUS = Audience.public()
MEMBER = Audience(levels=frozenset({"public", "members"}), organisations=frozenset({7}))
BOARD = Audience(levels=frozenset({"public", "members", "board"}))
OTHER_MEMBER = Audience(
    levels=frozenset({"public", "members"}), organisations=frozenset({8})
)


def doc(key, title, body, visibility="public", **fields) -> SearchDocument:
    return SearchDocument(
        id=key,
        group=fields.pop("group", key),
        type=fields.pop("type", "minutes"),
        title=title,
        body=body,
        language=fields.pop("language", "sv"),
        url=f"/{key}/",
        visibility=visibility,
        **fields,
    )


@pytest.fixture
def backend():
    backend = DatabaseSearchBackend()
    backend.index(
        [
            doc(
                "public-minutes",
                "Styrelsemöte mars",
                "Belysningen längs Kajstigen byts ut under våren.",
                committee="Styrelsen",
                date=datetime.date(2026, 3, 12),
                priorities=["Trygghet och belysning"],
                areas=["Kajen"],
            ),
            doc(
                "members-minutes",
                "Medlemsmöte om belysning",
                "Hemlig belysning: budgeten för belysningsprojektet diskuterades.",
                visibility="members",
                committee="Styrelsen",
                date=datetime.date(2026, 4, 1),
                priorities=["Trygghet och belysning"],
            ),
            doc(
                "board-decision",
                "§ 3 Slutet möte",
                "Beslut om belysning och avtal med vaktbolaget.",
                visibility="board",
                type="decision",
                committee="Operativa gruppen",
                date=datetime.date(2025, 11, 4),
            ),
            doc(
                "draft",
                "Utkast: belysning vid lekplatsen",
                "Ett förslag som ingen annan ska se.",
                visibility="organisation",
                organisation_id=7,
                type="proposal",
                date=datetime.date(2026, 5, 1),
                areas=["Fyrtornet"],
            ),
            doc(
                "news-sv",
                "Ny belysning på torget",
                "Sextio nya armaturer lyser upp torget.",
                type="news",
                localized=True,
                date=datetime.date(2026, 2, 1),
                areas=["Torget", "Kajen"],
            ),
            doc(
                "news-en",
                "New lighting on the square",
                "Sixty new lights brighten the square.",
                type="news",
                language="en",
                localized=True,
                date=datetime.date(2026, 2, 1),
            ),
        ]
    )
    return backend


def ids(backend, query, audience, **request) -> set[str]:
    results = backend.search(
        SearchRequest(query=query, audience=audience, per_page=50, **request)
    )
    return {hit.document.id for hit in results.hits}


QUERIES = [
    "",
    "*",
    "**",
    "bely*",
    "b*",
    "belysning",
    "Hemlig",
    "Medlemsmöte om belysning",
    '"hemlig belysning"',
    "budgeten",
    "vaktbolaget",
    "lekplatsen",
    "belysning OR vaktbolaget",
    "-torget",
]


@pytest.mark.parametrize("query", QUERIES)
def test_private_documents_never_reach_the_wrong_audience(backend, query):
    assert ids(backend, query, ANONYMOUS) <= {"public-minutes", "news-sv"}
    assert ids(backend, query, OTHER_MEMBER) <= {
        "public-minutes",
        "news-sv",
        "members-minutes",
    }
    member = ids(backend, query, MEMBER)
    assert "board-decision" not in member
    assert "draft" not in ids(backend, query, BOARD)


def test_each_audience_sees_its_documents_on_an_empty_query(backend):
    assert ids(backend, "", ANONYMOUS) == {"public-minutes", "news-sv"}
    assert ids(backend, "", MEMBER) == {
        "public-minutes",
        "news-sv",
        "members-minutes",
        "draft",
    }
    assert ids(backend, "", BOARD) == {
        "public-minutes",
        "news-sv",
        "members-minutes",
        "board-decision",
    }


def test_swedish_stemming_finds_inflected_forms(backend):
    assert "public-minutes" in ids(backend, "belysning", ANONYMOUS)
    assert "news-sv" in ids(backend, "belysningen", ANONYMOUS)
    assert ids(backend, "armaturerna", ANONYMOUS) == {"news-sv"}


def test_every_word_must_match_and_prefixes_work(backend):
    assert ids(backend, "belysning kajstigen", ANONYMOUS) == {"public-minutes"}
    assert ids(backend, "belysning saknasheltochhållet", ANONYMOUS) == set()
    assert ids(backend, "kajsti*", ANONYMOUS) == {"public-minutes"}


def test_localized_pages_match_only_in_the_readers_language(backend):
    english = ids(backend, "", ANONYMOUS, language="en")
    assert "news-en" in english and "news-sv" not in english
    assert "public-minutes" in english  # kept in one language, found in any


def test_facets_count_disjunctively_and_filters_combine(backend):
    results = backend.search(
        SearchRequest(query="belysning", audience=BOARD, filters={"type": ["minutes"]})
    )
    assert {hit.document.id for hit in results.hits} == {
        "public-minutes",
        "members-minutes",
    }
    facets = {name: dict(values) for name, values in results.facets.items()}
    # The type facet ignores its own filter, so "decision" can be added.
    assert facets["type"] == {"minutes": 2, "decision": 1, "news": 1}
    assert facets["body"] == {"Styrelsen": 2}
    assert facets["year"] == {"2026": 2}
    assert facets["priority"] == {"Trygghet och belysning": 2}
    assert facets["area"] == {"Kajen": 1}
    both = backend.search(
        SearchRequest(
            query="belysning",
            audience=BOARD,
            filters={"type": ["minutes", "decision"], "year": ["2025"]},
        )
    )
    assert [hit.document.id for hit in both.hits] == ["board-decision"]
    areas = backend.search(
        SearchRequest(query="", audience=ANONYMOUS, filters={"area": ["Kajen"]})
    )
    assert {h.document.id for h in areas.hits} == {"public-minutes", "news-sv"}
    assert dict(areas.facets["area"]) == {"Kajen": 2, "Torget": 1}


def test_snippets_mark_the_matched_words_and_escape_the_rest(backend):
    backend.index([doc("html", "Skript", "a < b och <script> belysningen & mer")])
    (hit,) = backend.search(
        SearchRequest(query="belysning skript", audience=BOARD)
    ).hits
    assert "<mark>belysningen</mark>" in hit.snippet
    # No markup gets through: escaped (SQLite) or read as spaces (PostgreSQL).
    assert "<script>" not in hit.snippet
    assert "&amp; mer" in hit.snippet
    (hit,) = backend.search(SearchRequest(query="kajsti*", audience=BOARD)).hits
    assert "<mark>Kajstigen</mark>" in hit.snippet


def test_indexing_twice_is_idempotent_and_groups_are_replaced(backend):
    before = SearchEntry.objects.count()
    backend.index([doc("news-sv", "Ny belysning på torget", "Sextio armaturer.")])
    assert SearchEntry.objects.count() == before
    backend.replace_group("public-minutes", [])
    assert "public-minutes" not in ids(backend, "", BOARD)
    backend.delete(["news-sv"])
    assert ids(backend, "", ANONYMOUS) == set()


def test_results_are_paged_newest_first_for_an_empty_query(backend):
    first = backend.search(SearchRequest(query="", audience=BOARD, per_page=2))
    second = backend.search(SearchRequest(query="", audience=BOARD, per_page=2, page=2))
    assert first.total == second.total == 4
    assert [h.document.id for h in first.hits] == ["members-minutes", "public-minutes"]
    assert [h.document.id for h in second.hits] == ["news-sv", "board-decision"]


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
