"""The board edits indicators; every page publication is approved by the secretariat.

Wagtail's default "Moderators approval" workflow on the root page becomes the
Secretariat's approval, and its stock Moderators/Editors groups go away so the
admin shows only this project's roles.
"""

from django.db import migrations

from members.accounts import roles

INDICATOR_PERMISSIONS = [
    "home.add_indicator",
    "home.change_indicator",
    "home.delete_indicator",
    "home.view_indicator",
]


def apply(apps, schema_editor):
    roles.ensure_permissions_exist(apps)
    for group_name in (roles.BOARD, roles.SECRETARIAT):
        roles.grant_model_permissions(apps, group_name, INDICATOR_PERMISSIONS)

    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")

    secretariat = Group.objects.get(name=roles.SECRETARIAT)
    task = GroupApprovalTask.objects.filter(name="Moderators approval").first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name="Secretariat approval", content_type=task_type, active=True
        )
    task.name = "Secretariat approval"
    task.save()
    task.groups.set([secretariat])

    workflow = Workflow.objects.filter(name="Moderators approval").first()
    if workflow is None:
        workflow = Workflow.objects.create(name="Secretariat approval", active=True)
    workflow.name = "Secretariat approval"
    workflow.save()
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    root = Page.objects.get(depth=1)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_plan_priorities_news"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
