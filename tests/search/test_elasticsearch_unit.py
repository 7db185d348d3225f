"""The Elasticsearch backend without a server: the mapping and query bodies it
builds, how it reads responses, and the requests it sends (through the real
client, to an in-process node that answers like a small cluster)."""

import datetime
import threading

import pytest
from elasticsearch import TransportError
from elasticsearch.helpers import BulkIndexError

from search.backends.base import COUNT_CAP, SearchRequest
from search.backends.elasticsearch import (
    ElasticsearchBackend,
    IndexMissingError,
    build_search,
    index_settings,
    mapping_for,
    results_from_response,
)
from search.documents import Audience, SearchDocument
from tests.search.fake_elasticsearch import FakeCluster, client_of

ALIASES = ["bid-sv", "bid-da", "bid-nb", "bid-en"]
SORTED_LANGUAGES = ["da", "en", "nb", "sv"]
PUBLIC_ONLY = {
    "bool": {
        "should": [{"terms": {"visibility": ["public"]}}],
        "minimum_should_match": 1,
    }
}
MEMBER_OF_7 = {
    "bool": {
        "should": [
            {"terms": {"visibility": ["members", "public"]}},
            {
                "bool": {
                    "filter": [
                        {"term": {"visibility": "organisation"}},
                        {"terms": {"organisation_id": [7]}},
                    ]
                }
            },
        ],
        "minimum_should_match": 1,
    }
}
BOARD = {
    "bool": {
        "should": [{"terms": {"visibility": ["board", "members", "public"]}}],
        "minimum_should_match": 1,
    }
}
SWEDISH = {
    "bool": {
        "should": [{"term": {"localized": False}}, {"term": {"language": "sv"}}],
        "minimum_should_match": 1,
    }
}
HIGHLIGHT = {
    "pre_tags": ["\x02"],
    "post_tags": ["\x03"],
    "fragment_size": 180,
    "number_of_fragments": 1,
    "max_analyzed_offset": 1_000_000,
    "fields": {
        "title": {},
        "title.plain": {},
        "body.plain": {},
        "body": {"no_match_size": 180},
    },
}


def member_of(*organisations):
    return Audience(
        levels=frozenset({"public", "members"}), organisations=frozenset(organisations)
    )


def document(doc_id, language="sv", **fields):
    fields.setdefault("group", f"group-{doc_id}")
    fields.setdefault("type", "page")
    fields.setdefault("title", f"Title {doc_id}")
    fields.setdefault("body", "Belysningen på torget")
    fields.setdefault("url", f"/{doc_id}/")
    return SearchDocument(id=doc_id, language=language, **fields)


def aggregations(**facets):
    return {
        name: {"values": {"buckets": [{"key": k, "doc_count": n} for k, n in pairs]}}
        for name, pairs in facets.items()
    }


# The mapping


def test_swedish_mapping_analyses_text_in_swedish_and_keeps_body_out_of_source():
    assert mapping_for("sv") == {
        "dynamic": "strict",
        "_source": {"excludes": ["body"]},
        "properties": {
            "id": {"type": "keyword"},
            "group": {"type": "keyword"},
            "type": {"type": "keyword"},
            "title": {
                "type": "text",
                "analyzer": "swedish",
                "fields": {
                    "raw": {"type": "keyword"},
                    "plain": {"type": "text", "analyzer": "standard"},
                },
            },
            "body": {
                "type": "text",
                "analyzer": "swedish",
                "store": True,
                "fields": {
                    "plain": {"type": "text", "analyzer": "standard", "store": True}
                },
            },
            "language": {"type": "keyword"},
            "localized": {"type": "boolean"},
            "visibility": {"type": "keyword"},
            # The model's big integer: "integer" would refuse ids past 2**31.
            "organisation_id": {"type": "long"},
            "committee": {
                "type": "text",
                "analyzer": "swedish",
                "fields": {"raw": {"type": "keyword"}},
            },
            "year": {"type": "integer"},
            "areas": {"type": "keyword"},
            "priorities": {"type": "keyword"},
            "url": {"type": "keyword", "index": False},
            "date": {"type": "date"},
        },
    }


@pytest.mark.parametrize(
    ("language", "analyzer"),
    [("sv", "swedish"), ("da", "danish"), ("nb", "norwegian"), ("en", "english")],
)
def test_each_language_index_uses_its_built_in_analyzer(language, analyzer):
    properties = mapping_for(language)["properties"]
    assert properties["title"]["analyzer"] == analyzer
    assert properties["body"]["analyzer"] == analyzer
    assert properties["committee"]["analyzer"] == analyzer


