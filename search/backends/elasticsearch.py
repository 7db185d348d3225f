"""The Elasticsearch search backend: one index per language, each analysed with
that language's built-in analyzer and reached through an alias, so a rebuild
fills fresh indices and swaps the aliases without downtime.

Queries are built with elasticsearch-dsl and sent through the 8.x client, whose
compatibility headers Elasticsearch 8 and 9 both accept.
"""

import contextlib
import datetime
from collections.abc import Iterable

from elasticsearch import ApiError, Elasticsearch, TransportError, helpers
from elasticsearch.dsl import (
    Boolean,
    Date,
    Integer,
    Keyword,
    Mapping,
    Q,
    Search,
    Text,
)

from bid import languages
from search.backends.base import (
    START,
    STOP,
    BaseSearchBackend,
    Hit,
    SearchRequest,
    SearchResults,
    mark_snippet,
)
from search.documents import FACETS, ORGANISATION, Audience, SearchDocument

ANALYZERS = {"sv": "swedish", "da": "danish", "nb": "norwegian", "en": "english"}
# The field each facet counts and filters on.
FACET_FIELDS = {
    "type": "type",
    "body": "committee.raw",
    "year": "year",
    "area": "areas",
    "priority": "priorities",
}
FACET_SIZE = 50
SNIPPET_CHARS = 180
# Highlighting stops here instead of failing on very long bodies (whole PDFs);
# Elasticsearch refuses to analyse more than this by default anyway.
MAX_ANALYZED_OFFSET = 1_000_000
CHUNK = 500
# Searches must fail fast so the database can answer; bulk writes may take long.
BULK_TIMEOUT = 120
QUERY_FLAGS = "AND|OR|NOT|PHRASE|PREFIX|WHITESPACE|PRECEDENCE"
TEXT_FIELDS = ["title^3", "body", "committee"]


def index_settings() -> dict:
    """One shard is plenty for a site's records; replicas follow the cluster
    (none on a single node, so it stays green)."""
    return {"number_of_shards": 1, "auto_expand_replicas": "0-1"}


def mapping_for(language: str) -> dict:
    """The mapping of one language's index.

    `body` is left out of `_source` (it can be a whole PDF) but stored, because
    the highlighter reads a field's text from stored fields when there are any
    and from `_source` otherwise; without `store` bodies would get no snippets.
    """
    analyzer = ANALYZERS[language]
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    mapping.meta("_source", excludes=["body"])
    mapping.field("id", Keyword())
    mapping.field("group", Keyword())
    mapping.field("type", Keyword())
    mapping.field("title", Text(analyzer=analyzer, fields={"raw": Keyword()}))
    mapping.field("body", Text(analyzer=analyzer, store=True))
    mapping.field("language", Keyword())
    mapping.field("localized", Boolean())
    mapping.field("visibility", Keyword())
    mapping.field("organisation_id", Integer())
    mapping.field("committee", Text(analyzer=analyzer, fields={"raw": Keyword()}))
    mapping.field("year", Integer())
    mapping.field("areas", Keyword())
    mapping.field("priorities", Keyword())
    mapping.field("url", Keyword(index=False))
    mapping.field("date", Date())
    return mapping.to_dict()


def source_for(document: SearchDocument) -> dict:
    return {
        "id": document.id,
        "group": document.group,
        "type": document.type,
        "title": document.title,
        "body": document.body,
        "language": document.language,
        "localized": document.localized,
        "visibility": document.visibility,
        "organisation_id": document.organisation_id,
        "committee": document.committee,
        "year": document.year,
        "areas": list(document.areas),
        "priorities": list(document.priorities),
        "url": document.url,
        "date": document.date.isoformat() if document.date else None,
    }


def document_from_source(source: dict) -> SearchDocument:
    """The document back from `_source`; its body is not kept there."""
    date = source.get("date")
    return SearchDocument(
        id=source["id"],
        group=source.get("group", ""),
        type=source.get("type", ""),
        title=source.get("title", ""),
        body="",
        language=source["language"],
        url=source.get("url", ""),
        visibility=source["visibility"],
        organisation_id=source.get("organisation_id"),
        localized=bool(source.get("localized", False)),
        committee=source.get("committee") or "",
        year=source.get("year"),
        areas=list(source.get("areas") or []),
        priorities=list(source.get("priorities") or []),
        date=datetime.date.fromisoformat(date[:10]) if date else None,
    )


def visibility_filter(audience: Audience) -> Q:
    """Part of every query: what this audience may read."""
    levels = sorted(level for level in audience.levels if level != ORGANISATION)
    should = []
    if levels:
        should.append(Q("terms", visibility=levels))
    if audience.organisations:
        should.append(
            Q(
                "bool",
                filter=[
                    Q("term", visibility=ORGANISATION),
                    Q("terms", organisation_id=sorted(audience.organisations)),
                ],
            )
        )
    if not should:
        return Q("match_none")
    return Q("bool", should=should, minimum_should_match=1)


