"""The SQLite search backend: an FTS5 index does the matching, prefix
queries, ranking (bm25) and snippets; Snowball stems what it indexes, so
Swedish, Danish and Norwegian words match their other forms.

`search_fts` (search/migrations/0003_sqlite_fts.py) reads its text from
`search_searchentry`, but indexes what the entry's `*_terms` columns say:
for each word SQLite's own tokenizer finds in the text, in order, one term
`stem` + SEPARATOR + `word`. Triggers keep the index in step with every write
to the table. As terms and words stand at the same positions, `snippet()` marks
the words of the original text. A query word matches with the prefix query
`"<stem><SEPARATOR>"*`; a prefix `pre*` with `"<stem of pre>"*` or, for words
whose stem is shorter than the prefix, `"<stem><SEPARATOR>pre"*`.
"""

import difflib
import unicodedata

from django.core.exceptions import EmptyResultSet
from django.db.models.expressions import RawSQL

from search.backends.base import START, STOP
from search.backends.database import (
    SUGGESTION_CANDIDATES,
    UNREAD,
    DatabaseSearchBackend,
)
from search.models import SearchEntry
from search.stopwords import STOP_WORDS
from search.text import STEMMERS, Term, parse_query, stem

FTS = "search_fts"
# Must be the tokenizer of search_fts; diacritics are kept, as "för" is not "for".
TOKENIZER = "unicode61 remove_diacritics 0"
TOKENS = "search_tokens"  # a scratch index that tokenizes text as search_fts does
SEPARATOR = "\ue000"  # a private-use character: a letter to the tokenizer
TEXT = "{title committee body}"
# bm25's column weights: title, committee, body (as PostgreSQL's weights A,
# B and C rank them) and the language, which only filters.
WEIGHTS = "5.0, 2.0, 1.0, 0.0"
SNIPPET_TOKENS = 32
MATCHING = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s"  # nosec B608
VOCABULARY = "search_vocabulary"  # the terms of search_fts (fts5vocab)
# How alike a word must be to be suggested (difflib's ratio).
SIMILARITY = 0.7


def _term(word: str, language: str) -> str:
    word = unicodedata.normalize("NFC", word)
    return f"{stem(word, language)}{SEPARATOR}{word}"


def index_terms(cursor, texts: list[tuple[str, str, str, str]]) -> list[tuple]:
    """The `(title_terms, committee_terms, body_terms)` of each
    `(title, committee, body, language)`: SQLite's tokenizer splits the text
    (in a scratch index of the connection), Snowball stems each word."""
    if not texts:
        return []
    cursor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{TOKENS} "
        f"USING fts5(title, committee, body, tokenize='{TOKENIZER}')"
    )
    cursor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{TOKENS}_words "
        f"USING fts5vocab(temp, {TOKENS}, instance)"
    )
    cursor.executemany(
        f"INSERT INTO temp.{TOKENS} (rowid, title, committee, body) "  # nosec B608
        "VALUES (%s, %s, %s, %s)",
        [
            (n, title or "", committee or "", body or "")
            for n, (title, committee, body, _language) in enumerate(texts, 1)
        ],
    )
    cursor.execute(f"SELECT doc, col, offset, term FROM temp.{TOKENS}_words")  # nosec B608
    found = [{"title": [], "committee": [], "body": []} for _ in texts]
    for doc, column, offset, word in cursor.fetchall():
        found[doc - 1][column].append((offset, word))
    cursor.execute(f"DELETE FROM temp.{TOKENS}")  # nosec B608
    return [
        tuple(
            " ".join(_term(word, language) for _offset, word in sorted(found[n][c]))
            for c in ("title", "committee", "body")
        )
        for n, (_title, _committee, _body, language) in enumerate(texts)
    ]


def _string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _expression(term: Term, language: str) -> str:
    """One term in FTS5's query syntax."""
    *words, last = term.words
    if len(term.words) > 1:
        # A phrase; only its last word may be a prefix (of a stem, here).
        parts = [_string(stem(w, language) + SEPARATOR) + "*" for w in words]
        end = "" if term.prefix else SEPARATOR
        parts.append(_string(stem(last, language) + end) + "*")
        return " + ".join(parts)
    if not term.prefix:
        return _string(stem(last, language) + SEPARATOR) + "*"
    # As in PostgreSQL: a stem that starts with the prefix's stem, or a word
    # that starts with the prefix (its stem shorter than the prefix).
    options = dict.fromkeys(
        [_string(stem(last, language)) + "*", _string(last) + "*"]
        + [_string(last[:n] + SEPARATOR + last) + "*" for n in range(1, len(last))]
    )
    return "(" + " OR ".join(options) + ")"


def _searched(term: Term, language: str) -> bool:
    """Stop words are left out, as PostgreSQL leaves them out of a query;
    phrases and prefixes are kept whole."""
    return (
        len(term.words) > 1 or term.prefix or term.words[0] not in STOP_WORDS[language]
    )


