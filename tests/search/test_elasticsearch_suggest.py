""" "Did you mean" on Elasticsearch, without a server: the term suggester's
words are offered only once a search over the documents the reader may see
finds them (the suggester itself knows nothing of visibility)."""

import pytest

from search.backends.base import SearchRequest
from search.backends.elasticsearch import (
    ElasticsearchBackend,
    suggest_body,
    visible_query,
    words_found_body,
)
from search.documents import Audience
from tests.search.fake_elasticsearch import FakeCluster, client_of

LANGUAGES = ("sv", "da", "nb", "en")
PUBLIC_ONLY = {
    "bool": {
        "should": [{"terms": {"visibility": ["public"]}}],
        "minimum_should_match": 1,
    }
}


class AnsweringCluster(FakeCluster):
    """Answers its searches in turn from `answers`."""

    def __init__(self, answers):
        super().__init__()
        self.answers = list(answers)
        for language in LANGUAGES:
            self.indices[f"bid-{language}-1"] = {}
            self.aliases[f"bid-{language}"] = {f"bid-{language}-1"}

    def handle(self, method, path, params, body):
        if path.endswith("/_search"):
            self.requests.append((method, path, params, body))
            return 200, self.answers.pop(0)
        return super().handle(method, path, params, body)

    def searches(self):
        return [body for _, path, _, body in self.requests if path.endswith("_search")]


def backend_of(cluster) -> ElasticsearchBackend:
    return ElasticsearchBackend(
        "http://es.invalid:9200", prefix="bid", client=client_of(cluster)
    )


def found(**counts):
    return {
        "aggregations": {
            "found": {"buckets": {w: {"doc_count": n} for w, n in counts.items()}}
        }
    }


def suggested(n, field, word, *options):
    return {
        f"{n}:{field}": [
            {
                "text": word,
                "options": [
                    {"text": text, "score": score, "freq": 1} for text, score in options
                ],
            }
        ]
    }


def suggest(backend, query, audience=None) -> str:
    return backend.suggest(
        SearchRequest(query=query, audience=audience or Audience.public())
    )


def test_both_requests_ask_only_about_documents_the_reader_may_see():
    request = SearchRequest(query="belysnig", audience=Audience.public())
    visible = visible_query(request)
    first = suggest_body(["belysnig"], visible)
    second = words_found_body(["belysning"], visible)
    for body in (first, second):
        assert body["size"] == 0
        assert body["query"]["bool"]["filter"][0] == PUBLIC_ONLY
    assert set(first["suggest"]) == {"0:title.plain", "0:body.plain"}
    assert first["suggest"]["0:body.plain"]["text"] == "belysnig"
    assert first["suggest"]["0:body.plain"]["term"]["field"] == "body.plain"
    assert list(second["aggs"]["found"]["filters"]["filters"]) == ["belysning"]


def test_the_best_suggestion_the_visible_documents_have_replaces_the_word():
    cluster = AnsweringCluster(
        [
            found(belysnig=0, torget=4)
            | {
                "suggest": suggested(
                    1, "body.plain", "belysnig", ("belysningen", 0.8), ("belysnin", 0.7)
                )
                | suggested(1, "title.plain", "belysnig", ("belysning", 0.9))
            },
            # "belysning" is only in documents the reader may not see.
            found(belysning=0, belysningen=3, belysnin=1),
        ]
    )

    assert suggest(backend_of(cluster), "Torget belysnig") == "Torget belysningen"

    first, second = cluster.searches()
    assert set(first["aggs"]["found"]["filters"]["filters"]) == {"belysnig", "torget"}
    checked = second["aggs"]["found"]["filters"]["filters"]
    assert set(checked) == {"belysning", "belysningen", "belysnin"}
    assert second["query"]["bool"]["filter"][0] == PUBLIC_ONLY


def test_no_suggestion_when_no_visible_document_has_a_suggested_word():
    cluster = AnsweringCluster(
        [
            found(hemllig=0)
            | {"suggest": suggested(0, "body.plain", "hemllig", ("hemlig", 0.8))},
            found(hemlig=0),
        ]
    )
    assert suggest(backend_of(cluster), "hemllig") == ""
    assert len(cluster.searches()) == 2


@pytest.mark.parametrize("query", ["belysning", "bely*", "i och", ""])
def test_words_that_are_found_or_not_words_ask_for_nothing_more(query):
    cluster = AnsweringCluster([found(belysning=2)])
    assert suggest(backend_of(cluster), query) == ""
    assert len(cluster.searches()) <= 1
