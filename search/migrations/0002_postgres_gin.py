"""The GIN index on the tsvector column exists on PostgreSQL only (SQLite
matches stems with LIKE and has no GIN)."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS search_entry_vector_gin "
    "ON search_searchentry USING gin (search_vector)"
)
DROP = "DROP INDEX IF EXISTS search_entry_vector_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
