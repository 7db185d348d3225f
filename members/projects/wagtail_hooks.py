"""The board's and the secretariat's project follow-up screens in the admin."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from bid import dashboard
from bid.cache import record
from bid.hooks import HOME_SECTIONS_HOOK
from bid.menu import PermissionMenuItem
from members.projects import admin_evaluations, admin_funding, admin_milestones
from members.projects.selectors.evaluations import projects_awaiting_evaluation_count
from members.projects.selectors.milestones import (
    overdue_milestones_count,
    projects_under_way,
)

# --- funding lines and expenditure (funding helper) ---


@hooks.register("register_admin_urls")
def funding_urls():
    return [
        path(
            "projects/<int:pk>/funding/",
            admin_funding.funding,
            name="projects_funding",
        ),
        path(
            "projects/funding/<int:pk>/decide/",
            admin_funding.line_decide,
            name="projects_funding_decide",
        ),
        path(
            "projects/funding/<int:pk>/invoice/",
            admin_funding.line_invoice,
            name="projects_funding_invoice",
        ),
        path(
            "projects/funding/<int:pk>/paid/",
            admin_funding.line_paid,
            name="projects_funding_paid",
        ),
        path(
            "projects/funding/<int:pk>/remove/",
            admin_funding.line_remove,
            name="projects_funding_remove",
        ),
    ]


# --- milestones, indicators and closing (milestones helper) ---


@hooks.register("register_admin_urls")
def milestone_urls():
    return [
        path(
            "projects/milestones/overdue/",
            admin_milestones.overdue,
            name="projects_milestones_overdue",
        ),
        path(
            "projects/<int:pk>/milestones/",
            admin_milestones.milestones,
            name="projects_milestones",
        ),
        path(
            "projects/milestones/<int:pk>/",
            admin_milestones.milestone_edit,
            name="projects_milestone_edit",
        ),
        path(
            "projects/milestones/<int:pk>/done/",
            admin_milestones.milestone_done,
            name="projects_milestone_done",
        ),
        path(
            "projects/indicators/<int:pk>/",
            admin_milestones.indicator_edit,
            name="projects_indicator_edit",
        ),
    ]


dashboard.register_count(
    name="overdue_milestones",
    order=65,
    permission=admin_milestones.PERMISSION,
    label=_("Overdue milestones"),
    count=overdue_milestones_count,
    url="projects_milestones_overdue",
)


@hooks.register(HOME_SECTIONS_HOOK)
def projects_under_way_section(request, page):
    """The projects being carried out, each with its next milestone."""
    record("proposals", "projects")
    index, projects = projects_under_way(locale=page.locale, limit=3)
    if index is None or not projects:
        return None
    return {
        "template": "projects/home_section.html",
        "order": 25,
        "index": index,
        "projects": projects,
    }


# --- evaluations (evaluations helper) ---


@hooks.register("register_admin_urls")
def evaluation_urls():
    return [
        path(
            "projects/evaluations/",
            admin_evaluations.evaluations,
            name="projects_evaluations",
        ),
        path(
            "projects/<int:pk>/evaluation/",
            admin_evaluations.evaluation_edit,
            name="projects_evaluation_edit",
        ),
    ]


@hooks.register("register_admin_menu_item")
def evaluations_menu_item():
    return PermissionMenuItem(
        _("Evaluations"),
        reverse("projects_evaluations"),
        icon_name="list-ul",
        order=172,
        permission=admin_evaluations.PERMISSION,
    )


dashboard.register_count(
    name="evaluations",
    order=70,
    permission=admin_evaluations.PERMISSION,
    label=_("Closed projects waiting for an evaluation"),
    count=projects_awaiting_evaluation_count,
    url="projects_evaluations",
)
