"""The board's and the secretariat's screen of the search requests for premises."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from bid.menu import PermissionMenuItem
from members.premises import admin_views


@hooks.register("register_admin_urls")
def premises_urls():
    return [
        path(
            "premises/requests/",
            admin_views.requests,
            name="premises_admin_requests",
        ),
        path(
            "premises/requests/<int:pk>/remove/",
            admin_views.remove,
            name="premises_admin_request_remove",
        ),
    ]


@hooks.register("register_admin_menu_item")
def requests_menu_item():
    return PermissionMenuItem(
        _("Premises requests"),
        reverse("premises_admin_requests"),
        icon_name="home",
        order=174,
        permission=admin_views.PERMISSION,
    )
