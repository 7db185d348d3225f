"""The board and the secretariat follow the search requests and their matches,
and choose the plan indicators the register feeds."""

from django.db import migrations

from members.accounts import roles

PERMISSIONS = [
    "premises.view_premises",
    "premises.view_premisesrequest",
    "premises.view_match",
    *(
        f"premises.{action}_vacancyindicator"
        for action in ("add", "change", "delete", "view")
    ),
]


def apply(apps, schema_editor):
    roles.ensure_permissions_exist(apps)
    for group in (roles.BOARD, roles.SECRETARIAT):
        roles.grant_model_permissions(apps, group, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("premises", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
