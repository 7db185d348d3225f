"""The indicator's per-language columns, now in IndicatorText (0012)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0012_indicator_texts_from_columns"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="indicator",
            name="name_da",
        ),
        migrations.RemoveField(
            model_name="indicator",
            name="name_en",
        ),
        migrations.RemoveField(
            model_name="indicator",
            name="name_nb",
        ),
        migrations.RemoveField(
            model_name="indicator",
            name="unit_da",
        ),
        migrations.RemoveField(
            model_name="indicator",
            name="unit_en",
        ),
        migrations.RemoveField(
            model_name="indicator",
            name="unit_nb",
        ),
    ]
