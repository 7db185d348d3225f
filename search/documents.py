"""What the search index holds: one flat document per searchable thing (the
audience a query is made for is `bid.access.Audience`, re-exported here).

Every document says who may see it (`visibility`, and for organisation-private
records the organisation), so every backend can make visibility part of the
query itself.
"""

import datetime
import html
import re
from dataclasses import dataclass, field

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


def in_every_language(*labels) -> list[str]:
    """Translatable labels (a record's kind, a premises' use) in the main
    language and then in the others, each wording once: a record kept in one
    language is found by a reader searching in theirs."""
    words: list[str] = []
    for code in (languages.default(), *languages.translations()):
        with translation.override(code):
            for label in labels:
                word = str(label)
                if word and word not in words:
                    words.append(word)
    return words