def test_index_settings_are_one_shard_with_replicas_only_where_there_are_nodes():
    assert index_settings() == {"number_of_shards": 1, "auto_expand_replicas": "0-1"}


# The query


def test_an_anonymous_empty_query_matches_all_public_documents_newest_first():
    body = build_search(SearchRequest(query="", audience=Audience.public()), ALIASES)
    assert body.to_dict() == {
        "query": {
            "bool": {
                "must": [{"match_all": {}}],
                "filter": [PUBLIC_ONLY, SWEDISH],
            }
        },
        "sort": [{"date": {"order": "desc"}}, {"id": {"order": "asc"}}],
        "aggs": {
            name: {
                "filter": {"match_all": {}},
                "aggs": {"values": {"terms": {"field": field, "size": 50}}},
            }
            for name, field in [
                ("type", "type"),
                ("body", "committee.raw"),
                ("year", "year"),
                ("area", "areas"),
                ("priority", "priorities"),
            ]
        },
        "highlight": HIGHLIGHT,
        "track_total_hits": COUNT_CAP,
        "from": 0,
        "size": 10,
    }


def test_a_member_prefix_query_with_filters_counts_facets_disjunctively():
    request = SearchRequest(
        query="belysning*",
        audience=member_of(7),
        filters={"type": ["decision", "minutes"], "year": ["2026"]},
        page=3,
        per_page=20,
    )
    body = build_search(request, ALIASES).to_dict()

    type_filter = {"terms": {"type": ["decision", "minutes"]}}
    year_filter = {"terms": {"year": [2026]}}
    assert body["query"]["bool"] == {
        "must": [
            {
                "simple_query_string": {
                    "query": "belysning*",
                    "fields": [
                        "title^3",
                        "body",
                        "committee",
                        "title.plain^0.5",
                        "body.plain^0.2",
                    ],
                    "default_operator": "and",
                    "analyze_wildcard": True,
                    "flags": "AND|OR|NOT|PHRASE|PREFIX|WHITESPACE|PRECEDENCE",
                }
            }
        ],
        "filter": [MEMBER_OF_7, SWEDISH],
    }
    assert body["post_filter"] == {"bool": {"filter": [type_filter, year_filter]}}
    assert body["aggs"]["type"]["filter"] == {"bool": {"filter": [year_filter]}}
    assert body["aggs"]["year"]["filter"] == {"bool": {"filter": [type_filter]}}
    assert body["aggs"]["body"]["filter"] == {
        "bool": {"filter": [type_filter, year_filter]}
    }
    assert body["highlight"]["pre_tags"] == ["\x02"]
    assert body["sort"][0] == "_score"
    assert (body["from"], body["size"]) == (40, 20)


def test_facet_filters_use_the_keyword_fields_and_ignore_empty_choices():
    request = SearchRequest(
        query="x",
        audience=Audience.public(),
        filters={"body": ["Styrelsen"], "area": ["Torget"], "priority": [], "x": ["y"]},
    )
    assert build_search(request, ALIASES).to_dict()["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"committee.raw": ["Styrelsen"]}},
                {"terms": {"areas": ["Torget"]}},
            ]
        }
    }


def test_a_year_that_is_not_a_number_matches_nothing_instead_of_failing():
    request = SearchRequest(
        query="", audience=Audience.public(), filters={"year": ["nonsense"]}
    )
    body = build_search(request, ALIASES).to_dict()
    assert body["post_filter"] == {"bool": {"filter": [{"match_none": {}}]}}


@pytest.mark.parametrize("query", ["", "*", "bely*", '"ett protokoll"', "-x", "a OR b"])
@pytest.mark.parametrize(
    ("audience", "visibility"),
    [
        (Audience.public(), PUBLIC_ONLY),
        (member_of(7), MEMBER_OF_7),
        (Audience(levels=frozenset({"public", "members", "board"})), BOARD),
        (Audience(levels=frozenset(), organisations=frozenset()), {"match_none": {}}),
    ],
    ids=["public", "member-of-7", "board", "nobody"],
)
def test_the_visibility_filter_is_part_of_every_query(query, audience, visibility):
    request = SearchRequest(query=query, audience=audience, filters={"type": ["x"]})
    assert (
        visibility
        in build_search(request, ALIASES).to_dict()["query"]["bool"]["filter"]
    )


