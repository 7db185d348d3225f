"""Contributions in the admin menu: overview, schemes, invoices."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from members.contributions import admin_views
from members.contributions.models import Contribution, ContributionScheme


class SchemeViewSet(ModelViewSet):
    model = ContributionScheme
    name = "contribution_schemes"
    icon = "cog"
    menu_label = _("Schemes")
    copy_view_enabled = True
    inspect_view_enabled = True
    list_display = ["__str__", "currency", "due_date", "locked_at"]
    list_filter = ["year"]


class ContributionViewSet(ModelViewSet):
    model = Contribution
    name = "contributions"
    icon = "doc-full"
    menu_label = _("Invoices")
    inspect_view_enabled = True
    inspect_view_class = admin_views.ContributionInspectView
    copy_view_enabled = False
    list_display = ["number", "organisation", "year", "amount_minor", "due_date"]
    list_filter = ["year", "currency"]
    search_fields = ["number", "payment_reference", "organisation__legal_name"]
    form_fields = ["due_date"]


class OverviewMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("contributions.view_contribution")


class ContributionsGroup(ViewSetGroup):
    menu_label = _("Contributions")
    menu_icon = "table"
    menu_order = 160
    items = (SchemeViewSet, ContributionViewSet)

    def get_submenu_items(self):
        overview = OverviewMenuItem(
            _("Overview"), reverse("contributions_overview"), icon_name="table", order=0
        )
        return [overview, *super().get_submenu_items()]


@hooks.register("register_admin_viewset")
def register_contributions():
    return ContributionsGroup()


@hooks.register("register_admin_urls")
def contributions_admin_urls():
    return [
        path(
            "contributions/overview/",
            admin_views.overview,
            name="contributions_overview",
        ),
        path(
            "contributions/export/<int:year>.csv",
            admin_views.export_csv,
            name="contributions_export",
        ),
        path(
            "contributions/issue/<int:scheme_id>/",
            admin_views.start_invoicing,
            name="contributions_issue",
        ),
        path(
            "contributions/runs/<int:run_id>/",
            admin_views.invoicing_run,
            name="contributions_run",
        ),
    ]
