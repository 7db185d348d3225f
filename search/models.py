"""The database search index: one row per search document.

Each engine fills its own columns. PostgreSQL: `search_vector`, the words
stemmed with the document's language configuration (GIN-indexed, created by
migration only there). SQLite: the `*_terms` columns, what its FTS5 index
`search_fts` (created by migration only there) holds for the row, one term per
word of the text; triggers copy them into the index on every write and use
them to take the row out again (search/backends/sqlite.py).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    doc_id = models.CharField(max_length=120, unique=True)
    group = models.CharField(max_length=120, db_index=True)
    type = models.CharField(max_length=30)
    title = models.TextField()
    body = models.TextField(blank=True)
    language = models.CharField(max_length=5)
    config = models.CharField(max_length=20)  # PostgreSQL text search configuration
    localized = models.BooleanField(default=False)
    visibility = models.CharField(max_length=15)
    organisation_id = models.BigIntegerField(null=True, blank=True)
    committee = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    url = models.CharField(max_length=500)
    search_vector = SearchVectorField(null=True, blank=True)
    title_terms = models.TextField(blank=True)
    committee_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["visibility", "organisation_id"]),
            models.Index(fields=["language", "localized"]),
            models.Index(fields=["-date"]),
        ]

    def __str__(self):
        return self.doc_id


class SearchTag(models.Model):
    """A multi-valued facet value of an entry: an area or a priority."""

    AREA, PRIORITY = "area", "priority"

    entry = models.ForeignKey(
        SearchEntry, on_delete=models.CASCADE, related_name="tags"
    )
    kind = models.CharField(max_length=10)
    value = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["kind", "value"])]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "kind", "value"], name="search_tag_once"
            )
        ]


class SearchWord(models.Model):
    """A word of the indexed text, for "did you mean" on PostgreSQL: its
    trigram index (created by migration only there) finds the words like a
    misspelt one. Words are added as entries are written and dropped on a
    rebuild, so the list may hold words no entry has any longer; a word is
    only suggested after a query over the entries the reader may see finds it.
    """

    word = models.CharField(max_length=60, unique=True)

    def __str__(self):
        return self.word