def language_filter(language: str) -> Q:
    """Localised documents match only in the reader's language."""
    return Q(
        "bool",
        should=[Q("term", localized=False), Q("term", language=language)],
        minimum_should_match=1,
    )


def facet_filters(filters: dict[str, list[str]]) -> dict[str, Q]:
    """One filter per chosen facet: its values combined with OR."""
    chosen = {}
    for name in FACETS:
        values = [value for value in filters.get(name) or [] if value]
        if not values:
            continue
        if name == "year":
            values = [int(value) for value in values if str(value).isdigit()]
            if not values:
                chosen[name] = Q("match_none")
                continue
        chosen[name] = Q("terms", **{FACET_FIELDS[name]: values})
    return chosen


def text_query(text: str) -> Q:
    if not text:
        return Q("match_all")
    return Q(
        "simple_query_string",
        query=text,
        fields=TEXT_FIELDS,
        default_operator="and",
        analyze_wildcard=True,
        flags=QUERY_FLAGS,
    )


def build_search(request: SearchRequest, aliases: list[str]) -> Search:
    """The whole search as elasticsearch-dsl, so it can be inspected offline.

    Facet choices go to `post_filter`, which narrows the hits but not the
    aggregations; each facet's aggregation applies the other facets' choices
    itself, which makes the counts disjunctive.
    """
    text = request.text
    search = (
        Search(index=aliases)
        .params(ignore_unavailable=True)
        .query(
            Q(
                "bool",
                must=[text_query(text)],
                filter=[
                    visibility_filter(request.audience),
                    language_filter(request.language),
                ],
            )
        )
    )
    if text:
        # Date and id break ties so pages do not overlap.
        search = search.sort(
            "_score", {"date": {"order": "desc"}}, {"id": {"order": "asc"}}
        )
    else:
        search = search.sort({"date": {"order": "desc"}}, {"id": {"order": "asc"}})

    chosen = facet_filters(request.filters)
    if chosen:
        search = search.post_filter(Q("bool", filter=list(chosen.values())))
    for name in FACETS:
        others = [q for other, q in chosen.items() if other != name]
        scope = Q("bool", filter=others) if others else Q("match_all")
        search.aggs.bucket(name, "filter", filter=scope).bucket(
            "values", "terms", field=FACET_FIELDS[name], size=FACET_SIZE
        )

    search = search.highlight_options(
        pre_tags=[START],
        post_tags=[STOP],
        fragment_size=SNIPPET_CHARS,
        number_of_fragments=1,
        max_analyzed_offset=MAX_ANALYZED_OFFSET,
    )
    search = search.highlight("title").highlight("body", no_match_size=SNIPPET_CHARS)
    search = search.extra(track_total_hits=True)
    return search[request.offset : request.offset + request.per_page]


def results_from_response(response: dict) -> SearchResults:
    """SearchResults from the raw search response."""
    hits = []
    for raw in response["hits"]["hits"]:
        highlight = raw.get("highlight") or {}
        fragment = (highlight.get("body") or highlight.get("title") or [""])[0]
        hits.append(
            Hit(
                document=document_from_source(raw["_source"]),
                snippet=mark_snippet(fragment),
                score=float(raw.get("_score") or 0),
            )
        )
    aggregations = response.get("aggregations") or {}
    facets = {
        name: [
            (str(bucket["key"]), bucket["doc_count"])
            for bucket in aggregations.get(name, {})
            .get("values", {})
            .get("buckets", [])
        ]
        for name in FACETS
    }
    return SearchResults(
        hits=hits,
        total=response["hits"]["total"]["value"],
        facets=facets,
        backend=ElasticsearchBackend.name,
    )