def test_the_organisation_level_alone_opens_no_organisation_private_records():
    audience = Audience(levels=frozenset({"public", "organisation"}))
    body = build_search(SearchRequest(query="", audience=audience), ALIASES).to_dict()
    assert body["query"]["bool"]["filter"][0] == PUBLIC_ONLY


# The response


def test_a_response_becomes_results_with_safe_snippets_and_disjunctive_facets():
    response = {
        "hits": {
            "total": {"value": 42, "relation": "eq"},
            "max_score": 2.5,
            "hits": [
                {
                    "_index": "bid-sv-20260101",
                    "_id": "minutes-1",
                    "_score": 2.5,
                    "_source": {
                        "id": "minutes-1",
                        "group": "meeting-1",
                        "type": "minutes",
                        "title": "Protokoll",
                        "language": "sv",
                        "localized": False,
                        "visibility": "organisation",
                        "organisation_id": 7,
                        "committee": "Styrelsen",
                        "year": 2026,
                        "areas": ["Torget"],
                        "priorities": [],
                        "url": "/m/1/",
                        "date": "2026-03-01",
                    },
                    "highlight": {
                        "title": ["\x02Protokoll\x03"],
                        "body": ["a < b \x02belysning\x03"],
                    },
                },
                {
                    "_id": "page-2",
                    "_score": None,
                    "_source": {
                        "id": "page-2",
                        "group": "page-2",
                        "type": "page",
                        "title": "Om <oss>",
                        "language": "en",
                        "localized": True,
                        "visibility": "public",
                        "url": "/en/about/",
                    },
                    "highlight": {"title": ["Om <\x02oss\x03>"]},
                },
                {
                    "_id": "page-3",
                    "_score": 1.0,
                    "_source": {
                        "id": "page-3",
                        "group": "page-3",
                        "type": "page",
                        "title": "Tom",
                        "language": "da",
                        "visibility": "members",
                        "url": "/da/",
                    },
                },
            ],
        },
        "aggregations": aggregations(
            type=[("minutes", 30), ("decision", 12)],
            body=[("Styrelsen", 42)],
            year=[(2026, 40), (2025, 2)],
            area=[],
            priority=[("Trygghet", 3)],
        ),
    }

    results = results_from_response(response)

    assert results.total == 42
    assert not results.more
    assert results.backend == "elasticsearch"
    assert [hit.snippet for hit in results.hits] == [
        "a &lt; b <mark>belysning</mark>",
        "Om &lt;<mark>oss</mark>&gt;",
        "",
    ]
    assert [hit.score for hit in results.hits] == [2.5, 0.0, 1.0]
    first = results.hits[0].document
    assert first == SearchDocument(
        id="minutes-1",
        group="meeting-1",
        type="minutes",
        title="Protokoll",
        body="",
        language="sv",
        url="/m/1/",
        visibility="organisation",
        organisation_id=7,
        committee="Styrelsen",
        year=2026,
        areas=["Torget"],
        date=datetime.date(2026, 3, 1),
    )
    assert results.hits[1].document.localized is True
    assert results.facets == {
        "type": [("minutes", 30), ("decision", 12)],
        "body": [("Styrelsen", 42)],
        "year": [("2026", 40), ("2025", 2)],
        "area": [],
        "priority": [("Trygghet", 3)],
    }


# Requests, through the real client to an in-process node


@pytest.fixture
def cluster():
    return FakeCluster()


@pytest.fixture
def backend(cluster):
    return ElasticsearchBackend(
        "http://es.invalid:9200", prefix="bid", client=client_of(cluster)
    )


def with_old_indices(cluster):
    for language in ("sv", "da", "nb", "en"):
        old = f"bid-{language}-old"
        cluster.indices[old] = {}
        cluster.aliases[f"bid-{language}"] = {old}


def test_requests_ask_for_version_8_compatibility_which_8_and_9_servers_accept(
    backend, cluster
):
    with_old_indices(cluster)
    backend.count()
    assert cluster.last_headers["accept"] == (
        "application/vnd.elasticsearch+json; compatible-with=8"
    )


def test_the_first_write_creates_missing_indices_behind_their_aliases(backend, cluster):
    cluster.indices["bid-sv-old"] = {}
    cluster.aliases["bid-sv"] = {"bid-sv-old"}

    backend.index([document("a", "da")])
    backend.index([document("b", "en")])

    created = cluster.created()
    assert len(created) == 3
    for language in ("da", "nb", "en"):
        (name,) = cluster.aliases[f"bid-{language}"]
        assert name.startswith(f"bid-{language}-") and f"/{name}" in created
        assert cluster.indices[name]["mappings"] == mapping_for(language)
        assert cluster.indices[name]["settings"] == index_settings()
    assert cluster.aliases["bid-sv"] == {"bid-sv-old"}


