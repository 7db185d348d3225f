"""The query syntax every backend reads, and the Snowball stemmers of the four
languages (the same PostgreSQL and Elasticsearch use).

A query is read as PostgreSQL's websearch_to_tsquery reads it: words must all
match, `"a phrase"` in quotes matches as a phrase, `a or b` matches either,
`-word` excludes; `word*` matches by prefix.
"""

import functools
import re
import threading
import unicodedata
from dataclasses import dataclass, field

import snowballstemmer

STEMMERS = {"sv": "swedish", "da": "danish", "nb": "norwegian", "en": "english"}
CONFIGS = STEMMERS  # PostgreSQL text search configurations have the same names
# Letters and digits; the underscore separates words, as in SQLite's tokenizer.
WORD = re.compile(r"[^\W_]+")
# A phrase in quotes (the closing quote may be missing), or a run of other
# characters; either may start with "-".
ITEM = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')


_local = threading.local()  # a Snowball stemmer keeps state while it works


def stemmer(language: str):
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(STEMMERS[language])
    return stemmers[language]


@functools.lru_cache(maxsize=100_000)
def stem(word: str, language: str) -> str:
    """A lower-case word's stem (never empty)."""
    return stemmer(language).stemWord(word) or word


def words(text: str) -> list[str]:
    """The words of a text, lower case, composed (NFC)."""
    return WORD.findall(unicodedata.normalize("NFC", text or "").lower())


def parse(query: str) -> list[tuple[str, bool]]:
    """The query's words as (word, is_prefix), quotes and operators read as
    words."""
    return [
        (match.group(1).lower(), bool(match.group(2)))
        for match in re.finditer(r"(\w+)(\*?)", query or "", re.UNICODE)
    ]


@dataclass(frozen=True)
class Term:
    """A word, or a phrase of several; `prefix`: the last word is a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass
class Query:
    """Every group must match (a group matches when any of its terms does),
    no excluded term may."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)


def parse_query(text: str) -> Query:
    query = Query()
    either = False  # the previous item was "or"
    for match in ITEM.finditer(text or ""):
        negated, phrase, bare = match.groups()
        if phrase is None and not negated and bare.lower() == "or":
            either = bool(query.groups)
            continue
        found = words(phrase if phrase is not None else bare)
        if not found:
            continue
        term = Term(tuple(found), prefix=phrase is None and bare.endswith("*"))
        if negated:
            query.excluded.append(term)
        elif either:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
        either = False
    return query
