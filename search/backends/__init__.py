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
from search.backends.breaker import CircuitBreaker
from search.backends.database import DatabaseSearchBackend
from search.backends.elasticsearch import ElasticsearchBackend, IndexMissingError
from search.backends.postgres import PostgresSearchBackend
from search.backends.sqlite import SQLiteSearchBackend

logger = logging.getLogger("search")


class FallbackBackend(BaseSearchBackend):
    """Writes go to both; reads go to Elasticsearch and, when it is unreachable,
    fails or has no rebuilt index, to the database (logged as a warning, never
    shown as an error). After a run of failures the breaker sends reads to the
    database without trying Elasticsearch, for a cooldown."""

    def __init__(
        self,
        primary: BaseSearchBackend,
        fallback: BaseSearchBackend,
        breaker: CircuitBreaker | None = None,
    ):
        self.primary = primary
        self.fallback = fallback
        self.breaker = breaker or CircuitBreaker()
        self.name = primary.name

    def _read(self, method: str, request: SearchRequest, *, probe: bool = True):
        """Ask Elasticsearch unless the breaker is open. Only a `probe` (a
        search, which always reaches the server) may close it again: a backend
        may answer some calls without asking the server at all."""
        allowed = self.breaker.allow() if probe else not self.breaker.is_open
        if not allowed:
            return getattr(self.fallback, method)(request)
        try:
            result = getattr(self.primary, method)(request)
        except IndexMissingError as error:
            logger.warning(
                "Elasticsearch has no rebuilt index (%s); answered by the database. "
                "Run manage.py search_index rebuild",
                error,
            )
        except Exception:
            logger.warning(
                "Elasticsearch %s failed; answered by the database",
                method,
                exc_info=True,
            )
        else:
            if probe:
                self.breaker.succeeded()
            return result
        if self.breaker.failed():
            logger.warning(
                "Elasticsearch failed %s times in a row; the database answers "
                "for %s seconds before it is tried again",
                self.breaker.failures,
                self.breaker.cooldown,
            )
        return getattr(self.fallback, method)(request)

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
        return self._read("search", request)

    def suggest(self, request: SearchRequest) -> str:
        return self._read("suggest", request, probe=False)


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
def _backend(
    url: str, prefix: str, timeout: float, failures: int, cooldown: float
) -> BaseSearchBackend:
    database = get_database_backend()
    if not url:
        return database
    return FallbackBackend(
        ElasticsearchBackend(url, prefix=prefix, timeout=timeout),
        database,
        CircuitBreaker(failures=failures, cooldown=cooldown),
    )


def get_search_backend() -> BaseSearchBackend:
    return _backend(
        settings.ELASTICSEARCH_URL,
        settings.ELASTICSEARCH_INDEX_PREFIX,
        settings.ELASTICSEARCH_TIMEOUT,
        settings.ELASTICSEARCH_BREAKER_FAILURES,
        settings.ELASTICSEARCH_BREAKER_COOLDOWN,
    )
