"""Admin and front-page wiring of the public site."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from bid import access, dashboard
from bid.hooks import DISTRICT_NAME_HOOK
from home import selectors
from home.admin_views import GenerateAnnualReportView, ReorderPrioritiesView
from home.annual_report import default_year
from home.models import (
    HOME_SECTIONS_HOOK,
    AnnualReportIndexPage,
    DistrictPlanPage,
    Indicator,
)


@hooks.register("register_admin_urls")
def plan_admin_urls():
    return [
        path(
            "plan/<int:plan_id>/rank/",
            ReorderPrioritiesView.as_view(),
            name="home_plan_rank",
        ),
        path(
            "annual-report/generate/",
            GenerateAnnualReportView.as_view(),
            name="home_annual_report_generate",
        ),
    ]


class RankPrioritiesButton(PageMenuItem):
    label = _("Rank the priorities")
    icon_name = "list-ol"

    def is_shown(self, user):
        return (
            self.page.specific_class is DistrictPlanPage
            and self.page.permissions_for_user(user).can_edit()
        )

    @property
    def url(self):
        return reverse("home_plan_rank", args=[self.page.pk])


class GenerateAnnualReportButton(PageMenuItem):
    """On the activity reports section, for the secretariat."""

    icon_name = "doc-full"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = default_year()
        self.label = _("Generate the %(year)s activity report") % {"year": self.year}

    def is_shown(self, user):
        return self.page.specific_class is AnnualReportIndexPage and (
            access.is_secretariat(user)
        )

    @property
    def url(self):
        return f"{reverse('home_annual_report_generate')}?year={self.year}"


@hooks.register("register_page_header_buttons")
def plan_header_buttons(page, user, view_name, next_url=None):
    yield RankPrioritiesButton(page=page, priority=68)
    yield GenerateAnnualReportButton(page=page, priority=60)


@hooks.register("register_page_listing_more_buttons")
def plan_listing_buttons(page, user, next_url=None):
    yield RankPrioritiesButton(page=page, priority=55)
    yield GenerateAnnualReportButton(page=page, priority=50)


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "doc-full-inverse"
    menu_label = _("Indicators")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "priority", "unit", "is_headline"]
    list_filter = ["priority", "direction"]
    search_fields = ["name"]


register_snippet(IndicatorViewSet)


@hooks.register(HOME_SECTIONS_HOOK)
def top_priorities_section(request, page):
    plan, priorities = selectors.top_priorities(locale=page.locale, limit=3)
    if not priorities:
        return None
    return {
        "template": "home/sections/top_priorities.html",
        "order": 10,
        "plan": plan,
        "priorities": priorities,
    }


@hooks.register(HOME_SECTIONS_HOOK)
def latest_news_section(request, page):
    index, articles = selectors.latest_news(locale=page.locale, limit=3)
    if not articles:
        return None
    return {
        "template": "home/sections/latest_news.html",
        "order": 20,
        "index": index,
        "articles": articles,
    }


@hooks.register(DISTRICT_NAME_HOOK)
def district_name(request):
    return selectors.district_name(request=request)


@hooks.register("construct_homepage_panels")
def waiting_panel(request, panels):
    """What waits for the board and the secretariat, above Wagtail's panels."""
    panel = dashboard.panel_for(request)
    if panel is not None:
        panels.append(panel)


@hooks.register("insert_global_admin_css")
def district_colours():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
