"""What the search index holds: one flat document per searchable thing, and
the audience a query is made for.

Every document says who may see it (`visibility`, and for organisation-private
records the organisation), so every backend can make visibility part of the
query itself.
"""

import datetime
import html
import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags

PUBLIC, MEMBERS, BOARD, ORGANISATION = "public", "members", "board", "organisation"
VISIBILITIES = (PUBLIC, MEMBERS, BOARD, ORGANISATION)
LANGUAGES = ("sv", "da", "nb", "en")
# The facets a search can be narrowed by: the parameter name and the field.
FACETS = ("type", "body", "year", "area", "priority")


@dataclass(frozen=True)
class Audience:
    """Who is searching: the visibility levels they may read, and the
    organisations whose private records (drafts) they may read."""

    levels: frozenset = frozenset({PUBLIC})
    organisations: frozenset = frozenset()

    @classmethod
    def public(cls) -> "Audience":
        return cls()


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
        if self.language not in LANGUAGES:
            raise ValueError(f"unknown language {self.language!r}")
        if self.year is None and self.date is not None:
            self.year = self.date.year

    def visible_to(self, audience: Audience) -> bool:
        if self.visibility == ORGANISATION:
            return self.organisation_id in audience.organisations
        return self.visibility in audience.levels


def plain_text(value: str) -> str:
    """Rich text or HTML as plain words, whitespace collapsed."""
    text = html.unescape(
        strip_tags(re.sub(r"<(br|/p|/h\d|/li)[^>]*>", " ", value or ""))
    )
    return re.sub(r"\s+", " ", text).strip()
