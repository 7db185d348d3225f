# Projects can be discontinued, and their areas are the situational picture's.

from django.db import migrations, models


def link_areas(apps, schema_editor):
    """The comma-separated area names become links to the areas of that name."""
    Area = apps.get_model("areas", "Area")
    Proposal = apps.get_model("proposals", "Proposal")
    through = Proposal.areas.through
    by_name = {}
    for area in Area.objects.all():
        by_name[area.name.casefold()] = area.pk
        by_name[area.slug.casefold()] = area.pk
    links = []
    for pk, text in Proposal.objects.exclude(areas_text="").values_list(
        "pk", "areas_text"
    ):
        found = {by_name.get(name.strip().casefold()) for name in text.split(",")}
        links += [through(proposal_id=pk, area_id=area) for area in found if area]
    through.objects.bulk_create(links)


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0006_safetywalk_kind"),
        ("proposals", "0005_names_not_addresses"),
    ]

    operations = [
        migrations.AddField(
            model_name="proposal",
            name="closed_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When the project was completed or discontinued.",
                null=True,
                verbose_name="closed at",
            ),
        ),
        migrations.AddField(
            model_name="proposal",
            name="discontinued_reason",
            field=models.TextField(
                blank=True,
                help_text="Why the project was stopped before it was completed.",
                max_length=2000,
                verbose_name="reason for discontinuing",
            ),
        ),
        migrations.RenameField("proposal", "areas", "areas_text"),
        migrations.AlterField(
            model_name="proposal",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("submitted", "Submitted"),
                    ("under_review", "Under review"),
                    ("accepted", "Accepted"),
                    ("rejected", "Rejected"),
                    ("in_progress", "In progress"),
                    ("completed", "Completed"),
                    ("withdrawn", "Withdrawn"),
                    ("discontinued", "Discontinued"),
                ],
                default="draft",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="proposaltransition",
            name="from_status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("submitted", "Submitted"),
                    ("under_review", "Under review"),
                    ("accepted", "Accepted"),
                    ("rejected", "Rejected"),
                    ("in_progress", "In progress"),
                    ("completed", "Completed"),
                    ("withdrawn", "Withdrawn"),
                    ("discontinued", "Discontinued"),
                ],
                max_length=20,
                verbose_name="from",
            ),
        ),
        migrations.AlterField(
            model_name="proposaltransition",
            name="to_status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("submitted", "Submitted"),
                    ("under_review", "Under review"),
                    ("accepted", "Accepted"),
                    ("rejected", "Rejected"),
                    ("in_progress", "In progress"),
                    ("completed", "Completed"),
                    ("withdrawn", "Withdrawn"),
                    ("discontinued", "Discontinued"),
                ],
                max_length=20,
                verbose_name="to",
            ),
        ),
        migrations.AddField(
            model_name="proposal",
            name="areas",
            field=models.ManyToManyField(
                blank=True,
                help_text="Where the project takes place; choose several where true.",
                related_name="proposals",
                to="areas.area",
                verbose_name="areas of the district",
            ),
        ),
        migrations.RunPython(link_areas, migrations.RunPython.noop),
        migrations.RemoveField("proposal", "areas_text"),
    ]
