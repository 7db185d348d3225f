"""The board and the secretariat run the operational work; the secretariat
consolidates the weekly picture."""

from django.db import migrations

from members.accounts import roles

BOTH = [
    f"areas.{action}_{model}"
    for model in ("area", "actionitem", "safetywalk")
    for action in ("view", "add", "change", "delete")
] + [
    "areas.view_weeklyreport",
    "areas.view_weekpicture",
    "areas.view_observation",
    "areas.change_observation",
    "areas.manage_actions",
]
SECRETARIAT = [
    "areas.change_weeklyreport",
    "areas.add_weekpicture",
    "areas.change_weekpicture",
    "areas.consolidate_week",
]


def apply(apps, schema_editor):
    roles.ensure_permissions_exist(apps)
    roles.grant_model_permissions(apps, roles.BOARD, BOTH)
    roles.grant_model_permissions(apps, roles.SECRETARIAT, BOTH + SECRETARIAT)


class Migration(migrations.Migration):
    dependencies = [("areas", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
