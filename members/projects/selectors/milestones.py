"""Reads of milestones and of the plan indicators projects answer to."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone, translation

from bid import languages
from members.accounts import roles
from members.projects.models import Milestone, ProjectIndicator
from members.proposals.models import ACTIVE_STATUSES, PUBLIC_STATUSES, Proposal
from members.proposals.pages import ProjectIndexPage
from members.proposals.selectors import active_projects

OPEN_STATES = (Milestone.State.PLANNED, Milestone.State.STARTED)


def _indicator_model():
    # The plan's indicators live in the site layer above the member apps: the
    # relation names their model.
    return ProjectIndicator._meta.get_field("indicator").related_model


def projects_under_way(*, locale, limit: int = 3) -> tuple:
    """The project list of this language and its newest active projects, each
    with `next_milestone` (its first open milestone, or None): for the home
    page, in three queries."""
    index = ProjectIndexPage.objects.live().public().filter(locale=locale).first()
    if index is None:
        return None, []
    projects = list(
        active_projects().prefetch_related(
            Prefetch(
                "milestones",
                queryset=Milestone.objects.filter(state__in=OPEN_STATES),
                to_attr="open_milestones",
            )
        )[:limit]
    )
    for project in projects:
        project.next_milestone = next(iter(project.open_milestones), None)
    return index, projects


def overdue_milestones_listed(*, on: datetime.date | None = None):
    """The overdue milestones with their projects and responsible parties,
    the longest overdue first."""
    return (
        overdue_milestones(on=on)
        .select_related("project", "responsible_organisation", "responsible_user")
        .order_by("due_on", "pk")
    )


def projects_followed_up() -> QuerySet[Proposal]:
    """Projects that have milestones and indicators: accepted, running,
    completed or discontinued proposals."""
    return Proposal.objects.filter(status__in=PUBLIC_STATUSES)


def milestones_of(*, project: Proposal) -> QuerySet[Milestone]:
    """The project's milestones by due date, with who is responsible."""
    return Milestone.objects.filter(project=project).select_related(
        "responsible_organisation", "responsible_user"
    )


def overdue_milestones(*, on: datetime.date | None = None) -> QuerySet[Milestone]:
    """Milestones still planned or started after their due date, of projects
    being carried out (a closed project's milestones are over with it)."""
    today = on or timezone.localdate()
    return Milestone.objects.filter(
        state__in=OPEN_STATES,
        due_on__lt=today,
        project__status__in=ACTIVE_STATUSES,
    )


def overdue_milestones_count(*, on: datetime.date | None = None) -> int:
    return overdue_milestones(on=on).count()


def project_indicators_of(*, project: Proposal) -> QuerySet[ProjectIndicator]:
    """The project's indicators, each with the plan indicator's latest
    measurement (`latest_value`, `latest_on`) and, outside the main language,
    the indicator's texts: two queries however many."""
    indicator = _indicator_model()
    measurements = indicator._meta.get_field("measurements").related_model
    latest = measurements.objects.filter(indicator=OuterRef("indicator")).order_by(
        "-measured_on", "-pk"
    )
    queryset = (
        ProjectIndicator.objects.filter(project=project)
        .select_related("indicator")
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_on=Subquery(latest.values("measured_on")[:1]),
        )
    )
    active = (translation.get_language() or languages.default()).split("-")[0]
    if active != languages.default():
        # The main language's name is on the indicator itself.
        texts = indicator._meta.get_field("texts").related_model
        queryset = queryset.prefetch_related(
            Prefetch(
                "indicator__texts", queryset=texts.objects.select_related("locale")
            )
        )
    return queryset


def indicators_for_choice() -> QuerySet:
    """The plan's indicators a project may answer to."""
    return (
        _indicator_model()
        .objects.select_related("priority")
        .order_by("priority__path", "sort_order", "pk")
    )


def secretariat_people() -> QuerySet:
    """The secretariat's active users: told when a milestone is overdue."""
    return get_user_model().objects.filter(
        groups__name=roles.SECRETARIAT, is_active=True
    )
