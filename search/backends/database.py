"""The default search backend: the database.

PostgreSQL: full-text search with each document's language configuration
(swedish, danish, norwegian, english) in a GIN-indexed tsvector column,
ranked with ts_rank and highlighted with ts_headline. SQLite (the embedded
default): Snowball stems kept in a column and matched with LIKE, ranked by
where the words occur, highlighted in Python. Both keep the contract in
search/backends/base.py.
"""

from collections.abc import Iterable
from itertools import islice

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Replace

from search import text as words
from search.backends.base import (
    START,
    STOP,
    BaseSearchBackend,
    Hit,
    SearchRequest,
    SearchResults,
)
from search.documents import FACETS, ORGANISATION, SearchDocument
from search.highlight import mark_snippet
from search.models import SearchEntry, SearchTag

BATCH = 500
SNIPPET_CHARS = 200
FACET_SIZE = 50
FIELDS = (
    "group",
    "type",
    "title",
    "body",
    "language",
    "config",
    "localized",
    "visibility",
    "organisation_id",
    "committee",
    "year",
    "date",
    "url",
    "stems",
    "title_stems",
)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def visibility_q(audience) -> Q:
    """Part of every query: what this audience may read."""
    levels = [level for level in audience.levels if level != ORGANISATION]
    visible = Q(visibility__in=levels)
    if audience.organisations:
        visible |= Q(
            visibility=ORGANISATION, organisation_id__in=list(audience.organisations)
        )
    return visible


def language_q(language: str) -> Q:
    return Q(localized=False) | Q(language=language)


