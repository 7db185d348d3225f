"""Invoices issued before VAT was recorded were issued without it, and their
property lines learn the use they were charged for; the new
documents, reviews, bank files and books get their roles."""

from django.db import migrations
from django.db.models import F

from members.accounts import roles

BOARD = [
    "contributions.view_creditnote",
    "contributions.view_bankimport",
    "contributions.view_banktransaction",
    "contributions.view_paymentreview",
]
SECRETARIAT = BOARD + [
    "contributions.add_bankimport",
    "contributions.change_paymentreview",
    "contributions.view_invoicesettings",
    "contributions.change_invoicesettings",
    "contributions.view_bookkeepingsettings",
    "contributions.change_bookkeepingsettings",
    "contributions.export_books",
]
EXEMPT = "Medlemsavgiften är inte momspliktig."


def apply(apps, schema_editor):
    Contribution = apps.get_model("contributions", "Contribution")
    ContributionScheme = apps.get_model("contributions", "ContributionScheme")
    Contribution.objects.filter(net_minor=0, vat_minor=0).update(
        net_minor=F("amount_minor")
    )
    ContributionScheme.objects.filter(vat_rate=0, vat_exemption_reason="").update(
        vat_exemption_reason=EXEMPT
    )
    Contribution.objects.filter(vat_minor=0, vat_exemption_reason="").update(
        vat_exemption_reason=EXEMPT
    )
    ContributionLine = apps.get_model("contributions", "ContributionLine")
    lines = ContributionLine.objects.filter(
        kind="property", use_category="", property__isnull=False
    ).select_related("property")
    for line in lines:
        line.use_category = line.property.use_category
        line.save(update_fields=["use_category"])
    roles.ensure_permissions_exist(apps)
    roles.grant_model_permissions(apps, roles.BOARD, BOARD)
    roles.grant_model_permissions(apps, roles.SECRETARIAT, SECRETARIAT)


class Migration(migrations.Migration):
    dependencies = [("contributions", "0003_invoices_books_and_bank")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
