"""The SQLite database the SQLite search backend's contract runs on: the
default database when it is SQLite, otherwise the "sqlite" database that the
test settings add beside PostgreSQL."""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

SQLITE_ALIAS = (
    DEFAULT_DB_ALIAS
    if settings.DATABASES[DEFAULT_DB_ALIAS]["ENGINE"] == "django.db.backends.sqlite3"
    else "sqlite"
)