class ElasticsearchBackend(BaseSearchBackend):
    """Writes go to the alias of the document's language; searches read all
    four aliases. Errors propagate: the caller answers from the database."""

    name = "elasticsearch"

    def __init__(self, url: str, prefix: str = "bid", client=None):
        self.prefix = prefix
        self.client = client or Elasticsearch(
            url, request_timeout=5, retry_on_timeout=False, max_retries=1
        )
        self._ready = False

    # Names

    def alias(self, language: str) -> str:
        return f"{self.prefix}-{language}"

    @property
    def aliases(self) -> list[str]:
        return [self.alias(language) for language in languages.codes()]

    def new_index_name(self, language: str) -> str:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
        return f"{self.alias(language)}-{stamp}"

    def indices_behind(self, alias: str) -> list[str]:
        if not self.client.indices.exists_alias(name=alias):
            return []
        return sorted(self.client.indices.get_alias(name=alias).body)

    # Indices

    def _create_index(self, name: str, language: str, *, alias: str | None = None):
        self.client.indices.create(
            index=name,
            settings=index_settings(),
            mappings=mapping_for(language),
            aliases={alias: {}} if alias else None,
        )

    def ensure_indices(self) -> None:
        """Create a language's index and alias when the alias is missing."""
        for language in languages.codes():
            alias = self.alias(language)
            if not self.client.indices.exists_alias(name=alias):
                self._create_index(self.new_index_name(language), language, alias=alias)
        self._ready = True

    def _ensure_ready(self) -> None:
        if not self._ready:
            self.ensure_indices()

    def refresh(self) -> None:
        """Make every write so far searchable (tests, and before deleting by
        query, which sees only refreshed documents)."""
        self.client.indices.refresh(index=self.aliases, ignore_unavailable=True)

    @property
    def _bulk_client(self):
        return self.client.options(request_timeout=BULK_TIMEOUT)

    def _actions(self, documents: Iterable[SearchDocument], indices: dict):
        for document in documents:
            yield {
                "_op_type": "index",
                "_index": indices[document.language],
                "_id": document.id,
                "_source": source_for(document),
            }

    def _stream(self, documents, indices: dict, progress=None, **options) -> int:
        done = 0
        for _ok, _item in helpers.streaming_bulk(
            self._bulk_client,
            self._actions(documents, indices),
            chunk_size=CHUNK,
            **options,
        ):
            done += 1
            if progress and done % CHUNK == 0:
                progress(CHUNK)
        if progress and done % CHUNK:
            progress(done % CHUNK)
        return done

    # Writing

    def index(self, documents: Iterable[SearchDocument]) -> int:
        return self.bulk_index(documents)

    def delete(self, ids: Iterable[str]) -> None:
        """Delete by id in every language's index: ids are unique across them,
        and a delete by id needs no refresh, unlike a delete by query."""
        ids = list(ids)
        if not ids:
            return
        self._ensure_ready()
        actions = (
            {"_op_type": "delete", "_index": alias, "_id": doc_id}
            for doc_id in ids
            for alias in self.aliases
        )
        helpers.bulk(self._bulk_client, actions, chunk_size=CHUNK, ignore_status=404)

    def replace_group(self, group: str, documents: list[SearchDocument]) -> None:
        """Index the new documents first, so the group is never missing from
        results, then delete the ones it no longer has."""
        self._ensure_ready()
        self.index(documents)
        self.refresh()
        self._bulk_client.delete_by_query(
            index=self.aliases,
            ignore_unavailable=True,
            conflicts="proceed",
            query={
                "bool": {
                    "filter": [{"term": {"group": group}}],
                    "must_not": [{"ids": {"values": [d.id for d in documents]}}],
                }
            },
        )

    def bulk_index(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        """Stream into the aliases; `progress(n)` gets the number done per chunk.
        A missing alias fails the write rather than letting Elasticsearch
        create an index of that name with guessed field types."""
        self._ensure_ready()
        indices = {language: self.alias(language) for language in languages.codes()}
        return self._stream(documents, indices, progress, require_alias=True)

    def rebuild(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        """Fill fresh indices, then point every alias at its new index in one
        atomic alias update and drop the old ones: searches never see a
        missing or half-filled index. Writes made during a rebuild go to the
        old indices and are lost with them; the next change re-indexes."""
        new = {
            language: self.new_index_name(language) for language in languages.codes()
        }
        try:
            for language, name in new.items():
                self._create_index(name, language)
            done = self._stream(documents, new, progress)
            self.client.indices.refresh(index=list(new.values()))
            old = {
                language: self.indices_behind(self.alias(language)) for language in new
            }
            actions = []
            for language, name in new.items():
                alias = self.alias(language)
                actions.extend(
                    {"remove": {"index": index, "alias": alias}}
                    for index in old[language]
                )
                actions.append({"add": {"index": name, "alias": alias}})
            self.client.indices.update_aliases(actions=actions)
        except Exception:
            # Drop the half-built indices; the original error is what matters.
            with contextlib.suppress(ApiError, TransportError):
                self.client.indices.delete(
                    index=list(new.values()), ignore_unavailable=True
                )
            raise
        stale = sorted({index for indices in old.values() for index in indices})
        if stale:
            self.client.indices.delete(index=stale)
        self._ready = True
        return done

    # Reading

    def count(self) -> int:
        return self.client.count(index=self.aliases, ignore_unavailable=True)["count"]

    def search(self, request: SearchRequest) -> SearchResults:
        body = build_search(request, self.aliases).to_dict()
        response = self.client.search(
            index=self.aliases, ignore_unavailable=True, **body
        )
        return results_from_response(response.body)


SearchBackend = ElasticsearchBackend
