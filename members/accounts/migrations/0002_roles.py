"""The Board and Secretariat groups and what each may do in the admin.

Secretariat publishes; the Board edits and submits for approval. Superusers
(the administrators) need no group.
"""

from django.db import migrations

from members.accounts import roles

# Model permissions by group, as "app_label.codename".
MODEL_PERMISSIONS = {
    roles.BOARD: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    roles.SECRETARIAT: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.delete_user",
        "accounts.view_user",
        "auth.add_group",
        "auth.change_group",
        "auth.view_group",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        "wagtailcore.add_locale",
        "wagtailcore.change_locale",
        "wagtailcore.view_locale",
        "home.change_districtsettings",
    ],
}

# Page permissions on the whole tree (granted on the root page).
PAGE_PERMISSIONS = {
    roles.BOARD: ["add_page", "change_page"],
    roles.SECRETARIAT: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
}

# Collection permissions on the root collection, for images and documents.
COLLECTION_PERMISSIONS = {
    roles.BOARD: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    roles.SECRETARIAT: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
    ],
}


def create_roles(apps, schema_editor):
    roles.apply_roles(
        apps,
        model=MODEL_PERMISSIONS,
        page=PAGE_PERMISSIONS,
        collection=COLLECTION_PERMISSIONS,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("home", "0002_initial_site"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
