"""The Elasticsearch backend against a real server (8 or 9): the search
contract (tests/search/contract.py), and its own indices and aliases. Runs only
when ELASTICSEARCH_URL is set, and fails if that server cannot be reached."""

import datetime
import os
import threading
from uuid import uuid4

import pytest
from django.conf import settings

from search.backends import FallbackBackend, elasticsearch
from search.backends.base import SearchRequest, SearchResults
from search.backends.elasticsearch import ElasticsearchBackend, IndexMissingError
from search.documents import Audience, SearchDocument
from tests.search.contract import SearchBackendContract

pytestmark = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason=(
        "ELASTICSEARCH_URL is not set: start Elasticsearch (docker run -p 9200:9200 "
        "-e discovery.type=single-node -e xpack.security.enabled=false "
        "elasticsearch:8.15.0) and export ELASTICSEARCH_URL=http://127.0.0.1:9200 "
        "to run these"
    ),
)

MEMBERS_TITLE = "Medlemsplan för gatubelysning"


def doc(doc_id, **fields):
    fields.setdefault("group", f"group-{doc_id}")
    fields.setdefault("type", "page")
    fields.setdefault("language", "sv")
    fields.setdefault("url", f"/{doc_id}/")
    return SearchDocument(id=doc_id, **fields)


CORPUS = [
    doc(
        "minutes-1",
        group="meeting-1",
        type="minutes",
        title="Protokoll från styrelsemötet",
        body="Styrelsen diskuterade belysningen på torget och nya bänkar.",
        committee="Styrelsen",
        date=datetime.date(2026, 3, 1),
    ),
    doc(
        "decision-1",
        group="meeting-1",
        type="decision",
        title="Beslut om parken",
        body="Föreningen beslutade om ny belysning i parken.",
        committee="Styrelsen",
        date=datetime.date(2025, 5, 2),
    ),
    doc(
        "decision-2",
        group="meeting-2",
        type="decision",
        title="Beslut om bänkar",
        body="Nya bänkar ställs ut längs ån.",
        committee="Årsmötet",
        date=datetime.date(2026, 4, 3),
    ),
    doc(
        "members-1",
        type="minutes",
        title=MEMBERS_TITLE,
        body="Bara för medlemmar: belysningsstolpar längs hela gatan.",
        visibility="members",
        date=datetime.date(2026, 1, 4),
    ),
    doc(
        "draft-7",
        type="proposal",
        title="Utkast från organisation sju",
        body="Ett utkast om belysning vid entrén.",
        visibility="organisation",
        organisation_id=7,
        date=datetime.date(2026, 2, 5),
    ),
    doc(
        "page-en",
        language="en",
        localized=True,
        title="Street lighting",
        body="The district improves street lighting every winter.",
        date=datetime.date(2024, 6, 6),
    ),
]


