"""The board and the secretariat give auditors access and read their log."""

from django.db import migrations

from members.accounts import roles

PERMISSIONS = ["auditing.manage_auditors"]


def apply(apps, schema_editor):
    roles.ensure_permissions_exist(apps)
    for group in (roles.BOARD, roles.SECRETARIAT):
        roles.grant_model_permissions(apps, group, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("auditing", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
