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
  language), `word*` matches by prefix and "a phrase" in quotes as a phrase.
- Filters: within one facet the chosen values combine with OR, across facets
  with AND. Facet counts are disjunctive: each facet is counted with the other
  facets' filters but not its own, so a reader can add a second value.
- Snippets are safe HTML: the text escaped, matched words in <mark>.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from search.documents import FACETS, Audience, SearchDocument

# Highlighters mark matches with these; `mark_snippet` turns them into <mark>.
START, STOP = "\x02", "\x03"


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

    @classmethod
    def empty(cls) -> "SearchResults":
        return cls(hits=[], total=0, facets={name: [] for name in FACETS})


class BaseSearchBackend:
    name = "base"

    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace these documents (by id). Returns how many."""
        raise NotImplementedError

    def delete(self, ids: Iterable[str]) -> None:
        raise NotImplementedError

    def replace_group(self, group: str, documents: list[SearchDocument]) -> None:
        """Make the index hold exactly these documents for the source `group`
        (an empty list removes the source from the index)."""
        raise NotImplementedError

    def bulk_index(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        """Index many documents efficiently; `progress(n)` is called as they go."""
        raise NotImplementedError

    def rebuild(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        """Replace the whole index with these documents."""
        raise NotImplementedError

    def search(self, request: SearchRequest) -> SearchResults:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError
