"""The PostgreSQL search backend: full-text search with each document's
language configuration (swedish, danish, norwegian, english) in a GIN-indexed
tsvector column, ranked with ts_rank and highlighted with ts_headline."""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchVector,
)
from django.core.exceptions import EmptyResultSet
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Coalesce, Replace

from search.backends.base import START, STOP
from search.backends.database import (
    SUGGESTION_CANDIDATES,
    UNREAD,
    DatabaseSearchBackend,
    newest,
    opening,
)
from search.models import SearchEntry, SearchWord
from search.text import CONFIGS, parse

# The unstemmed words (weight D) of the entries just written, into the
# vocabulary; in order, so concurrent writers take the same rows' locks in
# the same order.
ADD_WORDS = """
INSERT INTO {words} (word)
SELECT DISTINCT w.lexeme FROM {entries} e, unnest(e.search_vector) w
WHERE e.id = ANY(%s) AND 'D' = ANY(w.weights)
AND char_length(w.lexeme) BETWEEN 3 AND 60 AND w.lexeme !~ '[[:digit:]_]'
ORDER BY 1
ON CONFLICT (word) DO NOTHING
"""
# A prefix `word*` is looked up stemmed and unstemmed (`_tsquery`); where the
# stemmer leaves the prefix as it is, which is most prefixes, both print the
# same ("'beno':* | 'beno':*") and the GIN index would be scanned twice for
# one set of rows (a third of a prefix search's time at 100,000 records). A
# lexeme's own quote prints doubled; the pair stands between spaces or
# brackets.
REPEATED_PREFIX = re.compile(r"(?<![^\s(])'((?:[^']|'')+)':\* \| '\1':\*(?![^\s)])")
# Trigram similarity (pg_trgm's `%` uses the trigram index, with its default
# threshold of 0.3).
SIMILAR_WORDS = """
SELECT word FROM {words} WHERE word %% %s
ORDER BY similarity(word, %s) DESC, word LIMIT %s
"""


