"""The auditors' screens in the admin, under Settings."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from bid.menu import PermissionMenuItem
from members.auditing import admin_views, services


@hooks.register("register_admin_urls")
def auditing_urls():
    return [
        path("auditors/", admin_views.auditors, name="auditing_auditors"),
        path("auditors/<int:pk>/revoke/", admin_views.revoke, name="auditing_revoke"),
        path("auditors/log/", admin_views.log, name="auditing_log"),
    ]


@hooks.register("register_settings_menu_item")
def auditors_menu():
    return PermissionMenuItem(
        _("Auditors"),
        reverse("auditing_auditors"),
        icon_name="user",
        order=650,
        permission=services.PERMISSION,
    )