def _by_language(parts: dict[str, str]) -> str:
    """One expression for all languages: each language's part, for that
    language's documents."""
    languages: dict[str, list[str]] = {}
    for language, part in parts.items():
        languages.setdefault(part, []).append(language)
    if len(languages) == 1 and len(parts) == len(STEMMERS):
        return f"{TEXT} : ({next(iter(languages))})"
    return " OR ".join(
        f"({{language}} : ({' OR '.join(names)}) AND {TEXT} : ({part}))"
        for part, names in languages.items()
    )


def match_expressions(text: str) -> tuple[str | None, str | None, bool]:
    """FTS5 expressions for the documents the query asks for and for those it
    excludes, and whether it can match anything at all."""
    query = parse_query(text)
    if not query.groups and not query.excluded:
        return None, None, False
    wanted, unwanted = {}, {}
    for language in STEMMERS:
        groups = [
            [_expression(t, language) for t in group if _searched(t, language)]
            for group in query.groups
        ]
        groups = [group for group in groups if group]
        if groups:
            wanted[language] = " AND ".join(f"({' OR '.join(g)})" for g in groups)
        excluded = [
            _expression(t, language) for t in query.excluded if _searched(t, language)
        ]
        if excluded:
            unwanted[language] = " OR ".join(excluded)
    if query.groups and not wanted:
        return None, None, False
    return (
        _by_language(wanted) if wanted else None,
        _by_language(unwanted) if unwanted else None,
        True,
    )


class SQLiteSearchBackend(DatabaseSearchBackend):
    def _prepare(self, entries: list[SearchEntry]) -> None:
        with self.connection.cursor() as cursor:
            terms = index_terms(
                cursor,
                [(e.title, e.committee, e.body, e.language) for e in entries],
            )
        for entry, (title, committee, body) in zip(entries, terms, strict=True):
            entry.title_terms, entry.committee_terms, entry.body_terms = (
                title,
                committee,
                body,
            )

    def _similar_words(self, word: str) -> list[str]:
        """Words of the index like this one (difflib), among those starting
        with its letter: a stem starts as its word does, so the terms of one
        letter are a range of the vocabulary."""
        first = word[0]
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{VOCABULARY} "
                f"USING fts5vocab(main, {FTS}, row)"
            )
            cursor.execute(
                f"SELECT term FROM temp.{VOCABULARY} "  # nosec B608
                "WHERE term >= %s AND term < %s",
                [first, chr(ord(first) + 1)],
            )
            words = {
                term.partition(SEPARATOR)[2] or term for (term,) in cursor.fetchall()
            }
        return difflib.get_close_matches(
            word, words, n=SUGGESTION_CANDIDATES, cutoff=SIMILARITY
        )

    def _match(self, queryset, text: str):
        wanted, unwanted, possible = match_expressions(text)
        if not possible:
            return queryset.none(), None
        if unwanted:
            # A constant statement; the expression is a parameter.
            queryset = queryset.exclude(pk__in=RawSQL(MATCHING, [unwanted]))  # nosec B611
        if wanted:
            queryset = queryset.filter(pk__in=RawSQL(MATCHING, [wanted]))  # nosec B611
        return queryset, wanted

    def _ranked(self, queryset, match, *, offset: int, limit: int):
        try:
            entries_sql, params = self._sql(queryset.order_by().values("pk"))
        except EmptyResultSet:  # a filter no entry can pass
            return []
        table = SearchEntry._meta.db_table
        with self.connection.cursor() as cursor:
            # The table names and weights are constants; the query and the
            # entries' conditions travel as parameters.
            cursor.execute(
                f"SELECT e.id, bm25({FTS}, {WEIGHTS}) AS score "  # nosec B608
                f"FROM {FTS} JOIN {table} e ON e.id = {FTS}.rowid "
                f"WHERE {FTS} MATCH %s AND e.id IN ({entries_sql}) "
                "ORDER BY score, e.date DESC NULLS LAST, e.doc_id "
                "LIMIT %s OFFSET %s",
                [match, *params, limit, offset],
            )
            scores = dict(cursor.fetchall())
            if not scores:
                return []
            marks = ", ".join(["%s"] * len(scores))
            cursor.execute(
                f"SELECT rowid, snippet({FTS}, 2, %s, %s, '…', %s), "  # nosec B608
                f"highlight({FTS}, 0, %s, %s) "
                f"FROM {FTS} WHERE {FTS} MATCH %s AND rowid IN ({marks})",
                [START, STOP, SNIPPET_TOKENS, START, STOP, match, *scores],
            )
            snippets = {pk: body or title for pk, body, title in cursor.fetchall()}
        entries = self.entries.defer(*UNREAD).in_bulk(list(scores))
        # bm25 is negative: the better the match, the lower.
        return [
            (entries[pk], -score, snippets.get(pk, ""))
            for pk, score in scores.items()
            if pk in entries
        ]


SearchBackend = SQLiteSearchBackend