class DatabaseSearchBackend(BaseSearchBackend):
    name = "database"

    # Writing

    def _entry(self, document: SearchDocument) -> SearchEntry:
        postgres = is_postgresql()
        return SearchEntry(
            doc_id=document.id,
            group=document.group,
            type=document.type,
            title=document.title[:1000],
            body=document.body,
            language=document.language,
            config=words.CONFIGS[document.language],
            localized=document.localized,
            visibility=document.visibility,
            organisation_id=document.organisation_id,
            committee=document.committee[:200],
            year=document.year,
            date=document.date,
            url=document.url[:500],
            # SQLite matches stems; PostgreSQL its own tsvector.
            stems=""
            if postgres
            else words.stems(
                f"{document.title} {document.committee} {document.body}",
                document.language,
            ),
            title_stems=""
            if postgres
            else words.stems(document.title, document.language),
        )

    def _write(self, documents: list[SearchDocument]) -> int:
        if not documents:
            return 0
        entries = [self._entry(d) for d in documents]
        with transaction.atomic():
            SearchEntry.objects.bulk_create(
                entries,
                update_conflicts=True,
                unique_fields=["doc_id"],
                update_fields=list(FIELDS),
            )
            ids = dict(
                SearchEntry.objects.filter(
                    doc_id__in=[d.id for d in documents]
                ).values_list("doc_id", "pk")
            )
            SearchTag.objects.filter(entry_id__in=ids.values()).delete()
            tags = []
            for document in documents:
                for kind, values in (
                    (SearchTag.AREA, document.areas),
                    (SearchTag.PRIORITY, document.priorities),
                ):
                    for value in dict.fromkeys(v[:200] for v in values if v):
                        tags.append(
                            SearchTag(entry_id=ids[document.id], kind=kind, value=value)
                        )
            SearchTag.objects.bulk_create(tags)
            if is_postgresql():
                config = F("config")
                # The unstemmed words too (weight D, 'simple'): a prefix
                # query may be longer than the stem of the word it starts.
                # PostgreSQL's parser reads "<...>" as markup and skips it:
                # the plain text is read with angle brackets as spaces.
                title, body = _unmarked("title"), _unmarked("body")
                SearchEntry.objects.filter(pk__in=ids.values()).update(
                    search_vector=SearchVector(title, weight="A", config=config)
                    + SearchVector("committee", weight="B", config=config)
                    + SearchVector(body, weight="C", config=config)
                    + SearchVector(title, body, weight="D", config="simple")
                )
        return len(documents)

    def index(self, documents: Iterable[SearchDocument]) -> int:
        return self.bulk_index(documents)

    def bulk_index(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        total = 0
        iterator = iter(documents)
        while batch := list(islice(iterator, BATCH)):
            total += self._write(batch)
            if progress:
                progress(len(batch))
        return total

    def delete(self, ids: Iterable[str]) -> None:
        SearchEntry.objects.filter(doc_id__in=list(ids)).delete()

    def replace_group(self, group: str, documents: list[SearchDocument]) -> None:
        with transaction.atomic():
            SearchEntry.objects.filter(group=group).exclude(
                doc_id__in=[d.id for d in documents]
            ).delete()
            self._write(documents)

    def rebuild(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        with transaction.atomic():
            SearchEntry.objects.all().delete()
            return self.bulk_index(documents, progress=progress)

    def count(self) -> int:
        return SearchEntry.objects.count()

    # Reading

    def search(self, request: SearchRequest) -> SearchResults:
        base = SearchEntry.objects.filter(
            visibility_q(request.audience), language_q(request.language)
        )
        query, score = None, Value(0.0)
        if request.text:
            base, query, score = self._match(base, request.text)
        filtered = base.filter(self._filters(request.filters))
        total = filtered.count()
        newest = F("date").desc(nulls_last=True)
        if request.text:
            ordered = filtered.annotate(score=score).order_by(
                "-score", newest, "doc_id"
            )
        else:
            ordered = filtered.annotate(score=score).order_by(newest, "doc_id")
        page = list(
            ordered.defer("search_vector", "stems", "title_stems")[
                request.offset : request.offset + request.per_page
            ]
        )
        snippets = self._snippets(page, request.text, query)
        tags = self._tags([entry.pk for entry in page])
        hits = [
            Hit(
                document=self._document(entry, tags.get(entry.pk, {})),
                snippet=snippets[entry.pk],
                score=float(entry.score or 0),
            )
            for entry in page
        ]
        return SearchResults(
            hits=hits,
            total=total,
            facets=self._facets(base, request.filters),
            backend=self.name,
        )

    def _match(self, queryset, text: str):
        """The matching documents, the tsquery (PostgreSQL) and the score."""
        nothing = (queryset.none(), None, Value(0.0))
        terms = words.parse(text)
        if not terms:
            return nothing
        if is_postgresql():
            # One constant tsquery per language configuration, each applied to
            # that language's documents: constant queries can use the GIN
            # index, where a query parsed with each row's configuration cannot.
            match, combined = Q(), None
            for config in sorted(set(words.CONFIGS.values())):
                query = _tsquery(text, terms, config)
                match |= Q(config=config, search_vector=query)
                combined = query if combined is None else combined | query
            return (
                queryset.filter(match),
                combined,
                SearchRank(F("search_vector"), combined),
            )
        score = Value(0)
        for word, prefix in terms:
            variants = set(words.stem_variants(word))
            if prefix:
                variants.add(word)
            match = Q()
            in_title = Q()
            for variant in variants:
                pattern = f" {variant}" if prefix else f" {variant} "
                match |= Q(stems__contains=pattern)
                in_title |= Q(title_stems__contains=pattern)
            queryset = queryset.filter(match)
            score = score + Case(
                When(in_title, then=Value(3)),
                default=Value(1),
                output_field=IntegerField(),
            )
        return queryset, None, score

    def _filters(self, filters: dict, *, without: str = "") -> Q:
        q = Q()
        for name, values in filters.items():
            values = [v.replace("\x00", "") for v in values if v]
            if name == without or not values:
                continue
            if name == "type":
                q &= Q(type__in=values)
            elif name == "body":
                q &= Q(committee__in=values)
            elif name == "year":
                q &= Q(year__in=[int(v) for v in values if _is_year(v)])
            elif name in ("area", "priority"):
                q &= Exists(
                    SearchTag.objects.filter(
                        entry=OuterRef("pk"), kind=name, value__in=values
                    )
                )
        return q

    def _facets(self, base, filters: dict) -> dict:
        """Disjunctive counts: each facet over the matches narrowed by the other
        facets' choices. Facets whose scope is the same (all of them when
        nothing is chosen) are counted in one query over the matches."""
        scopes: dict[tuple, list[str]] = {}
        for name in FACETS:
            key = tuple(
                (other, tuple(sorted(values)))
                for other, values in sorted(filters.items())
                if other != name and [v for v in values if v]
            )
            scopes.setdefault(key, []).append(name)
        facets = {name: [] for name in FACETS}
        for key, names in scopes.items():
            scope = base.filter(self._filters({k: list(v) for k, v in key}))
            for name, value, count in self._count(scope, names):
                if len(facets[name]) < FACET_SIZE:
                    facets[name].append((value, count))
        return facets

    def _count(self, scope, names: list[str]):
        """(facet, value, count) for the named facets over the scope, most
        frequent first, in one statement."""
        try:
            matches_sql, params = (
                scope.order_by()
                .values("pk", "type", "committee", "year")
                .query.sql_with_params()
            )
        except EmptyResultSet:  # a query with no words to look for
            return []
        tag = SearchTag._meta.db_table
        parts = []
        columns = {"type": "type", "body": "committee", "year": "year"}
        for name in names:
            if name in columns:
                column = columns[name]
                value = (
                    f"CAST(m.{column} AS TEXT)" if column == "year" else f"m.{column}"
                )
                # Names and columns come from FACETS and the dict above, never
                # from the request; the values travel as parameters.
                parts.append(
                    f"SELECT '{name}' AS facet, {value} AS value, COUNT(*) AS n "  # nosec B608
                    f"FROM matches m WHERE m.{column} IS NOT NULL "
                    + ("" if column == "year" else f"AND m.{column} <> '' ")
                    + f"GROUP BY m.{column}"
                )
        tag_kinds = [name for name in names if name in ("area", "priority")]
        if tag_kinds:
            kinds = ", ".join(f"'{kind}'" for kind in tag_kinds)
            # The table's name and fixed kinds only (bandit B608).
            parts.append(
                "SELECT t.kind AS facet, t.value AS value, "  # nosec B608
                "COUNT(DISTINCT t.entry_id) AS n "
                f"FROM {tag} t JOIN matches m ON t.entry_id = m.id "
                f"WHERE t.kind IN ({kinds}) GROUP BY t.kind, t.value"
            )
        sql = (
            f"WITH matches (id, type, committee, year) AS ({matches_sql}) "
            + " UNION ALL ".join(parts)
            + " ORDER BY facet, n DESC, value"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(facet, str(value), n) for facet, value, n in cursor.fetchall()]

    def _tags(self, ids: list[int]) -> dict:
        found: dict[int, dict[str, list[str]]] = {}
        for entry_id, kind, value in SearchTag.objects.filter(
            entry_id__in=ids
        ).values_list("entry_id", "kind", "value"):
            found.setdefault(entry_id, {}).setdefault(kind, []).append(value)
        return found

    def _document(self, entry: SearchEntry, tags: dict) -> SearchDocument:
        return SearchDocument(
            id=entry.doc_id,
            group=entry.group,
            type=entry.type,
            title=entry.title,
            body="",
            language=entry.language,
            url=entry.url,
            visibility=entry.visibility,
            organisation_id=entry.organisation_id,
            localized=entry.localized,
            committee=entry.committee,
            year=entry.year,
            date=entry.date,
            areas=tags.get(SearchTag.AREA, []),
            priorities=tags.get(SearchTag.PRIORITY, []),
        )

    def _snippets(self, page: list[SearchEntry], text: str, query) -> dict[int, str]:
        if query is not None and is_postgresql() and page:
            headline_query, headline_config = _headline_query(query, text)
            rows = (
                SearchEntry.objects.filter(pk__in=[e.pk for e in page])
                .annotate(
                    headline=SearchHeadline(
                        Coalesce(_unmarked("body"), Value("")),
                        headline_query,
                        config=headline_config,
                        start_sel=START,
                        stop_sel=STOP,
                        max_words=35,
                        min_words=15,
                        short_word=2,
                        max_fragments=1,
                        fragment_delimiter=" … ",
                    )
                )
                .values_list("pk", "headline")
            )
            headlines = dict(rows)
            return {
                entry.pk: mark_snippet(
                    headlines.get(entry.pk) or _opening(entry.body or entry.title)
                )
                for entry in page
            }
        return {
            entry.pk: mark_snippet(highlight(entry.body or entry.title, text))
            for entry in page
        }


def _is_year(value) -> bool:
    # isdigit() alone passes "²", and a long number overflows the column.
    value = str(value)
    return value.isascii() and value.isdigit() and len(value) <= 4


def _tsquery(text: str, terms, config: str) -> SearchQuery:
    """The query in one configuration. With a prefix (`word*`) a raw tsquery
    of plain words only, where a prefix matches a stem or an unstemmed word
    (the 'simple' part of the vector); otherwise web search syntax (quotes,
    OR, -word)."""
    if "*" not in text:
        return SearchQuery(text, search_type="websearch", config=config)
    query = None
    for word, prefix in terms:
        term = SearchQuery(
            f"{word}:*" if prefix else word, search_type="raw", config=config
        )
        if prefix:
            term |= SearchQuery(f"{word}:*", search_type="raw", config="simple")
        query = term if query is None else query & term
    return query


def _headline_query(query, text: str) -> tuple:
    """What ts_headline marks with: the ranking query in each document's
    language; for a prefix query the plain words, read unstemmed, because a
    prefix can be longer than the stem of the word it starts."""
    if "*" not in text:
        return query, F("config")
    raw = " & ".join(
        f"{word}:*" if prefix else word for word, prefix in words.parse(text)
    )
    return SearchQuery(raw, search_type="raw", config="simple"), "simple"


def _unmarked(field: str):
    text = TextField()
    inner = Replace(F(field), Value("<"), Value(" "), output_field=text)
    return Replace(inner, Value(">"), Value(" "), output_field=text)


def _opening(body: str) -> str:
    if len(body) <= SNIPPET_CHARS:
        return body
    cut = body[:SNIPPET_CHARS].rsplit(" ", 1)[0]
    return cut + " …"


def highlight(body: str, text: str) -> str:
    """A window of the text around the first matched word, matches marked with
    START/STOP: words whose stem (in any language) is a query word's stem, or
    that start with a prefix query word."""
    terms = words.parse(text)
    if not terms:
        return _opening(body)
    exact = set()
    prefixes = []
    for word, prefix in terms:
        exact |= words.stem_variants(word)
        if prefix:
            prefixes.append(word)
    spans = []
    for match in words.WORD.finditer(body):
        token = match.group(0).lower()
        if any(token.startswith(p) for p in prefixes) or (
            words.stem_variants(token) & exact
        ):
            spans.append(match.span())
    if not spans:
        return _opening(body)
    start = max(0, spans[0][0] - 60)
    if start:
        start = body.find(" ", start) + 1 or start
    end = min(len(body), start + SNIPPET_CHARS)
    if end < len(body):
        end = (
            body.rfind(" ", start, end) if body.rfind(" ", start, end) > start else end
        )
    marked = []
    position = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        marked.append(body[position:span_start])
        marked.append(START + body[span_start:span_end] + STOP)
        position = span_end
    marked.append(body[position:end])
    prefix = "… " if start else ""
    suffix = " …" if end < len(body) else ""
    return prefix + "".join(marked) + suffix
