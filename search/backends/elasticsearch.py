"""The Elasticsearch search backend: one index per language, each analysed with
that language's built-in analyzer and reached through an alias, so a rebuild
fills fresh indices and swaps the aliases without downtime.

Queries are built with elasticsearch-dsl and sent through the 8.x client, whose
compatibility headers Elasticsearch 8 and 9 both accept.

Recovery: a search raises `IndexMissingError` unless every alias points at an
index a rebuild filled, so the database answers instead of an empty or partial
index; a write that finds its alias gone recreates it (as a "partial" index)
and is sent again.
"""

import contextlib
import datetime
import logging
import threading
import time
from collections.abc import Iterable

from elasticsearch import ApiError, Elasticsearch, TransportError, helpers
from elasticsearch.dsl import (
    Boolean,
    Date,
    Integer,
    Keyword,
    Long,
    Mapping,
    Q,
    Search,
    Text,
)
from elasticsearch.helpers import BulkIndexError

from bid import languages
from search.backends.base import (
    COUNT_CAP,
    START,
    STOP,
    BaseSearchBackend,
    Hit,
    SearchRequest,
    SearchResults,
    mark_snippet,
    replace_words,
    suggestible_words,
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
# Documents the cluster rejects with 429 (too many requests) are sent again
# this many times, after 2, 4 and 8 seconds.
BULK_RETRIES = 3
BULK_BACKOFF = 2
# An index created by a write rather than a rebuild has this name: the same in
# every process, so processes starting together create it once, and searches
# know not to trust it (it holds only what was written since).
PARTIAL = "partial"
# How long a process trusts its last look at the aliases before searching.
ALIAS_CHECK_SECONDS = 30

logger = logging.getLogger("search")
QUERY_FLAGS = "AND|OR|NOT|PHRASE|PREFIX|WHITESPACE|PRECEDENCE"
# The `plain` fields hold the words unstemmed, for prefixes longer than the
# stem of the word they start ("kajsti*" for "Kajstigen", stemmed "kajst");
# their low boosts keep a title match above a body match.
TEXT_FIELDS = ["title^3", "body", "committee", "title.plain^0.5", "body.plain^0.2"]
# Where a snippet may come from, best first.
SNIPPET_FIELDS = ["body", "body.plain", "title", "title.plain"]


def index_settings() -> dict:
    """One shard is plenty for a site's records; replicas follow the cluster
    (none on a single node, so it stays green)."""
    return {"number_of_shards": 1, "auto_expand_replicas": "0-1"}


def mapping_for(language: str) -> dict:
    """The mapping of one language's index.

    `body` is left out of `_source` (it can be a whole PDF) but stored, because
    the highlighter reads a field's text from stored fields when there are any
    and from `_source` otherwise; without `store` bodies would get no snippets.
    `body.plain` is stored too, for snippets of prefix matches: a sub-field
    does not read its parent's stored text.
    """
    analyzer = ANALYZERS[language]
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    mapping.meta("_source", excludes=["body"])
    mapping.field("id", Keyword())
    mapping.field("group", Keyword())
    mapping.field("type", Keyword())
    plain = Text(analyzer="standard")
    mapping.field(
        "title", Text(analyzer=analyzer, fields={"raw": Keyword(), "plain": plain})
    )
    mapping.field(
        "body",
        Text(
            analyzer=analyzer,
            store=True,
            fields={"plain": Text(analyzer="standard", store=True)},
        ),
    )
    mapping.field("language", Keyword())
    mapping.field("localized", Boolean())
    mapping.field("visibility", Keyword())
    mapping.field("organisation_id", Long())
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
        # Blank values are left out, so no facet counts an unlabelled value.
        "committee": document.committee or None,
        "year": document.year,
        "areas": [area for area in document.areas if area],
        "priorities": [priority for priority in document.priorities if priority],
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


def build_search(
    request: SearchRequest, aliases: list[str], *, timeout: str | None = None
) -> Search:
    """The whole search as elasticsearch-dsl, so it can be inspected offline.

    Facet choices go to `post_filter`, which narrows the hits but not the
    aggregations; each facet's aggregation applies the other facets' choices
    itself, which makes the counts disjunctive. `timeout` (e.g. "2500ms") makes
    the server stop collecting and answer `timed_out`, before the client gives up.
    """
    text = request.text
    search = Search(index=aliases).query(
        Q(
            "bool",
            must=[text_query(text)],
            filter=[
                visibility_filter(request.audience),
                language_filter(request.language),
            ],
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
    search = search.highlight("title", "title.plain", "body.plain").highlight(
        "body", no_match_size=SNIPPET_CHARS
    )
    # Counted exactly up to the cap, as the database backends count: past
    # it the total is the cap with the relation "gte" (more than that).
    search = search.extra(track_total_hits=COUNT_CAP)
    if timeout:
        search = search.extra(timeout=timeout)
    return search[request.offset : request.offset + request.per_page]


def results_from_response(response: dict) -> SearchResults:
    """SearchResults from the raw search response."""
    hits = []
    for raw in response["hits"]["hits"]:
        highlight = raw.get("highlight") or {}
        fragments = [(highlight.get(field) or [""])[0] for field in SNIPPET_FIELDS]
        # The first with a marked word; else the body's opening (no_match_size).
        fragment = next((f for f in fragments if START in f), fragments[0])
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
            # Indices built before blank values were left out still hold them.
            if str(bucket["key"]).strip()
        ]
        for name in FACETS
    }
    total = response["hits"]["total"]
    return SearchResults(
        hits=hits,
        total=min(total["value"], COUNT_CAP),
        facets=facets,
        backend=ElasticsearchBackend.name,
        more=total.get("relation") == "gte",
    )


# "Did you mean": the term suggester reads the unstemmed words, and each
# word it offers is checked against the documents the reader may see, as the
# suggester itself knows nothing of visibility.
SUGGEST_FIELDS = ["title.plain", "body.plain"]
SUGGESTION_CANDIDATES = 8


def visible_query(request: SearchRequest) -> Q:
    return Q(
        "bool",
        filter=[
            visibility_filter(request.audience),
            language_filter(request.language),
        ],
    )


def words_found_body(words: list[str], visible: Q) -> dict:
    """A search for nothing but, per word, how many of the visible
    documents it matches (a `filters` aggregation keyed by the word)."""
    return {
        "size": 0,
        "query": visible.to_dict(),
        "aggs": {
            "found": {
                "filters": {
                    "filters": {word: text_query(word).to_dict() for word in words}
                }
            }
        },
    }


def suggest_body(words: list[str], visible: Q) -> dict:
    """Which of the query's words the visible documents have, and the words
    of the index like each one."""
    body = words_found_body(words, visible)
    body["suggest"] = {
        f"{n}:{field}": {
            "text": word,
            "term": {
                "field": field,
                "suggest_mode": "always",
                "size": SUGGESTION_CANDIDATES,
                "min_word_length": 3,
            },
        }
        for n, word in enumerate(words)
        for field in SUGGEST_FIELDS
    }
    return body


def words_found(response: dict) -> set[str]:
    buckets = response.get("aggregations", {}).get("found", {}).get("buckets", {})
    return {word for word, bucket in buckets.items() if bucket["doc_count"]}


def suggested_words(response: dict, words: list[str]) -> dict[str, list[str]]:
    """Each word's suggestions from every field, best first."""
    suggested = response.get("suggest") or {}
    found = {}
    for n, word in enumerate(words):
        options = [
            option
            for field in SUGGEST_FIELDS
            for entry in suggested.get(f"{n}:{field}", [])
            for option in entry.get("options", [])
        ]
        options.sort(key=lambda o: (-o.get("score", 0), -o.get("freq", 0), o["text"]))
        found[word] = list(
            dict.fromkeys(o["text"] for o in options if o["text"] != word)
        )
    return found


class IndexMissingError(Exception):
    """An alias is missing, or points at an index no rebuild filled: the
    database must answer (and `manage.py search_index rebuild` be run)."""


def error_type(error: Exception) -> str:
    """The Elasticsearch error type of an API error ("" for other errors)."""
    body = getattr(error, "body", None)
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return body["error"].get("type", "")
    return ""


def index_missing(error: Exception) -> bool:
    """Whether a request failed because an index or alias does not exist."""
    if isinstance(error, BulkIndexError):
        return any(
            (item.get("error") or {}).get("type") == "index_not_found_exception"
            for failure in error.errors
            for item in failure.values()
        )
    return error_type(error) == "index_not_found_exception"


class ElasticsearchBackend(BaseSearchBackend):
    """Writes go to the alias of the document's language; searches read all
    four aliases. Errors propagate: the caller answers from the database."""

    name = "elasticsearch"
    bulk_retries = BULK_RETRIES
    bulk_backoff = BULK_BACKOFF

    def __init__(
        self, url: str, prefix: str = "bid", client=None, *, timeout: float = 5
    ):
        self.prefix = prefix
        self.client = client or Elasticsearch(
            url, request_timeout=timeout, retry_on_timeout=False, max_retries=1
        )
        # The server stops a search at half the client's patience, so a slow
        # cluster answers `timed_out` instead of leaving the client waiting.
        self.search_timeout = f"{max(int(timeout * 500), 1)}ms"
        self._ready = False
        self._lock = threading.Lock()
        self._searchable_until = 0.0

    # Names

    def alias(self, language: str) -> str:
        return f"{self.prefix}-{language}"

    @property
    def aliases(self) -> list[str]:
        return [self.alias(language) for language in languages.codes()]

    def new_index_name(self, language: str) -> str:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
        return f"{self.alias(language)}-{stamp}"

    def partial_index_name(self, language: str) -> str:
        return f"{self.alias(language)}-{PARTIAL}"

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
        """Create a language's index and alias when the alias is missing.

        Safe when several processes start at once: the index created here has
        the same name in all of them, so one creation succeeds, the others
        find it already there, and the alias ends up over exactly one index.
        """
        for language in languages.codes():
            alias = self.alias(language)
            if self.client.indices.exists_alias(name=alias):
                continue
            name = self.partial_index_name(language)
            try:
                self._create_index(name, language, alias=alias)
            except ApiError as error:
                if error_type(error) != "resource_already_exists_exception":
                    raise
                # Created by another process, with its alias; adding the alias
                # again changes nothing, and restores it if it was removed.
                self.client.indices.put_alias(index=name, name=alias)
            logger.warning(
                "Elasticsearch index %s created for writes; searches use the "
                "database until manage.py search_index rebuild fills it",
                name,
            )
        self._ready = True

    def _ensure_ready(self) -> None:
        if not self._ready:
            with self._lock:
                if not self._ready:
                    self.ensure_indices()

    def forget_indices(self) -> None:
        """Look at the cluster again before the next write and search."""
        self._ready = False
        self._searchable_until = 0.0

    def _recovering(self, write):
        """Run `write`; if an index was missing, recreate it and run it again."""
        try:
            return write()
        except (ApiError, BulkIndexError) as error:
            if not index_missing(error):
                raise
            logger.warning("Elasticsearch index missing; recreating it")
            self.forget_indices()
        return write()

    def refresh(self, aliases: list[str] | None = None) -> None:
        """Make every write so far searchable (tests, and before deleting by
        query, which sees only refreshed documents)."""
        self.client.indices.refresh(
            index=aliases or self.aliases, ignore_unavailable=True
        )

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

    def _stream(
        self, actions, progress=None, ignore_status: tuple = (), **options
    ) -> int:
        """Send the actions in chunks; documents refused with 429 are sent
        again with a growing pause (BULK_RETRIES times, from BULK_BACKOFF
        seconds). The client's helper retries only when it does not raise on
        the first refused document, so failures are collected here and raised
        together at the end."""
        done = 0
        failed = []
        for ok, item in helpers.streaming_bulk(
            self._bulk_client,
            actions,
            chunk_size=CHUNK,
            max_retries=self.bulk_retries,
            initial_backoff=self.bulk_backoff,
            raise_on_error=False,
            **options,
        ):
            done += 1
            if not ok and next(iter(item.values())).get("status") not in ignore_status:
                failed.append(item)
            if progress and done % CHUNK == 0:
                progress(CHUNK)
        if progress and done % CHUNK:
            progress(done % CHUNK)
        if failed:
            raise BulkIndexError(f"{len(failed)} document(s) failed to index.", failed)
        return done

    # Writing

    def index(self, documents: Iterable[SearchDocument]) -> int:
        documents = list(documents)
        return self._recovering(lambda: self.bulk_index(documents))

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
        self._stream(actions, ignore_status=(404,))

    def replace_group(self, group: str, documents: list[SearchDocument]) -> None:
        """Index the new documents first, so the group is never missing from
        results, then delete the ones it no longer has.

        Only the indices written are refreshed (a group's documents keep their
        languages); with nothing written, all are, as the group's last
        documents may be in any of them."""
        self._ensure_ready()
        self.index(documents)
        written = sorted({self.alias(d.language) for d in documents})
        self.refresh(written or None)
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
        return self._stream(
            self._actions(documents, indices), progress, require_alias=True
        )

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
            done = self._stream(self._actions(documents, new), progress)
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
        self._searchable_until = 0.0
        return done

    # Reading

    def check_searchable(self) -> None:
        """Raise IndexMissingError unless every alias points at an index a
        rebuild filled. The answer is kept for ALIAS_CHECK_SECONDS."""
        if time.monotonic() < self._searchable_until:
            return
        try:
            behind = self.client.indices.get_alias(name=self.aliases).body
        except ApiError as error:
            if error.status_code != 404:
                raise
            self.forget_indices()
            raise IndexMissingError(f"an alias of {self.aliases} is missing") from error
        found = {alias for spec in behind.values() for alias in spec["aliases"]}
        partial = sorted(name for name in behind if name.endswith(f"-{PARTIAL}"))
        if not set(self.aliases) <= found or partial:
            raise IndexMissingError(
                f"not rebuilt: {partial or sorted(set(self.aliases) - found)}"
            )
        self._searchable_until = time.monotonic() + ALIAS_CHECK_SECONDS

    def _reading(self, read, *, rebuilt: bool = True):
        """Run `read`; a missing index raises IndexMissingError. With
        `rebuilt`, also when an alias points at an index no rebuild filled."""
        if rebuilt:
            self.check_searchable()
        try:
            return read()
        except ApiError as error:
            if not index_missing(error):
                raise
            self.forget_indices()
            raise IndexMissingError(str(error)) from error

    def count(self) -> int:
        return self._reading(
            lambda: self.client.count(index=self.aliases)["count"], rebuilt=False
        )

    def search(self, request: SearchRequest) -> SearchResults:
        body = build_search(
            request, self.aliases, timeout=self.search_timeout
        ).to_dict()
        response = self._reading(lambda: self.client.search(index=self.aliases, **body))
        if response.body.get("timed_out"):
            # Partial results would look complete; the database answers.
            raise TransportError(f"search timed out after {self.search_timeout}")
        return results_from_response(response.body)

    def suggest(self, request: SearchRequest) -> str:
        """Two requests: the suggester's words for each word the visible
        documents lack, then which of those words they have."""
        words = suggestible_words(request.text)
        if not words:
            return ""
        visible = visible_query(request)
        first = self._reading(
            lambda: self.client.search(
                index=self.aliases, **suggest_body(words, visible)
            )
        ).body
        present = words_found(first)
        options = {
            word: candidates
            for word, candidates in suggested_words(first, words).items()
            if word not in present and candidates
        }
        if not options:
            return ""
        candidates = sorted({c for found in options.values() for c in found})
        checked = self._reading(
            lambda: self.client.search(
                index=self.aliases, **words_found_body(candidates, visible)
            )
        ).body
        seen = words_found(checked)
        replacements = {}
        for word, found in options.items():
            for candidate in found:
                if candidate in seen:
                    replacements[word] = candidate
                    break
        return replace_words(request.text, replacements)


SearchBackend = ElasticsearchBackend
