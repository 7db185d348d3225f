"""The Elasticsearch backend without a server: the mapping and query bodies it
builds, how it reads responses, and the requests it sends (through the real
client, to an in-process node that answers like a small cluster)."""

import datetime
import json
import urllib.parse

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse
from elasticsearch import Elasticsearch
from elasticsearch.helpers import BulkIndexError

from search.backends.base import SearchRequest
from search.backends.elasticsearch import (
    ElasticsearchBackend,
    build_search,
    index_settings,
    mapping_for,
    results_from_response,
)
from search.documents import Audience, SearchDocument

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
    "fields": {"title": {}, "body": {"no_match_size": 180}},
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
                "fields": {"raw": {"type": "keyword"}},
            },
            "body": {"type": "text", "analyzer": "swedish", "store": True},
            "language": {"type": "keyword"},
            "localized": {"type": "boolean"},
            "visibility": {"type": "keyword"},
            "organisation_id": {"type": "integer"},
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
        "track_total_hits": True,
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
                    "fields": ["title^3", "body", "committee"],
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


class FakeCluster:
    """Just enough of Elasticsearch's REST API for the backend's writes: indices,
    aliases, bulk, refresh, delete by query, count and search."""

    def __init__(self):
        self.indices: dict[str, dict] = {}
        self.aliases: dict[str, set[str]] = {}
        self.requests: list[tuple[str, str, dict, object]] = []
        self.last_headers = None
        self.fail_bulk = False
        self.search_response = {
            "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}
        }

    def paths(self, method=None):
        return [path for m, path, _, _ in self.requests if method in (None, m)]

    def bodies(self, method, suffix):
        return [
            body
            for m, path, _, body in self.requests
            if m == method and path.endswith(suffix)
        ]

    def bulks(self):
        return [body for _, path, _, body in self.requests if path == "/_bulk"]

    def created(self):
        return [
            path
            for method, path, _, _ in self.requests
            if method == "PUT" and path != "/_bulk"
        ]

    def handle(self, method, path, params, body):
        self.requests.append((method, path, params, body))
        parts = path.strip("/").split("/")
        if parts[0] == "_alias":
            names = [n for n in parts[1].split(",") if n in self.aliases]
            if not names:
                return 404, {"error": "alias missing", "status": 404}
            if method == "HEAD":
                return 200, None
            return 200, {
                index: {"aliases": {name: {}}}
                for name in names
                for index in self.aliases[name]
            }
        if parts[0] == "_aliases":
            for action in body["actions"]:
                (kind, spec), *_ = action.items()
                members = self.aliases.setdefault(spec["alias"], set())
                (members.add if kind == "add" else members.discard)(spec["index"])
            return 200, {"acknowledged": True}
        if parts[0] == "_bulk":
            return 200, self.bulk(body)
        if len(parts) == 1 and method == "PUT":
            self.indices[parts[0]] = body
            for alias in body.get("aliases") or {}:
                self.aliases.setdefault(alias, set()).add(parts[0])
            return 200, {"acknowledged": True, "index": parts[0]}
        if len(parts) == 1 and method == "DELETE":
            for name in parts[0].split(","):
                self.indices.pop(name, None)
                for members in self.aliases.values():
                    members.discard(name)
            return 200, {"acknowledged": True}
        if parts[-1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if parts[-1] == "_delete_by_query":
            return 200, {"deleted": 0, "failures": []}
        if parts[-1] == "_count":
            return 200, {"count": 3}
        if parts[-1] == "_search":
            return 200, self.search_response
        raise AssertionError(f"unexpected request {method} {path}")

    def bulk(self, lines):
        items = []
        for line in lines:
            (op, meta), *_ = line.items()
            if op not in ("index", "delete"):
                continue
            status = 201 if op == "index" else 404
            if self.fail_bulk:
                status = 400
            item = {"_index": meta["_index"], "_id": meta["_id"], "status": status}
            if status == 400:
                item["error"] = {"type": "mapper_parsing_exception"}
            items.append({op: item})
        return {"errors": self.fail_bulk, "took": 1, "items": items}


class FakeNode(BaseNode):
    cluster: FakeCluster
    _CLIENT_META_HTTP_CLIENT = ("fake", "1")

    def perform_request(self, method, target, body=None, headers=None, **options):
        url = urllib.parse.urlsplit(target)
        params = dict(urllib.parse.parse_qsl(url.query))
        text = (body or b"").decode()
        if url.path.endswith("/_bulk"):
            parsed = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            parsed = json.loads(text) if text else None
        self.cluster.last_headers = headers
        status, answer = self.cluster.handle(
            method, urllib.parse.unquote(url.path), params, parsed
        )
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders(
                {
                    "content-type": "application/json",
                    "x-elastic-product": "Elasticsearch",
                }
            ),
            duration=0.0,
            node=self.config,
        )
        data = b"" if answer is None else json.dumps(answer).encode()
        return NodeApiResponse(meta, data)


@pytest.fixture
def cluster():
    return FakeCluster()


@pytest.fixture
def backend(cluster):
    node_class = type("Node", (FakeNode,), {"cluster": cluster})
    client = Elasticsearch("http://es.invalid:9200", node_class=node_class)
    return ElasticsearchBackend("http://es.invalid:9200", prefix="bid", client=client)


def with_old_indices(cluster):
    for language in ("sv", "da", "nb", "en"):
        old = f"bid-{language}-old"
        cluster.indices[old] = {}
        cluster.aliases[f"bid-{language}"] = {old}


def test_requests_ask_for_version_8_compatibility_which_8_and_9_servers_accept(
    backend, cluster
):
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
    assert params["ignore_unavailable"] == "true"
    assert body == build_search(request, ALIASES).to_dict()
    assert body["from"] == 10
    assert results.total == 1
    assert results.hits[0].snippet == "<mark>Belysningen</mark> på torget"
    assert results.facets["type"] == [("page", 1)]


def test_count_counts_across_the_aliases(backend, cluster):
    assert backend.count() == 3
    assert cluster.paths()[-1] == "/" + ",".join(ALIASES) + "/_count"