def test_index_writes_each_document_to_its_language_alias_by_id(backend, cluster):
    with_old_indices(cluster)
    count = backend.index(
        [document("a", "sv", date=datetime.date(2026, 3, 1)), document("b", "nb")]
    )
    assert count == 2
    (lines,) = cluster.bulks()
    (params,) = [params for _, path, params, _ in cluster.requests if path == "/_bulk"]
    assert params["require_alias"] == "true"
    assert lines[0] == {"index": {"_index": "bid-sv", "_id": "a"}}
    assert lines[1]["date"] == "2026-03-01" and lines[1]["year"] == 2026
    assert lines[1]["body"] == "Belysningen på torget"
    assert lines[2] == {"index": {"_index": "bid-nb", "_id": "b"}}


def test_delete_removes_the_ids_from_every_language_and_ignores_missing_ones(
    backend, cluster
):
    with_old_indices(cluster)
    backend.delete(["a", "b"])
    (lines,) = cluster.bulks()
    assert lines == [
        {"delete": {"_index": alias, "_id": doc_id}}
        for doc_id in ("a", "b")
        for alias in ALIASES
    ]


def test_replace_group_indexes_the_new_documents_then_deletes_the_rest(
    backend, cluster
):
    with_old_indices(cluster)
    backend.replace_group("meeting-1", [document("m1", group="meeting-1")])

    endpoints = [path.rsplit("/", 1)[-1] for path in cluster.paths()]
    bulk, refresh = endpoints.index("_bulk"), endpoints.index("_refresh")
    delete = endpoints.index("_delete_by_query")
    assert bulk < refresh < delete
    (query,) = cluster.bodies("POST", "/_delete_by_query")
    assert query == {
        "query": {
            "bool": {
                "filter": [{"term": {"group": "meeting-1"}}],
                "must_not": [{"ids": {"values": ["m1"]}}],
            }
        }
    }
    _, path, params, _ = cluster.requests[delete]
    assert path == "/" + ",".join(ALIASES) + "/_delete_by_query"
    assert params["conflicts"] == "proceed"


def test_replace_group_with_no_documents_deletes_the_whole_group(backend, cluster):
    with_old_indices(cluster)
    backend.replace_group("meeting-1", [])
    (query,) = cluster.bodies("POST", "/_delete_by_query")
    assert query["query"]["bool"]["must_not"] == [{"ids": {"values": []}}]
    assert not cluster.bulks()


def test_rebuild_fills_new_indices_then_swaps_every_alias_and_drops_the_old(
    backend, cluster
):
    with_old_indices(cluster)
    progress = []
    documents = [
        document(f"d{i}", ("sv", "da", "nb", "en")[i % 4]) for i in range(1100)
    ]

    assert backend.rebuild(documents, progress=progress.append) == 1100

    assert progress == [500, 500, 100]
    (update,) = cluster.bodies("POST", "/_aliases")
    actions = update["actions"]
    for language in ("sv", "da", "nb", "en"):
        alias = f"bid-{language}"
        (new,) = cluster.aliases[alias]
        assert new.startswith(f"{alias}-") and new != f"{alias}-old"
        assert {"remove": {"index": f"{alias}-old", "alias": alias}} in actions
        assert {"add": {"index": new, "alias": alias}} in actions
        assert f"{alias}-old" not in cluster.indices
    assert sorted(cluster.indices) == sorted(
        name for members in cluster.aliases.values() for name in members
    )
    written = [
        line["index"]["_index"]
        for lines in cluster.bulks()
        for line in lines
        if "index" in line
    ]
    assert len(written) == 1100
    assert all(name.count("-") == 2 for name in written)  # indices, not aliases
    deletes = cluster.paths("DELETE")
    assert deletes == ["/" + ",".join(f"bid-{lang}-old" for lang in SORTED_LANGUAGES)]


def test_rebuild_on_an_empty_cluster_only_adds_aliases(backend, cluster):
    backend.rebuild([document("a")])
    (update,) = cluster.bodies("POST", "/_aliases")
    assert [next(iter(action)) for action in update["actions"]] == ["add"] * 4
    assert cluster.paths("DELETE") == []
    assert len(cluster.indices) == 4