def unique_prefix():
    """Indices of this run only, under the installation's (and, with
    pytest-xdist, the worker's) prefix."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{uuid4().hex[:8]}"


def drop_indices(backend):
    names = list(
        backend.client.indices.get(index=f"{backend.prefix}-*", ignore_unavailable=True)
    )
    if names:
        backend.client.indices.delete(index=names)


@pytest.fixture(scope="session")
def prefix():
    return unique_prefix()


@pytest.fixture(scope="session")
def es_backend(prefix):
    backend = ElasticsearchBackend(os.environ["ELASTICSEARCH_URL"], prefix=prefix)
    yield backend
    drop_indices(backend)


@pytest.fixture
def fresh_prefix():
    """A prefix no index has yet; its indices are dropped afterwards."""
    prefix = unique_prefix()
    yield prefix
    drop_indices(ElasticsearchBackend(os.environ["ELASTICSEARCH_URL"], prefix=prefix))


@pytest.fixture
def backend(es_backend):
    es_backend.rebuild(CORPUS)
    return es_backend


def is_stand_in(backend) -> bool:
    """Whether the server is the shared stand-in engine (osmem-server, see
    /work/shared/search-engine/README.md) rather than Elasticsearch."""
    return backend.client.info()["cluster_name"] == "osmem"


class TestElasticsearchContract(SearchBackendContract):
    def settle(self, backend) -> None:
        backend.refresh()

    def test_each_language_stems_with_its_own_stemmer(self, backend, request):
        if is_stand_in(backend):
            # The stand-in's gap, not the product's: osmem-server 0.1.6 indexes
            # every word of a Danish (Snowball) field as the empty term, so any
            # query matches every Danish document. Strict: passes again once
            # the engine is fixed, and then must be removed.
            request.applymarker(
                pytest.mark.xfail(
                    strict=True,
                    reason="stand-in engine: Danish Snowball words index as ''",
                )
            )
        super().test_each_language_stems_with_its_own_stemmer(backend)

    @pytest.fixture
    def empty_backend(self, es_backend):
        es_backend.rebuild([])
        return es_backend


def search(backend, query, audience=None, **options):
    return backend.search(
        SearchRequest(query=query, audience=audience or Audience.public(), **options)
    )


def ids(results):
    return {hit.document.id for hit in results.hits}


def member_of(*organisations):
    return Audience(
        levels=frozenset({"public", "members"}), organisations=frozenset(organisations)
    )


def test_swedish_words_match_their_other_forms(backend):
    assert "minutes-1" in ids(search(backend, "belysning"))  # has "belysningen"
    assert "decision-1" in ids(search(backend, "belysningen"))  # has "belysning"


def test_a_prefix_and_a_phrase_match(backend):
    assert {"minutes-1", "decision-1"} <= ids(search(backend, "bely*"))
    assert ids(search(backend, '"nya bänkar"')) == {"minutes-1", "decision-2"}


@pytest.mark.parametrize("query", ["", "*", "bely*", MEMBERS_TITLE])
def test_members_documents_are_never_shown_to_the_public(backend, query):
    assert "members-1" not in ids(search(backend, query))
    assert "members-1" in ids(search(backend, query, member_of()))


def test_organisation_drafts_are_shown_only_to_that_organisation(backend):
    assert "draft-7" in ids(search(backend, "utkast", member_of(7)))
    assert "draft-7" not in ids(search(backend, "utkast", member_of(8)))
    assert "draft-7" not in ids(search(backend, "utkast"))
    everything = Audience(levels=frozenset({"public", "members", "board"}))
    assert "draft-7" not in ids(search(backend, "", everything))


def test_localized_pages_are_searched_only_in_their_language(backend):
    assert "page-en" not in ids(search(backend, "", language="sv"))
    assert "page-en" in ids(search(backend, "lighting", language="en"))
    assert "minutes-1" in ids(search(backend, "", language="en"))


def test_an_empty_query_lists_everything_visible_newest_first_with_snippets(
    backend,
):
    results = search(backend, "")
    assert [hit.document.id for hit in results.hits] == [
        "decision-2",
        "minutes-1",
        "decision-1",
    ]
    assert results.total == 3
    assert all(hit.snippet for hit in results.hits)
    assert results.hits[0].document.date == datetime.date(2026, 4, 3)


def test_counts_stop_at_the_cap_and_past_it_say_more_than(backend, monkeypatch):
    """As the database backends count: exactly up to the cap, past it the
    cap and "more"; facets still count every match."""
    monkeypatch.setattr(elasticsearch, "COUNT_CAP", 2)
    capped = search(backend, "")
    assert capped.total == 2
    assert capped.more
    assert dict(capped.facets["type"]) == {"decision": 2, "minutes": 1}

    monkeypatch.setattr(elasticsearch, "COUNT_CAP", 3)
    exact = search(backend, "")
    assert exact.total == 3
    assert not exact.more


def test_facets_are_counted_without_their_own_filter(backend):
    results = search(backend, "", filters={"type": ["minutes"], "year": ["2026"]})
    assert ids(results) == {"minutes-1"}
    assert results.total == 1
    assert dict(results.facets["type"]) == {"minutes": 1, "decision": 1}
    assert dict(results.facets["year"]) == {"2026": 1}
    assert dict(results.facets["body"]) == {"Styrelsen": 1}

    either = search(backend, "", filters={"type": ["minutes", "decision"]})
    assert ids(either) == {"minutes-1", "decision-1", "decision-2"}
    assert dict(either.facets["body"]) == {"Styrelsen": 2, "Årsmötet": 1}


def test_the_matched_word_is_marked_in_the_snippet(backend):
    (hit,) = [
        h for h in search(backend, "belysning").hits if h.document.id == "minutes-1"
    ]
    assert "<mark>belysningen</mark>" in hit.snippet
    assert hit.document.body == ""


def test_replace_group_with_nothing_removes_the_group(backend):
    backend.replace_group("meeting-1", [])
    backend.refresh()
    assert ids(search(backend, "")) == {"decision-2"}


def test_replace_group_keeps_only_the_new_documents(backend):
    backend.replace_group("meeting-1", [CORPUS[1]])
    backend.refresh()
    assert ids(search(backend, "")) == {"decision-1", "decision-2"}


def test_delete_removes_documents_by_id(backend):
    backend.delete(["minutes-1", "page-en"])
    backend.refresh()
    assert "minutes-1" not in ids(search(backend, ""))
    assert backend.count() == len(CORPUS) - 2


def test_rebuilding_twice_keeps_one_index_behind_each_alias(backend, prefix):
    backend.rebuild(CORPUS[:2])
    indices = backend.client.indices.get(index=f"{prefix}-*").body
    assert len(indices) == 4
    for language in ("sv", "da", "nb", "en"):
        assert backend.indices_behind(f"{prefix}-{language}") == [
            name for name in indices if name.startswith(f"{prefix}-{language}-")
        ]
    assert backend.count() == 2


# Recovery (issue 18)


class Database:
    """The fallback, as far as these tests need it."""

    name = "database"

    def search(self, request):
        return SearchResults(hits=[], total=0, facets={}, backend="database")


def test_a_fresh_cluster_is_answered_by_the_database_not_as_no_hits(fresh_prefix):
    backend = ElasticsearchBackend(os.environ["ELASTICSEARCH_URL"], prefix=fresh_prefix)
    with pytest.raises(IndexMissingError):
        search(backend, "")
    assert search(FallbackBackend(backend, Database()), "").backend == "database"


def test_lost_indices_are_recreated_by_the_next_write_and_searched_after_a_rebuild(
    fresh_prefix,
):
    backend = ElasticsearchBackend(os.environ["ELASTICSEARCH_URL"], prefix=fresh_prefix)
    backend.rebuild(CORPUS)
    assert ids(search(backend, "")) == {"decision-2", "minutes-1", "decision-1"}
    backend.client.indices.delete(index=f"{fresh_prefix}-*")

    with pytest.raises(IndexMissingError):
        search(backend, "")  # not an empty page: the database answers
    backend.index([CORPUS[0]])  # recreates the indices and writes
    backend.refresh()
    assert backend.count() == 1
    with pytest.raises(IndexMissingError, match="not rebuilt"):
        search(backend, "")  # one document is not the index

    backend.rebuild(CORPUS)
    assert ids(search(backend, "")) == {"decision-2", "minutes-1", "decision-1"}


def test_four_processes_starting_together_can_all_write(fresh_prefix):
    url = os.environ["ELASTICSEARCH_URL"]
    backends = [ElasticsearchBackend(url, prefix=fresh_prefix) for _ in range(4)]
    start = threading.Barrier(4)
    errors = []

    def first_write(backend, document):
        start.wait(timeout=10)
        try:
            backend.index([document])
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [
        threading.Thread(target=first_write, args=(backend, document))
        for backend, document in zip(backends, CORPUS[:4], strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    for language in ("sv", "da", "nb", "en"):
        assert len(backends[0].indices_behind(f"{fresh_prefix}-{language}")) == 1
    backends[0].refresh()
    assert backends[0].count() == 4


def test_documents_without_a_body_add_no_blank_facet_value(backend):
    backend.index(
        [doc("no-body", title="Utan organ", body="", committee="", areas=[""])]
    )
    backend.refresh()
    results = search(backend, "")
    assert "no-body" in ids(results)
    assert dict(results.facets["body"]) == {"Styrelsen": 2, "Årsmötet": 1}
    assert dict(results.facets["area"]) == {}


def test_organisation_ids_past_32_bits_are_indexed_and_filtered(backend):
    big = 2**40 + 7
    backend.index(
        [
            doc(
                "big-org",
                title="Stort id",
                body="",
                visibility="organisation",
                organisation_id=big,
            )
        ]
    )
    backend.refresh()
    assert "big-org" in ids(search(backend, "", member_of(big)))
    assert "big-org" not in ids(search(backend, "", member_of(7)))
