"""The staff roles and what each may do, applied by data migrations.

Functions here take the migration's app registry so that later migrations can
grant permissions of models they add without importing live models.
"""

from django.contrib.auth.management import create_permissions

from bid import access

BOARD = access.BOARD_GROUP
SECRETARIAT = access.SECRETARIAT_GROUP


def ensure_permissions_exist(apps) -> None:
    """Create permission rows now; Django would only do so after all migrations."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def find_permission(apps, dotted: str):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant_model_permissions(apps, group_name: str, dotted_names: list[str]) -> None:
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*(find_permission(apps, name) for name in dotted_names))


def grant_page_permissions(apps, group_name: str, codenames: list[str]) -> None:
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group, _ = Group.objects.get_or_create(name=group_name)
    root = Page.objects.get(depth=1)
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=find_permission(apps, f"wagtailcore.{codename}"),
        )


def grant_collection_permissions(apps, group_name: str, dotted_names: list[str]):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    group, _ = Group.objects.get_or_create(name=group_name)
    root = Collection.objects.get(depth=1)
    for name in dotted_names:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=find_permission(apps, name)
        )


def apply_roles(apps, *, model: dict, page: dict, collection: dict) -> None:
    """Grant each group its model, page-tree and collection permissions."""
    ensure_permissions_exist(apps)
    for group_name, names in model.items():
        grant_model_permissions(apps, group_name, names)
    for group_name, codenames in page.items():
        grant_page_permissions(apps, group_name, codenames)
    for group_name, names in collection.items():
        grant_collection_permissions(apps, group_name, names)