def test_a_failed_rebuild_drops_its_new_indices_and_keeps_the_aliases(backend, cluster):
    with_old_indices(cluster)
    cluster.fail_bulk = True

    with pytest.raises(BulkIndexError):
        backend.rebuild([document("a")])

    assert sorted(cluster.indices) == [f"bid-{lang}-old" for lang in SORTED_LANGUAGES]
    assert cluster.aliases["bid-sv"] == {"bid-sv-old"}
    assert cluster.bodies("POST", "/_aliases") == []


def test_search_reads_all_four_aliases_and_returns_parsed_results(backend, cluster):
    with_old_indices(cluster)
    cluster.search_response = {
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "hits": [
                {
                    "_id": "a",
                    "_score": 1.5,
                    "_source": {
                        "id": "a",
                        "group": "g",
                        "type": "page",
                        "title": "Belysning",
                        "language": "sv",
                        "visibility": "public",
                        "url": "/a/",
                    },
                    "highlight": {"body": ["\x02Belysningen\x03 på torget"]},
                }
            ],
        },
        "aggregations": aggregations(type=[("page", 1)]),
    }
    request = SearchRequest(query="belysning", audience=Audience.public(), page=2)

    results = backend.search(request)

    _, path, params, body = cluster.requests[-1]
    assert path == "/" + ",".join(ALIASES) + "/_search"
    # A missing index must fail the search, not answer "no hits".
    assert "ignore_unavailable" not in params
    assert body == build_search(request, ALIASES, timeout="2500ms").to_dict()
    assert body["timeout"] == "2500ms"  # half the client's 5 s
    assert body["from"] == 10
    assert results.total == 1
    assert results.hits[0].snippet == "<mark>Belysningen</mark> på torget"
    assert results.facets["type"] == [("page", 1)]


def test_counts_stop_at_the_cap_and_past_it_say_more_than(backend, cluster):
    """As the database backends count: exactly up to COUNT_CAP, and past it
    the cap with "more" (Elasticsearch's relation "gte")."""
    with_old_indices(cluster)
    cluster.search_response = {
        "hits": {"total": {"value": COUNT_CAP, "relation": "gte"}, "hits": []},
        "aggregations": aggregations(type=[("minutes", 4000), ("page", 900)]),
    }
    request = SearchRequest(query="belysning", audience=Audience.public())

    results = backend.search(request)

    assert cluster.requests[-1][3]["track_total_hits"] == COUNT_CAP
    assert results.total == COUNT_CAP
    assert results.more
    # Facets count every match, as before.
    assert results.facets["type"] == [("minutes", 4000), ("page", 900)]

    cluster.search_response = {
        "hits": {"total": {"value": COUNT_CAP, "relation": "eq"}, "hits": []}
    }
    exact = backend.search(request)
    assert exact.total == COUNT_CAP
    assert not exact.more


def test_count_counts_across_the_aliases(backend, cluster):
    with_old_indices(cluster)
    assert backend.count() == 3
    assert cluster.paths()[-1] == "/" + ",".join(ALIASES) + "/_count"


# Recovery (issue 18): missing indices, blank facet values, starting together,
# lost indices, 429s and slow answers


def test_a_search_with_a_missing_alias_raises_instead_of_answering_no_hits(
    backend, cluster
):
    with_old_indices(cluster)
    cluster.aliases["bid-nb"].clear()

    with pytest.raises(IndexMissingError):
        backend.search(SearchRequest(query="", audience=Audience.public()))

    assert not [path for path in cluster.paths() if path.endswith("/_search")]


def test_an_index_lost_between_checks_fails_the_search_and_the_next_write_recreates_it(
    backend, cluster
):
    with_old_indices(cluster)
    backend.index([document("a")])
    request = SearchRequest(query="", audience=Audience.public())
    backend.search(request)  # the aliases are checked and trusted for a while
    cluster.lose_everything()

    with pytest.raises(IndexMissingError):
        backend.search(request)

    backend.index([document("b")])
    assert cluster.aliases["bid-sv"] == {"bid-sv-partial"}


def test_a_search_over_indices_no_rebuild_filled_goes_to_the_database(backend, cluster):
    backend.index([document("a")])  # creates the partial indices
    with pytest.raises(IndexMissingError, match="not rebuilt"):
        backend.search(SearchRequest(query="", audience=Audience.public()))

    backend.rebuild([document("a")])
    backend.search(SearchRequest(query="", audience=Audience.public()))
    assert "bid-sv-partial" not in cluster.indices


