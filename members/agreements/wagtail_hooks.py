"""The board's and the secretariat's agreements screens in the admin."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from bid import dashboard
from bid.menu import PermissionMenuItem
from members.agreements import admin_views
from members.agreements.selectors import to_act_on_count


@hooks.register("register_admin_urls")
def agreement_urls():
    return [
        path("agreement-register/", admin_views.agreement_list, name="agreements_list"),
        path(
            "agreement-register/new/",
            admin_views.agreement_create,
            name="agreements_create",
        ),
        path(
            "agreement-register/expiring/",
            admin_views.agreement_expiring,
            name="agreements_expiring",
        ),
        path(
            "agreement-register/act/", admin_views.to_act_on, name="agreements_act_on"
        ),
        path(
            "agreement-register/value/",
            admin_views.contracted_value,
            name="agreements_value",
        ),
        path(
            "agreement-register/<int:pk>/",
            admin_views.agreement_edit,
            name="agreements_edit",
        ),
        path(
            "agreement-register/obligations/<int:pk>/done/",
            admin_views.obligation_done,
            name="agreements_obligation_done",
        ),
        path(
            "agreement-register/documents/<int:pk>/",
            admin_views.document_download,
            name="agreements_document",
        ),
    ]


@hooks.register("register_admin_menu_item")
def agreements_menu():
    items = [
        PermissionMenuItem(
            _("Register"),
            reverse("agreements_list"),
            order=1,
            permission=admin_views.PERMISSION,
        ),
        PermissionMenuItem(
            _("Expiring in 90 days"),
            reverse("agreements_expiring"),
            order=2,
            permission=admin_views.PERMISSION,
        ),
        PermissionMenuItem(
            _("Contracted value"),
            reverse("agreements_value"),
            order=3,
            permission=admin_views.PERMISSION,
        ),
    ]
    return AgreementsSubmenu(
        _("Agreements"), Menu(items=items), icon_name="doc-full", order=174
    )


class AgreementsSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


dashboard.register_count(
    name="agreements_to_act_on",
    order=75,
    permission=admin_views.PERMISSION,
    label=_("Agreements to act on"),
    count=to_act_on_count,
    url="agreements_act_on",
)
