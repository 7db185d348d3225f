"""Payment details move from the footer's district settings to the invoice
settings of contributions, with the district's name, number and address as the
seller; what was entered is carried over."""

from django.db import migrations

CURRENCY_COUNTRY = {"SEK": "SE", "DKK": "DK", "NOK": "NO"}


def carry_over(apps, schema_editor):
    DistrictSettings = apps.get_model("home", "DistrictSettings")
    InvoiceSettings = apps.get_model("contributions", "InvoiceSettings")
    district = DistrictSettings.objects.order_by("pk").first()
    if district is None or InvoiceSettings.objects.exists():
        return
    InvoiceSettings.objects.create(
        legal_name=district.organisation_name,
        org_number=district.organisation_number,
        street_address=district.street_address,
        postal_code=district.postal_code[:12],
        city=district.city,
        country=CURRENCY_COUNTRY.get(district.currency, "SE"),
        email=district.email,
        phone=district.phone,
        bankgiro=district.bankgiro,
        iban=district.iban,
        bic=district.bic,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_meetingindexpage"),
        ("contributions", "0004_existing_invoices_and_roles"),
    ]

    operations = [
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.RemoveField(model_name="districtsettings", name="bankgiro"),
        migrations.RemoveField(model_name="districtsettings", name="bic"),
        migrations.RemoveField(model_name="districtsettings", name="iban"),
    ]
