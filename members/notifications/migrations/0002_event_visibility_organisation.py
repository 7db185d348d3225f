"""Events an organisation and the board may see were stored as "private"; the one
vocabulary of `bid.access` calls them "organisation"."""

from django.db import migrations, models


def to_organisation(apps, schema_editor):
    Event = apps.get_model("notifications", "Event")
    Event.objects.filter(visibility="private").update(visibility="organisation")


def to_private(apps, schema_editor):
    Event = apps.get_model("notifications", "Event")
    Event.objects.filter(visibility="organisation").update(visibility="private")


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="event",
            name="visibility",
            field=models.CharField(max_length=20),
        ),
        migrations.RunPython(to_organisation, to_private),
    ]
