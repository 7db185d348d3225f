"""The board and the secretariat follow projects up: funding, spending,
milestones, indicators and evaluations."""

from django.db import migrations

from members.accounts import roles

MODELS = ["fundingline", "expenditure", "milestone", "projectindicator", "evaluation"]
PERMISSIONS = [
    f"projects.{action}_{model}"
    for model in MODELS
    for action in ("add", "change", "delete", "view")
]


def apply(apps, schema_editor):
    roles.ensure_permissions_exist(apps)
    for group in (roles.BOARD, roles.SECRETARIAT):
        roles.grant_model_permissions(apps, group, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_lessons_page"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
