"""The contract every search backend keeps (search/backends/base.py), as one
set of tests: visibility in the query, stemming in each language, prefixes,
phrases, ranking, snippets, facets, paging and index maintenance.

A test module runs it for an engine by subclassing `SearchBackendContract`
and providing the `empty_backend` fixture (and `settle` when writes need a
refresh before they are searched): tests/search/test_sqlite_backend.py,
test_postgres_backend.py and test_elasticsearch_integration.py.
"""

import datetime

import pytest

from search.backends.base import SearchRequest
from search.documents import Audience, SearchDocument

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


CORPUS = [
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

# Words any audience may search for; none may reveal what it must not see.
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


class SearchBackendContract:
    """The tests; a subclass provides `empty_backend`, an engine's backend
    over an index with nothing in it."""

    def settle(self, backend) -> None:
        """Make every write so far searchable."""

    @pytest.fixture
    def backend(self, empty_backend):
        empty_backend.index(CORPUS)
        self.settle(empty_backend)
        return empty_backend

    def add(self, backend, *documents) -> None:
        backend.index(list(documents))
        self.settle(backend)

    def search(self, backend, query, audience=BOARD, **request):
        return backend.search(
            SearchRequest(query=query, audience=audience, per_page=50, **request)
        )

    def ids(self, backend, query, audience=BOARD, **request) -> set[str]:
        results = self.search(backend, query, audience, **request)
        return {hit.document.id for hit in results.hits}

    # Visibility

    @pytest.mark.parametrize("query", QUERIES)
    def test_private_documents_never_reach_the_wrong_audience(self, backend, query):
        assert self.ids(backend, query, ANONYMOUS) <= {"public-minutes", "news-sv"}
        assert self.ids(backend, query, OTHER_MEMBER) <= {
            "public-minutes",
            "news-sv",
            "members-minutes",
        }
        member = self.ids(backend, query, MEMBER)
        assert "board-decision" not in member
        assert "draft" not in self.ids(backend, query, BOARD)

    def test_each_audience_sees_its_documents_on_an_empty_query(self, backend):
        assert self.ids(backend, "", ANONYMOUS) == {"public-minutes", "news-sv"}
        assert self.ids(backend, "", MEMBER) == {
            "public-minutes",
            "news-sv",
            "members-minutes",
            "draft",
        }
        assert self.ids(backend, "", BOARD) == {
            "public-minutes",
            "news-sv",
            "members-minutes",
            "board-decision",
        }

    def test_organisation_drafts_are_found_only_by_their_organisation(self, backend):
        assert "draft" in self.ids(backend, "lekplatsen", MEMBER)
        assert "draft" not in self.ids(backend, "lekplatsen", OTHER_MEMBER)
        assert "draft" not in self.ids(backend, "lekplatsen", BOARD)
        assert "draft" not in self.ids(backend, "lekplatsen", ANONYMOUS)

    def test_localized_pages_match_only_in_the_readers_language(self, backend):
        english = self.ids(backend, "", ANONYMOUS, language="en")
        assert "news-en" in english and "news-sv" not in english
        assert "public-minutes" in english  # kept in one language, found in any
        assert self.ids(backend, "lights", ANONYMOUS, language="en") == {"news-en"}
        assert self.ids(backend, "lights", ANONYMOUS, language="sv") == set()

    # Words

    def test_swedish_stemming_finds_inflected_forms(self, backend):
        assert "public-minutes" in self.ids(backend, "belysning", ANONYMOUS)
        assert "news-sv" in self.ids(backend, "belysningen", ANONYMOUS)
        assert self.ids(backend, "armaturerna", ANONYMOUS) == {"news-sv"}

    def test_each_language_stems_with_its_own_stemmer(self, backend):
        self.add(
            backend,
            doc("sv", "Bänkar", "Nya bänkar ställs ut längs ån.", date=None),
            doc("da", "Bænke", "Bænkene males om foråret.", language="da"),
            doc("nb", "Lykter", "Lyktene i gaten skiftes ut.", language="nb"),
            doc("en", "Lighting", "The lights are replaced.", language="en"),
        )
        assert self.ids(backend, "bänkarna") == {"sv"}  # plural, definite
        assert self.ids(backend, "bænk") == {"da"}
        assert self.ids(backend, "lykter") == {"nb"}
        assert self.ids(backend, "light") == {"en"}

    def test_every_word_must_match_and_prefixes_work(self, backend):
        assert self.ids(backend, "belysning kajstigen", ANONYMOUS) == {"public-minutes"}
        assert self.ids(backend, "belysning saknasheltochhållet", ANONYMOUS) == set()
        assert self.ids(backend, "kajsti*", ANONYMOUS) == {"public-minutes"}
        assert self.ids(backend, "vaktbol*") == {"board-decision"}
        assert {"public-minutes", "news-sv"} <= self.ids(backend, "bely*", ANONYMOUS)
        # Longer than the stem of the word it starts ("belysning").
        assert "public-minutes" in self.ids(backend, "belysningen*", ANONYMOUS)

    def test_a_phrase_matches_its_words_in_order(self, backend):
        assert self.ids(backend, '"nya armaturer"') == {"news-sv"}
        assert self.ids(backend, '"armaturer nya"') == set()

    def test_a_word_can_be_excluded(self, backend):
        found = self.ids(backend, "belysning -torget", ANONYMOUS)
        assert found == {"public-minutes"}

    # Ranking and snippets

    def test_a_match_in_the_title_ranks_above_one_in_the_body(self, backend):
        self.add(
            backend,
            doc(
                "in-title",
                "Papperskorgar på torget",
                "Kommunen tömmer dem varje vecka.",
                date=datetime.date(2024, 1, 1),
            ),
            doc(
                "in-body",
                "Renhållning i centrum",
                "Kommunen tömmer papperskorgar varje vecka.",
                date=datetime.date(2026, 1, 1),
            ),
        )
        results = self.search(backend, "papperskorgar")
        assert [hit.document.id for hit in results.hits] == ["in-title", "in-body"]
        assert results.hits[0].score > results.hits[1].score

    def test_snippets_mark_the_matched_words_and_escape_the_rest(self, backend):
        self.add(backend, doc("html", "Skript", "a < b och <script> belysningen & mer"))
        (hit,) = self.search(backend, "belysning skript").hits
        assert "<mark>belysningen</mark>" in hit.snippet
        # No markup gets through: escaped, or read as spaces (PostgreSQL).
        assert "<script>" not in hit.snippet
        assert "&amp; mer" in hit.snippet
        (hit,) = self.search(backend, "kajsti*").hits
        assert "<mark>Kajstigen</mark>" in hit.snippet

    def test_results_have_snippets_and_no_body(self, backend):
        results = self.search(backend, "", ANONYMOUS)
        assert all(hit.snippet for hit in results.hits)
        assert all(hit.document.body == "" for hit in results.hits)
        (hit,) = self.search(backend, "kajstigen").hits
        assert hit.document.title == "Styrelsemöte mars"
        assert hit.document.date == datetime.date(2026, 3, 12)
        assert hit.document.committee == "Styrelsen"
        assert hit.document.areas == ["Kajen"]

    # Facets and paging

    def test_facets_count_disjunctively_and_filters_combine(self, backend):
        results = backend.search(
            SearchRequest(
                query="belysning", audience=BOARD, filters={"type": ["minutes"]}
            )
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

    def test_results_are_paged_newest_first_for_an_empty_query(self, backend):
        first = backend.search(SearchRequest(query="", audience=BOARD, per_page=2))
        second = backend.search(
            SearchRequest(query="", audience=BOARD, per_page=2, page=2)
        )
        assert first.total == second.total == 4
        assert [h.document.id for h in first.hits] == [
            "members-minutes",
            "public-minutes",
        ]
        assert [h.document.id for h in second.hits] == ["news-sv", "board-decision"]

    def test_pages_of_a_query_do_not_overlap(self, backend):
        pages = [
            backend.search(
                SearchRequest(query="belysning", audience=BOARD, per_page=2, page=n)
            )
            for n in (1, 2, 3)
        ]
        found = [hit.document.id for page in pages for hit in page.hits]
        assert pages[0].total == len(found) == len(set(found)) == 4

    # Did you mean

    def suggest(self, backend, query, audience=BOARD, **request) -> str:
        return backend.suggest(SearchRequest(query=query, audience=audience, **request))

    def test_a_misspelt_word_is_corrected_to_a_word_of_the_documents(self, backend):
        assert self.suggest(backend, "belysnig", ANONYMOUS) == "belysning"
        assert self.suggest(backend, "belisning", ANONYMOUS) == "belysning"
        # Only the misspelt word changes; the rest of the query is kept.
        assert (
            self.suggest(backend, "Kajstigen belysnig", ANONYMOUS)
            == "Kajstigen belysning"
        )

    def test_nothing_is_suggested_for_words_that_are_found(self, backend):
        assert self.suggest(backend, "belysning kajstigen", ANONYMOUS) == ""
        assert self.suggest(backend, "belysnig*", ANONYMOUS) == ""  # a prefix
        assert self.suggest(backend, "", ANONYMOUS) == ""
        assert self.suggest(backend, "qwxzyv", ANONYMOUS) == ""  # like no word

    def test_suggestions_come_only_from_documents_the_reader_may_see(self, backend):
        # "hemlig" is only in the members' minutes, "vaktbolaget" only in the
        # board's decision, "lekplatsen" only in organisation 7's draft.
        assert self.suggest(backend, "hemllig", ANONYMOUS) == ""
        assert self.suggest(backend, "hemllig", OTHER_MEMBER) == "hemlig"
        assert self.suggest(backend, "vaktbolgaet", MEMBER) == ""
        assert self.suggest(backend, "vaktbolgaet", BOARD) == "vaktbolaget"
        assert self.suggest(backend, "lekplatsne", OTHER_MEMBER) == ""
        assert self.suggest(backend, "lekplatsne", BOARD) == ""
        assert self.suggest(backend, "lekplatsne", MEMBER) == "lekplatsen"

    def test_suggestions_follow_the_index(self, backend):
        assert self.suggest(backend, "papperskorgra") == ""
        self.add(backend, doc("bins", "Papperskorgar", "Nya papperskorgar."))
        assert self.suggest(backend, "papperskorgra") == "papperskorgar"
        backend.delete(["bins"])
        self.settle(backend)
        assert self.suggest(backend, "papperskorgra") == ""

    # Keeping the index

    def test_indexing_twice_is_idempotent_and_groups_are_replaced(self, backend):
        before = backend.count()
        self.add(backend, doc("news-sv", "Ny belysning på torget", "Sextio armaturer."))
        assert backend.count() == before
        backend.replace_group("public-minutes", [])
        self.settle(backend)
        assert "public-minutes" not in self.ids(backend, "")
        backend.delete(["news-sv"])
        self.settle(backend)
        assert self.ids(backend, "", ANONYMOUS) == set()

    def test_replacing_a_group_keeps_only_its_new_documents(self, backend):
        meeting = [
            doc("meeting-1", "Möte om parken", "Parken.", group="meeting:1"),
            doc("decision-1", "Beslut om parken", "Bänkar.", group="meeting:1"),
        ]
        self.add(backend, *meeting)
        assert self.ids(backend, "parken") == {"meeting-1", "decision-1"}
        changed = doc("meeting-1", "Möte om torget", "Torget.", group="meeting:1")
        backend.replace_group("meeting:1", [changed])
        self.settle(backend)
        assert self.ids(backend, "parken") == set()
        assert "meeting-1" in self.ids(backend, "möte torget")

    def test_a_rebuild_replaces_everything(self, backend):
        backend.rebuild(CORPUS[:2])
        self.settle(backend)
        assert backend.count() == 2
        assert self.ids(backend, "") == {"public-minutes", "members-minutes"}
