"""The board and the secretariat review and decide on proposals."""

from django.db import migrations

from members.accounts import roles

PERMISSIONS = ["proposals.view_proposal", "proposals.decide_proposal"]


def apply(apps, schema_editor):
    roles.ensure_permissions_exist(apps)
    for group in (roles.BOARD, roles.SECRETARIAT):
        roles.grant_model_permissions(apps, group, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
