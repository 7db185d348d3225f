"""What the search index holds: one flat document per searchable thing (the
audience a query is made for is `bid.access.Audience`, re-exported here).

Every document says who may see it (`visibility`, and for organisation-private
records the organisation), so every backend can make visibility part of the
query itself.
"""

import datetime
import html
import re
from dataclasses import dataclass, field, replace

from django.utils import translation
from django.utils.html import strip_tags

from bid import languages
from bid.access import ORGANISATION, PUBLIC, VISIBILITIES, Audience  # noqa: F401

# The facets a search can be narrowed by: the parameter name and the field.
FACETS = ("type", "body", "year", "area", "priority")


@dataclass
class SearchDocument:
    """One searchable record. `id` is stable, so indexing twice changes nothing;
    `group` names the source object, so re-indexing it replaces all its
    documents (a meeting has documents for itself, its minutes and decisions)."""

    id: str
    group: str
    type: str
    title: str
    body: str
    language: str
    url: str
    visibility: str = PUBLIC
    organisation_id: int | None = None
    # True when the source exists once per language (Wagtail pages): only the
    # reader's language is searched. False for records kept in one language.
    localized: bool = False
    committee: str = ""  # the body that met (the "body" facet)
    year: int | None = None
    areas: list[str] = field(default_factory=list)
    priorities: list[str] = field(default_factory=list)
    date: datetime.date | None = None

    def __post_init__(self):
        if self.visibility not in VISIBILITIES:
            raise ValueError(f"unknown visibility {self.visibility!r}")
        if self.visibility == ORGANISATION and self.organisation_id is None:
            raise ValueError("an organisation-private document needs its organisation")
        if self.language not in languages.codes():
            raise ValueError(f"unknown language {self.language!r}")
        if self.year is None and self.date is not None:
            self.year = self.date.year


def plain_text(value: str) -> str:
    """Rich text or HTML as plain words, whitespace collapsed."""
    text = html.unescape(
        strip_tags(re.sub(r"<(br|/p|/h\d|/li)[^>]*>", " ", value or ""))
    )
    return re.sub(r"\s+", " ", text).strip()


def in_each_language(build) -> list["SearchDocument"]:
    """A record kept in one language, as one document per language of the site
    (`localized`): `build()`, called with each language active, gives the
    documents with their labels (a record's kind, a premises' use) in it. A
    reader finds the record by the words of their language and reads a snippet
    in it, instead of one holding every language's wording. The language ends
    each document's id."""
    documents = []
    for code in languages.codes():
        with translation.override(code):
            documents.extend(
                replace(
                    document, id=f"{document.id}:{code}", language=code, localized=True
                )
                for document in build()
            )
    return documents
