"""The search backend in use: Elasticsearch when ELASTICSEARCH_URL is set, with
the database kept up to date beside it and answering whenever Elasticsearch
cannot; the database alone otherwise, with the backend of its engine
(PostgreSQL or SQLite)."""

import functools
import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections

from search.backends.base import BaseSearchBackend, SearchRequest, SearchResults
from search.backends.database import DatabaseSearchBackend
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.postgres import PostgresSearchBackend
from search.backends.sqlite import SQLiteSearchBackend

logger = logging.getLogger("search")


class FallbackBackend(BaseSearchBackend):
    """Writes go to both; reads go to Elasticsearch and, when it is unreachable
    or fails, to the database (logged as a warning, never shown as an error)."""

    def __init__(self, primary: BaseSearchBackend, fallback: BaseSearchBackend):
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name

    def _both(self, method: str, *args, **kwargs):
        result = getattr(self.fallback, method)(*args, **kwargs)
        try:
            getattr(self.primary, method)(*args, **kwargs)
        except Exception:
            logger.warning(
                "Elasticsearch %s failed; the database index is current",
                method,
                exc_info=True,
            )
        return result

    def index(self, documents):
        return self._both("index", list(documents))

    def delete(self, ids):
        return self._both("delete", list(ids))

    def replace_group(self, group, documents):
        return self._both("replace_group", group, documents)

    def bulk_index(self, documents, *, progress=None):
        documents = list(documents)
        self.fallback.bulk_index(documents)
        return self.primary.bulk_index(documents, progress=progress)

    def rebuild(self, documents, *, progress=None):
        documents = list(documents)
        self.fallback.rebuild(documents)
        return self.primary.rebuild(documents, progress=progress)

    def count(self):
        return self.fallback.count()

    def search(self, request: SearchRequest) -> SearchResults:
        try:
            return self.primary.search(request)
        except Exception:
            logger.warning(
                "Elasticsearch search failed; answered by the database", exc_info=True
            )
            return self.fallback.search(request)


DATABASE_BACKENDS = {
    "postgresql": PostgresSearchBackend,
    "sqlite": SQLiteSearchBackend,
}


def get_database_backend(using: str = DEFAULT_DB_ALIAS) -> DatabaseSearchBackend:
    """The search backend of the database `using`, chosen by its engine."""
    vendor = connections[using].vendor
    if vendor not in DATABASE_BACKENDS:
        raise ImproperlyConfigured(
            f"Search has no backend for the {vendor} database: use PostgreSQL or SQLite"
        )
    return DATABASE_BACKENDS[vendor](using=using)


@functools.cache
def _backend(url: str, prefix: str) -> BaseSearchBackend:
    database = get_database_backend()
    if not url:
        return database
    return FallbackBackend(ElasticsearchBackend(url, prefix=prefix), database)


def get_search_backend() -> BaseSearchBackend:
    return _backend(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX_PREFIX)
