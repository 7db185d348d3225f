"""The board and the secretariat keep the agreements register."""

from django.db import migrations

from members.accounts import roles

MODELS = ["agreement", "obligation", "agreementdocument", "followup"]
PERMISSIONS = [
    f"agreements.{action}_{model}"
    for model in MODELS
    for action in ("add", "change", "delete", "view")
]


def apply(apps, schema_editor):
    roles.ensure_permissions_exist(apps)
    for group in (roles.BOARD, roles.SECRETARIAT):
        roles.grant_model_permissions(apps, group, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
