"""What the two database backends share: one `SearchEntry` row per document
and its facet tags, visibility, language and facet filters as SQL conditions,
the newest COUNT_CAP matches as what is counted, ranked and faceted,
disjunctive facet counts, paging and "did you mean". Each engine (postgres.py,
sqlite.py) adds matching, ranking, snippets and similar words with its own
full-text search.
"""

from collections.abc import Iterable
from itertools import islice

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from search.backends.base import (
    COUNT_CAP,
    BaseSearchBackend,
    Hit,
    SearchRequest,
    SearchResults,
    mark_snippet,
    replace_words,
    suggestible_words,
)
from search.documents import FACETS, ORGANISATION, SearchDocument
from search.models import SearchEntry, SearchTag, SearchWord
from search.text import CONFIGS

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
    "title_terms",
    "committee_terms",
    "body_terms",
)
# Similar words tried, best first, until one is in a visible entry.
SUGGESTION_CANDIDATES = 8
NEWEST = (F("date").desc(nulls_last=True), "doc_id")
# Engine columns no result needs.
UNREAD = ("search_vector", "title_terms", "committee_terms", "body_terms")


def bounded(queryset: QuerySet) -> QuerySet:
    """The newest COUNT_CAP of these entries: the matches a search ranks and
    counts facets over. Ranking every match of a word most entries have
    reads every one of their vectors; the newest are read in the order of an
    index (on PostgreSQL), and the search page shows no more than the cap."""
    return queryset.order_by(*NEWEST)[:COUNT_CAP]


def newest(queryset: QuerySet) -> QuerySet:
    """The newest COUNT_CAP + 1 of these entries: the search's candidates,
    one past the cap to tell whether there are more."""
    return queryset.order_by(*NEWEST)[: COUNT_CAP + 1]


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


def opening(text: str) -> str:
    """The start of a text, cut at a word, as the snippet of a document the
    query did not mark (or of any document when there is no query)."""
    if len(text) <= SNIPPET_CHARS:
        return text
    return text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"


