"""The search backend contract, in the spirit of Wagtail's search backends.

A backend indexes `SearchDocument`s and answers a `SearchRequest` with
`SearchResults`. Rules every backend keeps:

- Visibility is part of the query: a document is a candidate only if its
  visibility is one of the audience's levels, or it is organisation-private and
  its organisation is one of the audience's organisations.
- Language: documents with `localized=True` match only in the request's
  language; the others match whatever the reader's language.
- Text: an empty query, or one of only `*`, matches every candidate (newest
  first). Otherwise every word must match (stemmed with the document's
  language), `word*` matches by prefix and "a phrase" in quotes as a phrase
  (search/text.py reads the syntax). Matches in the title rank above matches
  in the body; equal ranks go newest first.
- Filters: within one facet the chosen values combine with OR, across facets
  with AND. Facet counts are disjunctive: each facet is counted with the other
  facets' filters but not its own, so a reader can add a second value.
- Snippets are safe HTML: the text escaped, matched words in <mark>.
- Counts are exact up to `COUNT_CAP` matches; past it `total` is the cap and
  `more` is true (the database backends also rank and count facets over those
  first matches only, see database.py).
- Suggestions ("did you mean") come only from documents the audience may
  see, checked by a query with the same visibility conditions as a search.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.documents import Audience, SearchDocument
from search.stopwords import STOP_WORDS

# Highlighters mark matches with these; `mark_snippet` turns them into <mark>.
START, STOP = "\x02", "\x03"
# Matches counted exactly (and, in the database, ranked): as many as the
# search page can show (search/views.py, MAX_PAGE pages of PER_PAGE).
COUNT_CAP = 1000
# A query's words that suggestions may replace, and how many.
SUGGESTED_WORD = re.compile(r"(\w+)(\*?)")
SUGGESTED_WORDS = 5
ANY_STOP_WORD = frozenset().union(*STOP_WORDS.values())


def mark_snippet(text: str) -> str:
    """Safe HTML from a highlighter's text: escaped, matches in <mark>."""
    cleaned = escape(text.replace("\x00", ""))
    # Escaped above; only the highlighters' control characters become <mark>.
    return mark_safe(cleaned.replace(START, "<mark>").replace(STOP, "</mark>"))  # nosec B308, B703


@dataclass
class SearchRequest:
    query: str
    audience: Audience
    language: str = "sv"
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 10

    @property
    def text(self) -> str:
        """The query, or "" when it asks for everything."""
        # PostgreSQL refuses NUL in any text, and no document contains one.
        query = self.query.replace("\x00", "").strip()
        return "" if not query.replace("*", "").strip() else query

    @property
    def offset(self) -> int:
        return (max(self.page, 1) - 1) * self.per_page


def suggestible_words(text: str) -> list[str]:
    """The words of a query a suggestion may replace (lower case, at most
    SUGGESTED_WORDS): not prefixes, operators, stop words, numbers or words
    shorter than three letters."""
    found = []
    for match in SUGGESTED_WORD.finditer(text):
        word, prefix = match.group(1).lower(), match.group(2)
        if (
            prefix
            or len(word) < 3
            or len(word) > 60
            or not word.isalpha()
            or word in ANY_STOP_WORD
            or word == "or"
        ):
            continue
        if word not in found:
            found.append(word)
    return found[:SUGGESTED_WORDS]


def replace_words(text: str, replacements: dict[str, str]) -> str:
    """The query with its words replaced (other characters kept), or "" when
    no word changes."""
    if not replacements:
        return ""

    def replaced(match: re.Match) -> str:
        word = match.group(1)
        if match.group(2):
            return match.group(0)
        return replacements.get(word.lower(), word)

    return SUGGESTED_WORD.sub(replaced, text)


@dataclass
class Hit:
    document: SearchDocument
    snippet: str  # safe HTML
    score: float = 0.0


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    backend: str = ""
    more: bool = False  # more than `total` (COUNT_CAP) documents match


class BaseSearchBackend:
    name = "base"

    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace these documents (by id). Returns how many."""
        raise NotImplementedError(
            "subclasses of BaseSearchBackend must provide index()"
        )

    def delete(self, ids: Iterable[str]) -> None:
        raise NotImplementedError(
            "subclasses of BaseSearchBackend must provide delete()"
        )

    def replace_group(self, group: str, documents: list[SearchDocument]) -> None:
        """Make the index hold exactly these documents for the source `group`
        (an empty list removes the source from the index)."""
        raise NotImplementedError(
            "subclasses of BaseSearchBackend must provide replace_group()"
        )

    def bulk_index(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        """Index many documents efficiently; `progress(n)` is called as they go."""
        raise NotImplementedError(
            "subclasses of BaseSearchBackend must provide bulk_index()"
        )

    def rebuild(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        """Replace the whole index with these documents."""
        raise NotImplementedError(
            "subclasses of BaseSearchBackend must provide rebuild()"
        )

    def search(self, request: SearchRequest) -> SearchResults:
        raise NotImplementedError(
            "subclasses of BaseSearchBackend must provide search()"
        )

    def count(self) -> int:
        raise NotImplementedError(
            "subclasses of BaseSearchBackend must provide count()"
        )

    def suggest(self, request: SearchRequest) -> str:
        """The query with its misspelt words replaced by words of documents
        the audience may see ("did you mean"), or "" (always, by default)."""
        return ""
