"""SQLite's FTS5 index of the search entries, in place of the stems matched
with LIKE: the index reads its text from search_searchentry and indexes the
entries' `*_terms` columns, which triggers copy into it on every write (and use
to take a row out again). PostgreSQL has its GIN index (0002) instead.

Django remakes a SQLite table to alter it, which drops its triggers: a later
migration that alters search_searchentry must run `create_triggers` again.
"""

from django.db import migrations, models

from search.backends.sqlite import index_terms

TABLE = """
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, committee, body, language,
    content='search_searchentry', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0'
)
"""
ADD = (
    "INSERT INTO search_fts (rowid, title, committee, body, language) "
    "VALUES (new.id, new.title_terms, new.committee_terms, new.body_terms, "
    "new.language);"
)
REMOVE = (
    "INSERT INTO search_fts (search_fts, rowid, title, committee, body, language) "
    "VALUES ('delete', old.id, old.title_terms, old.committee_terms, "
    "old.body_terms, old.language);"
)
TRIGGERS = {
    "search_fts_insert": f"AFTER INSERT ON search_searchentry BEGIN {ADD} END",
    "search_fts_delete": f"AFTER DELETE ON search_searchentry BEGIN {REMOVE} END",
    "search_fts_update": (
        f"AFTER UPDATE ON search_searchentry BEGIN {REMOVE} {ADD} END"
    ),
}
BATCH = 500


def create_triggers(schema_editor):
    for name, body in TRIGGERS.items():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute(f"CREATE TRIGGER {name} {body}")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    entries = apps.get_model("search", "SearchEntry").objects.using(
        schema_editor.connection.alias
    )
    pks = list(entries.values_list("pk", flat=True))
    with schema_editor.connection.cursor() as cursor:
        for start in range(0, len(pks), BATCH):
            batch = list(entries.filter(pk__in=pks[start : start + BATCH]))
            terms = index_terms(
                cursor, [(e.title, e.committee, e.body, e.language) for e in batch]
            )
            for entry, (title, committee, body) in zip(batch, terms, strict=True):
                entry.title_terms = title
                entry.committee_terms = committee
                entry.body_terms = body
            entries.bulk_update(
                batch, ["title_terms", "committee_terms", "body_terms"]
            )
    schema_editor.execute(TABLE)
    schema_editor.execute(
        "INSERT INTO search_fts (rowid, title, committee, body, language) "
        "SELECT id, title_terms, committee_terms, body_terms, language "
        "FROM search_searchentry"
    )
    create_triggers(schema_editor)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    schema_editor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_gin")]

    operations = [
        migrations.RemoveField(model_name="searchentry", name="stems"),
        migrations.RemoveField(model_name="searchentry", name="title_stems"),
        migrations.AddField(
            model_name="searchentry",
            name="title_terms",
            field=models.TextField(blank=True, default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchentry",
            name="committee_terms",
            field=models.TextField(blank=True, default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchentry",
            name="body_terms",
            field=models.TextField(blank=True, default=""),
            preserve_default=False,
        ),
        migrations.RunPython(create_index, drop_index),
    ]
