"""The PostgreSQL search backend: full-text search with each document's
language configuration (swedish, danish, norwegian, english) in a GIN-indexed
tsvector column, ranked with ts_rank and highlighted with ts_headline."""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Coalesce, Replace

from search.backends.base import START, STOP
from search.backends.database import UNREAD, DatabaseSearchBackend, opening
from search.text import CONFIGS, parse


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

    def _match(self, queryset, text: str):
        terms = parse(text)
        if not terms:
            return queryset.none(), None
        # One constant tsquery per language configuration, each applied to
        # that language's documents: constant queries can use the GIN index,
        # where a query parsed with each row's configuration cannot.
        match, combined = Q(), None
        for config in sorted(set(CONFIGS.values())):
            query = _tsquery(text, terms, config)
            match |= Q(config=config, search_vector=query)
            combined = query if combined is None else combined | query
        return queryset.filter(match), (text, combined)

    def _ranked(self, queryset, match, *, offset: int, limit: int):
        text, query = match
        page = list(
            queryset.annotate(score=SearchRank(F("search_vector"), query))
            .order_by("-score", F("date").desc(nulls_last=True), "doc_id")
            .defer(*UNREAD)[offset : offset + limit]
        )
        headline_query, headline_config = _headline_query(query, text)
        headlines = dict(
            self.entries.filter(pk__in=[e.pk for e in page])
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
        return [
            (
                entry,
                float(entry.score or 0),
                headlines.get(entry.pk) or opening(entry.body or entry.title),
            )
            for entry in page
        ]


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
