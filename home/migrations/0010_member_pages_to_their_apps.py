"""The member domains' pages move to their apps: the meetings index to meetings,
the project list to proposals, the join page and the member directory to
enrolment.

Nothing is copied: each table is renamed to its new app's name and the content
type is relabelled, so the pages, their revisions, their log and their
permissions stay as they are. The apps' own migrations then take the models
into their state without touching the database.
"""

from django.db import migrations

MOVED = {
    "meetingindexpage": "meetings",
    "projectindexpage": "proposals",
    "joinpage": "enrolment",
    "memberdirectorypage": "enrolment",
}


def _relabel(apps, schema_editor, *, forwards: bool) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model, app_label in MOVED.items():
        source, target = ("home", app_label) if forwards else (app_label, "home")
        # On a new database no content type exists yet (they are made after the
        # last migration); one already under the target label is left alone.
        if types.filter(app_label=target, model=model).exists():
            continue
        types.filter(app_label=source, model=model).update(app_label=target)


def relabel_forwards(apps, schema_editor):
    _relabel(apps, schema_editor, forwards=True)


def relabel_backwards(apps, schema_editor):
    _relabel(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0009_payment_details_to_invoice_settings"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="JoinPage", table="enrolment_joinpage"),
                migrations.AlterModelTable(
                    name="MeetingIndexPage", table="meetings_meetingindexpage"
                ),
                migrations.AlterModelTable(
                    name="MemberDirectoryPage", table="enrolment_memberdirectorypage"
                ),
                migrations.AlterModelTable(
                    name="ProjectIndexPage", table="proposals_projectindexpage"
                ),
            ],
            state_operations=[
                migrations.DeleteModel(name="JoinPage"),
                migrations.DeleteModel(name="MeetingIndexPage"),
                migrations.DeleteModel(name="MemberDirectoryPage"),
                migrations.DeleteModel(name="ProjectIndexPage"),
            ],
        ),
        migrations.RunPython(relabel_forwards, relabel_backwards),
    ]
