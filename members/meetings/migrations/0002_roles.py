"""The board and the secretariat keep the meeting records."""

from django.db import migrations

from members.accounts import roles

PERMISSIONS = [
    "meetings.view_meeting",
    "meetings.add_meeting",
    "meetings.change_meeting",
    "meetings.delete_meeting",
    "meetings.record_meeting",
    "meetings.view_body",
    "meetings.add_body",
    "meetings.change_body",
    "meetings.delete_body",
]


def apply(apps, schema_editor):
    roles.ensure_permissions_exist(apps)
    for group in (roles.BOARD, roles.SECRETARIAT):
        roles.grant_model_permissions(apps, group, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
