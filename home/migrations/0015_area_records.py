# A priority's areas and an indicator's area are the situational picture's areas.

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def link_areas(apps, schema_editor):
    """The comma-separated area names become links to the areas of that name."""
    Area = apps.get_model("areas", "Area")
    PriorityPage = apps.get_model("home", "PriorityPage")
    through = PriorityPage.district_areas.through
    by_name = {}
    for area in Area.objects.all():
        by_name[area.name.casefold()] = area.pk
        by_name[area.slug.casefold()] = area.pk
    links = []
    for pk, text in PriorityPage.objects.exclude(areas_text="").values_list(
        "pk", "areas_text"
    ):
        found = {by_name.get(name.strip().casefold()) for name in text.split(",")}
        links += [through(prioritypage_id=pk, area_id=area) for area in found if area]
    through.objects.bulk_create(links)


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0006_safetywalk_kind"),
        ("home", "0014_names_not_addresses"),
    ]

    operations = [
        migrations.RenameField("prioritypage", "areas", "areas_text"),
        migrations.AddField(
            model_name="indicator",
            name="area",
            field=models.ForeignKey(
                blank=True,
                help_text="Where it is measured, if in one area of the district only.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="indicators",
                to="areas.area",
                verbose_name="area",
            ),
        ),
        migrations.AddField(
            model_name="prioritypage",
            name="district_areas",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                help_text="Where the priority's work is done; choose several where true.",
                related_name="priorities",
                to="areas.area",
                verbose_name="areas of the district",
            ),
        ),
        migrations.RunPython(link_areas, migrations.RunPython.noop),
        migrations.RemoveField("prioritypage", "areas_text"),
    ]
