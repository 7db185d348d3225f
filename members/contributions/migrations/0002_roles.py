"""The board sets schemes, runs invoicing and follows collection; the secretariat
also records bank payments and voids invoices."""

from django.db import migrations

from members.accounts import roles

BOARD = [
    "contributions.view_contribution",
    "contributions.view_contributionscheme",
    "contributions.add_contributionscheme",
    "contributions.change_contributionscheme",
    "contributions.run_invoicing",
]
SECRETARIAT = BOARD + [
    "contributions.change_contribution",
    "contributions.add_ledgerentry",
    "contributions.view_ledgerentry",
]


def apply(apps, schema_editor):
    roles.ensure_permissions_exist(apps)
    roles.grant_model_permissions(apps, roles.BOARD, BOARD)
    roles.grant_model_permissions(apps, roles.SECRETARIAT, SECRETARIAT)


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
