# A property's area is one of the situational picture's areas, not free text.
import django.db.models.deletion
from django.db import migrations, models


def link_areas(apps, schema_editor):
    Area = apps.get_model("areas", "Area")
    Property = apps.get_model("organisations", "Property")
    by_name = {}
    for area in Area.objects.all():
        by_name[area.name.casefold()] = area
        by_name[area.slug.casefold()] = area
    for prop in Property.objects.exclude(area_text=""):
        area = by_name.get(prop.area_text.strip().casefold())
        if area is not None:
            Property.objects.filter(pk=prop.pk).update(area_link=area)


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0006_safetywalk_kind"),
        ("organisations", "0004_property_position"),
    ]

    operations = [
        migrations.RenameField("property", "area", "area_text"),
        migrations.AddField(
            model_name="property",
            name="area_link",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="properties",
                to="areas.area",
                verbose_name="area of the district",
            ),
        ),
        migrations.RunPython(link_areas, migrations.RunPython.noop),
        migrations.RemoveField("property", "area_text"),
        migrations.RenameField("property", "area_link", "area"),
    ]
