"""Accepted, in-progress, completed and discontinued proposals (the public
projects) as JSON.

Drafts, submitted, rejected and withdrawn proposals never appear: the list is
read through the public selector, whoever asks.
"""

from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import Field
from wagtail.models import Locale

from bid.api_errors import CHOICE, ERRORS, PositiveId, filtered
from members.proposals.pages import ProjectIndexPage
from members.proposals.selectors import ACTIVE, public_projects, with_status

router = Router(tags=["projects"])


class ProjectFilter(Schema):
    status: str | None = Field(
        None,
        pattern=CHOICE,
        description="'active' (accepted or in progress), 'accepted', "
        "'in_progress', 'completed' or 'discontinued'",
    )


class ProjectOut(Schema):
    id: int
    title: str
    summary: str
    organisation: str = Field(description="The member organisation that proposed it")
    priority_id: int = Field(description="The page id of the priority it serves")
    priority_title: str
    status: str = Field(
        description="'accepted', 'in_progress', 'completed' or 'discontinued'"
    )
    areas: list[str] = Field(description="The names of the areas where it takes place")
    estimated_cost_minor: int = Field(
        description="The whole cost in minor units (öre/øre) of the currency"
    )
    requested_funding_minor: int = Field(
        description="What the BID funds, in minor units of the currency"
    )
    currency: str
    decided_on: date | None = Field(description="The day the board accepted it")
    decision_reference: str
    progress_percent: int | None = Field(description="From the latest progress report")
    url: str | None = Field(description="The project's page on the public site")


def _project_index():
    pages = ProjectIndexPage.objects.live().public()
    return pages.filter(locale=Locale.get_default()).first() or pages.first()


def project_records(request, projects) -> list[dict]:
    """The public fields of each project, shared by the JSON and the CSV."""
    index = _project_index()
    base = index.get_full_url(request) if index else None
    return [
        {
            "id": project.pk,
            "title": project.title,
            "summary": project.summary,
            "organisation": project.organisation.legal_name,
            "priority_id": project.priority_id,
            "priority_title": project.priority.title,
            "status": project.status,
            "areas": project.area_names,
            "estimated_cost_minor": project.estimated_cost_minor,
            "requested_funding_minor": project.requested_funding_minor,
            "currency": project.currency,
            "decided_on": timezone.localdate(project.decided_at)
            if project.decided_at
            else None,
            "decision_reference": project.decision_reference,
            "progress_percent": project.progress_percent,
            "url": base + index.reverse_subpage("project", args=[project.pk])
            if base
            else None,
        }
        for project in projects
    ]


@router.get("/", response={200: list[ProjectOut], **ERRORS}, summary="Public projects")
@paginate(LimitOffsetPagination)
def project_list(request, filters: Query[ProjectFilter]):
    """Accepted, in-progress, completed and discontinued proposals with their
    budgets, the active ones first, then most recently decided first. Amounts
    are integers in minor units."""
    if filters.status == ACTIVE:
        projects = with_status(public_projects(), ACTIVE)
    else:
        projects = filtered(public_projects(), filters, status="status")
    return project_records(request, projects)


@router.get(
    "/{int:project_id}",
    response={200: ProjectOut, **ERRORS},
    summary="One public project",
)
def project_detail(request, project_id: PositiveId):
    """An accepted, in-progress, completed or discontinued proposal; any other
    answers 404."""
    project = get_object_or_404(public_projects(), pk=project_id)
    return project_records(request, [project])[0]