class PostgresSearchBackend(DatabaseSearchBackend):
    def _written(self, ids: list[int]) -> None:
        config = F("config")
        # The unstemmed words too (weight D, 'simple'): a prefix query may be
        # longer than the stem of the word it starts. PostgreSQL's parser
        # reads "<...>" as markup and skips it: the plain text is read with
        # angle brackets as spaces.
        title, body = _unmarked("title"), _unmarked("body")
        self.entries.filter(pk__in=ids).update(
            search_vector=SearchVector(title, weight="A", config=config)
            + SearchVector("committee", weight="B", config=config)
            + SearchVector(body, weight="C", config=config)
            + SearchVector(title, body, weight="D", config="simple")
        )
        with self.connection.cursor() as cursor:
            # Table names only; the ids travel as a parameter.
            cursor.execute(
                ADD_WORDS.format(  # nosec B608
                    words=SearchWord._meta.db_table, entries=SearchEntry._meta.db_table
                ),
                [ids],
            )

    def _any(self, queryset) -> bool:
        """As planned for all its rows, the matches come from the index; with
        LIMIT 1 (`exists()`) PostgreSQL reads the table in the hope of an early
        match, all of it for a word no entry has."""
        try:
            sql, params = self._sql(queryset.order_by().values("pk"))
        except EmptyResultSet:  # a query with no words to look for
            return False
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"WITH matches AS MATERIALIZED ({sql}) "  # nosec B608
                "SELECT EXISTS (SELECT 1 FROM matches)",
                params,
            )
            return cursor.fetchone()[0]

    def _similar_words(self, word: str) -> list[str]:
        with self.connection.cursor() as cursor:
            cursor.execute(
                SIMILAR_WORDS.format(words=SearchWord._meta.db_table),  # nosec B608
                [word, word, SUGGESTION_CANDIDATES],
            )
            return [row[0] for row in cursor.fetchall()]

    def _match(self, queryset, text: str):
        terms = parse(text)
        if not terms:
            return queryset.none(), None
        # One constant tsquery per language configuration, each applied to
        # that language's documents: constant queries can use the GIN index,
        # where a query parsed with each row's configuration cannot. They are
        # parsed first, so languages whose query is the same (a word most
        # stemmers leave alone) share one look-up in the index.
        configs = sorted(set(CONFIGS.values()))
        parsed: dict[str, list[str]] = {}
        for config, query in zip(
            configs, self._parsed(text, terms, configs), strict=True
        ):
            parsed.setdefault(query, []).append(config)
        match, combined = Q(), None
        for query_text, same in parsed.items():
            query = ParsedQuery(Value(query_text))
            match |= Q(config__in=same, search_vector=query)
            combined = query if combined is None else combined | query
        return queryset.filter(match), (text, combined)

    def _parsed(self, text: str, terms, configs: list[str]) -> list[str]:
        """The query's tsquery in each configuration, as text, in one
        statement."""
        compiler = self.entries.none().query.get_compiler(using=self.using)
        parts, params = [], []
        for config in configs:
            sql, part_params = compiler.compile(
                _tsquery(text, terms, config).resolve_expression(compiler.query)
            )
            parts.append(f"CAST({sql} AS TEXT)")
            params.extend(part_params)
        with self.connection.cursor() as cursor:
            # The parts are the compiled expressions; the words are parameters.
            cursor.execute("SELECT " + ", ".join(parts), params)  # nosec B608
            return [REPEATED_PREFIX.sub(r"'\1':*", q) for q in cursor.fetchone()]

    def _candidates(self, queryset, match):
        """Scored where they are found: ts_rank reads the vectors of the
        newest matches only (after the limit), from the rows the search has
        just read, not from the table again."""
        if match is None:
            return super()._candidates(queryset, match)
        _text, query = match
        try:
            found_sql, found_params = self._sql(
                newest(
                    queryset.values_list(
                        "pk",
                        "type",
                        "committee",
                        "year",
                        "date",
                        "doc_id",
                        "search_vector",
                    )
                )
            )
        except EmptyResultSet:  # a filter no entry can pass
            return []
        compiler = self.entries.none().query.get_compiler(using=self.using)
        query_sql, query_params = compiler.compile(
            query.resolve_expression(compiler.query)
        )
        with self.connection.cursor() as cursor:
            # The compiled query and the entries' conditions; the words travel
            # as parameters.
            cursor.execute(
                "SELECT c.id, c.type, c.committee, c.year, "  # nosec B608
                f"ts_rank(c.vector, {query_sql}) FROM ({found_sql}) "
                "AS c (id, type, committee, year, date, doc_id, vector) "
                "ORDER BY c.date DESC NULLS LAST, c.doc_id",
                [*query_params, *found_params],
            )
            return cursor.fetchall()

    def _page(self, ids, match, scores):
        text, query = match
        headline_query, headline_config = _headline_query(query, text)
        entries = {
            entry.pk: entry
            for entry in self.entries.filter(pk__in=ids)
            .defer(*UNREAD)
            .annotate(
                # Only the page's rows are highlighted.
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
        }
        return [
            (
                entries[pk],
                float(scores[pk] or 0),
                entries[pk].headline or opening(entries[pk].body or entries[pk].title),
            )
            for pk in ids
            if pk in entries
        ]

    def _rows_sql(self, rows):
        """The candidates' columns as arrays (parameters), unnested."""
        columns = list(zip(*[row[:4] for row in rows], strict=True))
        return (
            "SELECT * FROM unnest(CAST(%s AS bigint[]), CAST(%s AS text[]), "
            "CAST(%s AS text[]), CAST(%s AS integer[]))",
            [list(column) for column in columns],
        )


class ParsedQuery(SearchQuery):
    """A tsquery given as its text (as PostgreSQL prints one), used as is."""

    template = "CAST(%(expressions)s AS tsquery)"


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
    raw = " & ".join(f"{word}:*" if prefix else word for word, prefix in parse(text))
    return SearchQuery(raw, search_type="raw", config="simple"), "simple"


def _unmarked(field: str):
    text = TextField()
    inner = Replace(F(field), Value("<"), Value(" "), output_field=text)
    return Replace(inner, Value(">"), Value(" "), output_field=text)


SearchBackend = PostgresSearchBackend
