"""The vocabulary "did you mean" looks in: on PostgreSQL a trigram index
(pg_trgm) over it, filled from the entries already indexed. And, on
PostgreSQL, the vectors' GIN index with each entry's configuration in it, and
indexes of the order a search takes its candidates in (newest first,
search/backends/database.py), alone and after each facet's column, which
SQLite cannot declare (NULLS LAST)."""

from django.contrib.postgres.operations import BtreeGinExtension, TrigramExtension
from django.db import migrations, models

CREATE = [
    "CREATE INDEX IF NOT EXISTS search_word_trigram "
    "ON search_searchword USING gin (word gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_entry_newest "
    "ON search_searchentry (date DESC NULLS LAST, doc_id)",
    # The language's configuration beside its vector (btree_gin), so a query
    # in one language's configuration is answered by the index alone; without
    # it every row the index finds is read again to check its configuration,
    # and its vector with it.
    "CREATE INDEX IF NOT EXISTS search_entry_config_vector "
    "ON search_searchentry USING gin (config, search_vector)",
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    # A facet's choice, newest first.
    "CREATE INDEX IF NOT EXISTS search_entry_type_newest "
    "ON search_searchentry (type, date DESC NULLS LAST, doc_id)",
    "CREATE INDEX IF NOT EXISTS search_entry_year_newest "
    "ON search_searchentry (year, date DESC NULLS LAST, doc_id)",
    "CREATE INDEX IF NOT EXISTS search_entry_committee_newest "
    "ON search_searchentry (committee, date DESC NULLS LAST, doc_id)",
]
DROP = [
    "DROP INDEX IF EXISTS search_word_trigram",
    "DROP INDEX IF EXISTS search_entry_newest",
    "DROP INDEX IF EXISTS search_entry_type_newest",
    "DROP INDEX IF EXISTS search_entry_year_newest",
    "DROP INDEX IF EXISTS search_entry_committee_newest",
    "CREATE INDEX IF NOT EXISTS search_entry_vector_gin "
    "ON search_searchentry USING gin (search_vector)",
    "DROP INDEX IF EXISTS search_entry_config_vector",
]
# The unstemmed words of the text (weight D, search/backends/postgres.py).
FILL = """
INSERT INTO search_searchword (word)
SELECT DISTINCT w.lexeme FROM search_searchentry e, unnest(e.search_vector) w
WHERE 'D' = ANY(w.weights) AND char_length(w.lexeme) BETWEEN 3 AND 60
AND w.lexeme !~ '[[:digit:]_]'
ORDER BY 1
ON CONFLICT (word) DO NOTHING
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)
        schema_editor.execute(FILL)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sqlite_fts")]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("word", models.CharField(max_length=60, unique=True)),
            ],
        ),
        TrigramExtension(),
        BtreeGinExtension(),
        migrations.RunPython(create, drop),
    ]
