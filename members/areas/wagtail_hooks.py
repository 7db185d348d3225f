"""The district's operational work in the admin: areas with their boundaries,
action items, safety walks, weekly reports and the weekly consolidation."""

from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from bid import dashboard
from bid.access import RULES
from bid.menu import PermissionMenuItem
from members.areas import admin_views
from members.areas.forms import AreaAdminForm
from members.areas.models import ActionItem, Area, SafetyWalk, WeeklyReport
from members.areas.selectors import overdue_actions_count, week_to_consolidate


class AreaViewSet(ModelViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    url_prefix = "situation/areas"
    name = "areas_area"

    def get_form_class(self, for_update=False):
        return AreaAdminForm

    inspect_view_enabled = True
    inspect_view_class = admin_views.AreaInspectView
    copy_view_enabled = False
    list_display = ["name", "sort_order"]


class ActionItemViewSet(ModelViewSet):
    model = ActionItem
    icon = "tasks"
    menu_label = _("Action items")
    url_prefix = "situation/actions"
    name = "areas_action"
    form_fields = ["title", "area", "addressed_to", "due_date", "status", "description"]
    list_display = ["title", "area", "addressed_to", "due_date", "status"]
    list_filter = ["status", "area", "addressed_to"]
    search_fields = ["title", "description"]
    copy_view_enabled = False


class SafetyWalkViewSet(ModelViewSet):
    model = SafetyWalk
    icon = "group"
    menu_label = _("Safety walks")
    url_prefix = "situation/walks"
    name = "areas_walk"
    form_fields = ["date", "area", "route", "parties"]
    list_display = ["area", "date", "kind"]
    list_filter = ["area"]
    copy_view_enabled = False


class WeeklyReportViewSet(ModelViewSet):
    model = WeeklyReport
    icon = "doc-full"
    menu_label = _("Weekly reports")
    url_prefix = "situation/reports"
    name = "areas_report"
    form_fields = ["colour", "score", "note"]
    list_display = ["organisation", "area", "year", "week", "colour", "score"]
    list_filter = ["area", "organisation", "year", "colour"]
    inspect_view_enabled = True
    copy_view_enabled = False


class SituationGroup(ViewSetGroup):
    menu_label = _("Situational picture")
    menu_icon = "warning"
    menu_order = 190
    items = (AreaViewSet, ActionItemViewSet, SafetyWalkViewSet, WeeklyReportViewSet)


@hooks.register("register_admin_viewset")
def register_situation():
    return SituationGroup()


@hooks.register("register_admin_urls")
def situation_urls():
    return [
        path("situation/weeks/", admin_views.weeks, name="situation_weeks"),
        path(
            "situation/weeks/<int:year>/<int:week>/",
            admin_views.consolidate,
            name="situation_consolidate",
        ),
    ]


@hooks.register("register_admin_menu_item")
def consolidate_menu_item():
    return PermissionMenuItem(
        _("Consolidate weeks"),
        reverse("situation_weeks"),
        icon_name="date",
        order=191,
        permission=RULES["consolidate_week"],
    )


def week_to_consolidate_item(request) -> dashboard.Item:
    waiting = week_to_consolidate()
    if waiting is None:
        return dashboard.Item(
            label=_("Weeks to consolidate"), count=0, url=reverse("situation_weeks")
        )
    missing = len(waiting.not_reported)
    return dashboard.Item(
        label=gettext("Week %(week)s to consolidate") % {"week": waiting.week},
        count=missing,
        url=reverse("situation_consolidate", args=[waiting.year, waiting.week]),
        status=ngettext(
            "%(count)s party has not reported",
            "%(count)s parties have not reported",
            missing,
        )
        % {"count": missing}
        if missing
        else gettext("Every party has reported"),
        detail=", ".join(waiting.not_reported),
    )


dashboard.register(
    dashboard.Waiting(
        name="week_to_consolidate",
        order=20,
        permission="areas.consolidate_week",
        item=week_to_consolidate_item,
    )
)
dashboard.register_count(
    name="overdue_actions",
    order=60,
    permission="areas.manage_actions",
    label=_("Overdue action items"),
    count=overdue_actions_count,
    # The portal's list: open items first by due date, the overdue marked.
    url="portal:actions",
)
