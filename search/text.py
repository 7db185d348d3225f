"""Words and stems for the SQLite path and the Python highlighter, with the
same Snowball stemmers PostgreSQL and Elasticsearch use."""

import functools
import re

import snowballstemmer

STEMMERS = {"sv": "swedish", "da": "danish", "nb": "norwegian", "en": "english"}
CONFIGS = STEMMERS  # PostgreSQL text search configurations have the same names
WORD = re.compile(r"\w+", re.UNICODE)


@functools.cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(STEMMERS.get(language, "swedish"))


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text or "")]


def stem(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word.lower())


def stems(text: str, language: str) -> str:
    """The text's stems and then its distinct words, space-delimited with a
    space at each end: a word is found with LIKE '% stem %', a prefix with
    LIKE '% pre%' (on the words, as a stem may be shorter than the prefix)."""
    found = words(text)
    stemmer = _stemmer(language)
    return " " + " ".join([*stemmer.stemWords(found), *dict.fromkeys(found)]) + " "


@functools.cache
def stem_variants(word: str) -> frozenset[str]:
    """A query word stemmed in every language: documents are in several."""
    return frozenset(stem(word, language) for language in STEMMERS)


def parse(query: str) -> list[tuple[str, bool]]:
    """The query's words as (word, is_prefix). Quotes and operators are read as
    words: the simple path matches all words, in any order."""
    terms = []
    for match in re.finditer(r"(\w+)(\*?)", query or "", re.UNICODE):
        terms.append((match.group(1).lower(), bool(match.group(2))))
    return terms
