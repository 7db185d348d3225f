"""The SQLite search index beside PostgreSQL: the test settings' "sqlite"
database gets its tables from the models, and its FTS5 index and triggers here,
by the function migration 0003 makes them with."""

import importlib

import pytest
from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections

from tests.search.databases import SQLITE_ALIAS

fts = importlib.import_module("search.migrations.0003_sqlite_fts")


@pytest.fixture(scope="session")
def sqlite_search_db(django_db_setup, django_db_blocker) -> str:
    if SQLITE_ALIAS != DEFAULT_DB_ALIAS:
        with django_db_blocker.unblock():
            with connections[SQLITE_ALIAS].schema_editor() as editor:
                fts.create_index(apps, editor)
    return SQLITE_ALIAS