class DatabaseSearchBackend(BaseSearchBackend):
    """The base of the database backends, on the connection `using`.

    An engine provides `_match()` and `_ranked()`, and fills its own columns
    of the entries in `_prepare()` (before they are written) or `_written()`
    (after)."""

    name = "database"

    def __init__(self, using: str = DEFAULT_DB_ALIAS):
        self.using = using

    @property
    def connection(self):
        return connections[self.using]

    @property
    def entries(self) -> QuerySet[SearchEntry]:
        return SearchEntry.objects.using(self.using)

    def _sql(self, queryset: QuerySet) -> tuple[str, tuple]:
        """A queryset's SQL and parameters, for this connection."""
        return queryset.query.get_compiler(using=self.using).as_sql()

    # What an engine provides

    def _prepare(self, entries: list[SearchEntry]) -> None:
        """Fill the engine's columns of entries about to be written."""

    def _written(self, ids: list[int]) -> None:
        """Fill the engine's columns of entries just written."""

    def _match(self, queryset: QuerySet, text: str) -> tuple[QuerySet, object]:
        """The entries that match the query text, and what `_ranked` needs to
        rank them (None: rank them newest first)."""
        raise NotImplementedError(
            "subclasses of DatabaseSearchBackend must provide _match()"
        )

    def _ranked(
        self, queryset: QuerySet, match, *, offset: int, limit: int
    ) -> list[tuple[SearchEntry, float, str]]:
        """One page of the matches, best first: each entry with its score and
        its snippet (matches between START and STOP, the rest unescaped)."""
        raise NotImplementedError(
            "subclasses of DatabaseSearchBackend must provide _ranked()"
        )

    def _candidates(self, queryset: QuerySet, match) -> list[tuple]:
        """The newest COUNT_CAP + 1 matches, newest first, as (pk, type,
        committee, year, score) rows. The score is None where the engine
        ranks in `_ranked()` instead; an engine that scores the candidates
        here (in the same statement that finds them) shows a page with
        `_page()`."""
        rows = newest(queryset.values_list("pk", "type", "committee", "year"))
        return [(*row, None) for row in rows]

    def _page(self, ids: list[int], match, scores: dict) -> list[tuple]:
        """These entries (a page of scored candidates, in order) with their
        scores and snippets, as `_ranked()` gives them."""
        raise NotImplementedError(
            "subclasses of DatabaseSearchBackend that score candidates must "
            "provide _page()"
        )

    def _rows_sql(self, rows: list[tuple]) -> tuple[str, list] | None:
        """SQL giving these candidate rows as (id, type, committee, year)
        without reading the entries again, or None (they are read again)."""
        return None

    def _any(self, queryset: QuerySet) -> bool:
        """Whether any entry matches."""
        return queryset.exists()

    def _similar_words(self, word: str) -> list[str]:
        """Indexed words like this one, most alike first; they may be in no
        entry the reader may see (`suggest` checks). None by default."""
        return []

    # Writing

    def _entry(self, document: SearchDocument) -> SearchEntry:
        return SearchEntry(
            doc_id=document.id,
            group=document.group,
            type=document.type,
            title=document.title[:1000],
            body=document.body,
            language=document.language,
            config=CONFIGS[document.language],
            localized=document.localized,
            visibility=document.visibility,
            organisation_id=document.organisation_id,
            committee=document.committee[:200],
            year=document.year,
            date=document.date,
            url=document.url[:500],
        )

    def _write(self, documents: list[SearchDocument]) -> int:
        if not documents:
            return 0
        entries = [self._entry(d) for d in documents]
        with transaction.atomic(using=self.using):
            self._prepare(entries)
            self.entries.bulk_create(
                entries,
                update_conflicts=True,
                unique_fields=["doc_id"],
                update_fields=list(FIELDS),
            )
            ids = dict(
                self.entries.filter(doc_id__in=[d.id for d in documents]).values_list(
                    "doc_id", "pk"
                )
            )
            tags = SearchTag.objects.using(self.using)
            tags.filter(entry_id__in=ids.values()).delete()
            tags.bulk_create(
                SearchTag(entry_id=ids[document.id], kind=kind, value=value)
                for document in documents
                for kind, values in (
                    (SearchTag.AREA, document.areas),
                    (SearchTag.PRIORITY, document.priorities),
                )
                for value in dict.fromkeys(v[:200] for v in values if v)
            )
            self._written(list(ids.values()))
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
        self.entries.filter(doc_id__in=list(ids)).delete()

    def replace_group(self, group: str, documents: list[SearchDocument]) -> None:
        with transaction.atomic(using=self.using):
            self.entries.filter(group=group).exclude(
                doc_id__in=[d.id for d in documents]
            ).delete()
            self._write(documents)

    def rebuild(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        with transaction.atomic(using=self.using):
            self.entries.all().delete()
            SearchWord.objects.using(self.using).all().delete()
            return self.bulk_index(documents, progress=progress)

    def count(self) -> int:
        return self.entries.count()

    # Reading

    def search(self, request: SearchRequest) -> SearchResults:
        base = self.entries.filter(
            visibility_q(request.audience), language_q(request.language)
        )
        match = None
        if request.text:
            base, match = self._match(base, request.text)
        filtered = base.filter(self._filters(request.filters))
        # The newest matches, one past the cap: counted, ranked and faceted
        # from here on by their ids (and facet columns, and scores where the
        # engine gives them), the matching done once.
        rows = self._candidates(filtered, match)
        total, rows = len(rows), rows[:COUNT_CAP]
        candidates = [row[0] for row in rows]
        scores = {row[0]: row[4] for row in rows if row[4] is not None}
        chosen = self.entries.filter(pk__in=candidates)
        if match is None:
            shown = candidates[request.offset : request.offset + request.per_page]
            entries = chosen.defer(*UNREAD).in_bulk(shown)
            page = [
                (entries[pk], 0.0, opening(entries[pk].body or entries[pk].title))
                for pk in shown
                if pk in entries
            ]
        elif scores or not candidates:
            # Best first; the sort is stable, so equal scores stay newest
            # first, as the candidates came.
            ranked = sorted(candidates, key=lambda pk: -scores[pk])
            shown = ranked[request.offset : request.offset + request.per_page]
            page = self._page(shown, match, scores) if shown else []
        else:
            page = self._ranked(
                chosen, match, offset=request.offset, limit=request.per_page
            )
        tags = self._tags([entry.pk for entry, _score, _snippet in page])
        hits = [
            Hit(
                document=self._document(entry, tags.get(entry.pk, {})),
                snippet=mark_snippet(snippet),
                score=score,
            )
            for entry, score, snippet in page
        ]
        return SearchResults(
            hits=hits,
            total=min(total, COUNT_CAP),
            facets=self._facets(base, request.filters, chosen, rows),
            backend=self.name,
            more=total > COUNT_CAP,
        )

    def suggest(self, request: SearchRequest) -> str:
        visible = self.entries.filter(
            visibility_q(request.audience), language_q(request.language)
        )

        def found(word: str) -> bool:
            matches, _match = self._match(visible, word)
            return self._any(matches)

        replacements = {}
        for word in suggestible_words(request.text):
            if found(word):
                continue
            for candidate in self._similar_words(word)[:SUGGESTION_CANDIDATES]:
                if candidate != word and found(candidate):
                    replacements[word] = candidate
                    break
        return replace_words(request.text, replacements)

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

    def _facets(self, base, filters: dict, chosen: QuerySet, rows: list) -> dict:
        """Disjunctive counts: each facet over the (newest COUNT_CAP) matches
        narrowed by the other facets' choices. Facets whose scope is the same
        (all of them when nothing is chosen) are counted in one query; the
        scope of every choice is the `chosen` entries, found already (their
        `rows`)."""

        def scope_of(name: str) -> tuple:
            return tuple(
                (other, tuple(sorted(values)))
                for other, values in sorted(filters.items())
                if other != name and [v for v in values if v]
            )

        scopes: dict[tuple, list[str]] = {}
        for name in FACETS:
            scopes.setdefault(scope_of(name), []).append(name)
        everything = scope_of("")
        facets = {name: [] for name in FACETS}
        for key, names in scopes.items():
            if key == everything:
                scope, found = chosen, rows
            else:
                scope = base.filter(self._filters({k: list(v) for k, v in key}))
                found = None
            for name, value, count in self._count(scope, names, found):
                if len(facets[name]) < FACET_SIZE:
                    facets[name].append((value, count))
        return facets

    def _count(self, scope, names: list[str], rows: list | None = None):
        """(facet, value, count) for the named facets over the scope (whose
        candidate `rows` may be known), most frequent first, in one
        statement."""
        if rows is not None and not rows:
            return []
        given = self._rows_sql(rows) if rows is not None else None
        try:
            matches_sql, params = given or self._sql(
                bounded(scope).values("pk", "type", "committee", "year")
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
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(facet, str(value), n) for facet, value, n in cursor.fetchall()]

    def _tags(self, ids: list[int]) -> dict:
        found: dict[int, dict[str, list[str]]] = {}
        for entry_id, kind, value in (
            SearchTag.objects.using(self.using)
            .filter(entry_id__in=ids)
            .values_list("entry_id", "kind", "value")
        ):
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


def _is_year(value) -> bool:
    # isdigit() alone passes "²", and a long number overflows the column.
    value = str(value)
    return value.isascii() and value.isdigit() and len(value) <= 4