def test_writes_recover_after_the_indices_are_lost(backend, cluster):
    with_old_indices(cluster)
    backend.index([document("a")])
    cluster.lose_everything()

    assert backend.index([document("b"), document("c", "en")]) == 2

    assert cluster.aliases["bid-sv"] == {"bid-sv-partial"}
    assert cluster.aliases["bid-en"] == {"bid-en-partial"}
    sent = [
        line["index"]["_id"]
        for lines in cluster.bulks()
        for line in lines
        if "index" in line
    ]
    assert sent == ["a", "b", "c", "b", "c"]  # refused once, then written
    assert backend.index([document("d")]) == 1  # and ready for the next


def test_processes_starting_together_leave_each_alias_over_one_index(cluster):
    backends = [
        ElasticsearchBackend(
            "http://es.invalid", prefix="bid", client=client_of(cluster)
        )
        for _ in range(4)
    ]
    # Every backend sees the aliases missing before any of them creates one.
    cluster.alias_barrier = threading.Barrier(4)
    errors = []

    def start(backend):
        try:
            backend.ensure_indices()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=start, args=(b,)) for b in backends]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cluster.alias_barrier = None

    assert errors == []
    assert len(cluster.created()) == 16  # four tries per language, one succeeds
    for language in ("sv", "da", "nb", "en"):
        assert cluster.aliases[f"bid-{language}"] == {f"bid-{language}-partial"}
    assert sorted(cluster.indices) == [
        f"bid-{lang}-partial" for lang in SORTED_LANGUAGES
    ]
    for backend in backends:
        assert backend.index([document("a")]) == 1


def test_documents_without_a_body_index_no_blank_facet_value(backend, cluster):
    with_old_indices(cluster)
    backend.index([document("a", committee="", areas=["", "Torget"], priorities=[""])])
    (lines,) = cluster.bulks()
    assert lines[1]["committee"] is None
    assert lines[1]["areas"] == ["Torget"]
    assert lines[1]["priorities"] == []


def test_blank_facet_values_from_older_indices_are_not_offered():
    response = {
        "hits": {"total": {"value": 5}, "hits": []},
        "aggregations": aggregations(body=[("", 4), ("Styrelsen", 1)], area=[(" ", 2)]),
    }
    facets = results_from_response(response).facets
    assert facets["body"] == [("Styrelsen", 1)]
    assert facets["area"] == []


def test_bulk_writes_retry_documents_refused_with_429(backend, cluster):
    with_old_indices(cluster)
    backend.bulk_backoff = 0
    cluster.reject_bulk_items = 2

    assert backend.index([document("a"), document("b"), document("c")]) == 3

    first, second = cluster.bulks()
    assert [line["index"]["_id"] for line in second if "index" in line] == ["a", "b"]


def test_bulk_writes_give_up_after_the_retries(backend, cluster):
    with_old_indices(cluster)
    backend.bulk_backoff = 0
    cluster.reject_bulk_items = 100

    with pytest.raises(BulkIndexError):
        backend.index([document("a")])
    assert len(cluster.bulks()) == 1 + backend.bulk_retries


def test_replace_group_refreshes_only_the_index_it_wrote(backend, cluster):
    with_old_indices(cluster)
    backend.replace_group("g", [document("a", "nb")])
    assert [p for p in cluster.paths() if p.endswith("/_refresh")] == [
        "/bid-nb/_refresh"
    ]


def test_a_search_the_server_stopped_at_its_timeout_is_an_error(backend, cluster):
    with_old_indices(cluster)
    cluster.search_response = {
        "timed_out": True,
        "hits": {"total": {"value": 1}, "hits": []},
    }
    with pytest.raises(TransportError, match="timed out"):
        backend.search(SearchRequest(query="x", audience=Audience.public()))


def test_the_server_side_timeout_follows_the_client_timeout():
    backend = ElasticsearchBackend("http://es.invalid:9200", timeout=2)
    assert backend.search_timeout == "1000ms"


def test_a_prefix_longer_than_the_stem_gets_its_snippet_from_the_plain_words():
    response = {
        "hits": {
            "total": {"value": 1},
            "hits": [
                {
                    "_id": "a",
                    "_source": {"id": "a", "language": "sv", "visibility": "public"},
                    "highlight": {
                        "body": ["Belysningen längs Kajstigen"],  # no_match_size
                        "body.plain": ["Belysningen längs \x02Kajstigen\x03"],
                    },
                }
            ],
        }
    }
    (hit,) = results_from_response(response).hits
    assert hit.snippet == "Belysningen längs <mark>Kajstigen</mark>"
