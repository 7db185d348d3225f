"""Move each indicator's name_xx/unit_xx columns into IndicatorText rows, one per
language, and back. The codes are those the columns were made for."""

from django.db import migrations

CODES = ("da", "nb", "en")


def columns_to_texts(apps, schema_editor):
    Indicator = apps.get_model("home", "Indicator")
    IndicatorText = apps.get_model("home", "IndicatorText")
    Locale = apps.get_model("wagtailcore", "Locale")
    texts = []
    locales = {}
    for indicator in Indicator.objects.order_by("pk").iterator():
        for code in CODES:
            name = getattr(indicator, f"name_{code}")
            unit = getattr(indicator, f"unit_{code}")
            if not (name or unit):
                continue
            if code not in locales:
                locales[code], _created = Locale.objects.get_or_create(
                    language_code=code
                )
            texts.append(
                IndicatorText(
                    indicator=indicator, locale=locales[code], name=name, unit=unit
                )
            )
    IndicatorText.objects.bulk_create(texts, batch_size=500)


def texts_to_columns(apps, schema_editor):
    Indicator = apps.get_model("home", "Indicator")
    IndicatorText = apps.get_model("home", "IndicatorText")
    texts = list(
        IndicatorText.objects.filter(locale__language_code__in=CODES).select_related(
            "locale"
        )
    )
    indicators = Indicator.objects.in_bulk({text.indicator_id for text in texts})
    for text in texts:
        indicator = indicators[text.indicator_id]
        code = text.locale.language_code
        setattr(indicator, f"name_{code}", text.name)
        setattr(indicator, f"unit_{code}", text.unit)
    fields = [f"{field}_{code}" for field in ("name", "unit") for code in CODES]
    Indicator.objects.bulk_update(indicators.values(), fields, batch_size=500)
    # Texts in languages the columns never had are lost with the table (0011).
    IndicatorText.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0011_indicatortext"),
    ]

    operations = [
        migrations.RunPython(columns_to_texts, texts_to_columns),
    ]
