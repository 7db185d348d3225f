"""The accepted projects and their budgets as open data."""

from collections.abc import Iterable
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from bid.opendata import CsvFile, Dataset, last_changed, register
from members.proposals.api import project_records
from members.proposals.selectors import public_projects


def project_rows(request, language: str) -> Iterable[dict]:
    return project_records(request, public_projects())


def projects_changed() -> datetime | None:
    return last_changed(public_projects(), "updated_at", "progress_updates__created_at")


register(
    Dataset(
        slug="projects",
        order=30,
        name=_("Accepted projects and their budgets"),
        description=_(
            "Proposals from members that the board accepted, with their cost, "
            "the funding from the district and their progress. Amounts are "
            "whole numbers in minor units (öre or øre): 150000 in SEK is 1 500 "
            "kronor."
        ),
        files=(
            CsvFile(
                slug="projects",
                label=_("Projects as CSV"),
                row=_("One accepted, ongoing or completed project."),
                columns=(
                    "id",
                    "title",
                    "summary",
                    "organisation",
                    "priority_id",
                    "priority_title",
                    "status",
                    "areas",
                    "estimated_cost_minor",
                    "requested_funding_minor",
                    "currency",
                    "decided_on",
                    "decision_reference",
                    "progress_percent",
                    "url",
                ),
                rows=project_rows,
            ),
        ),
        json=((_("Projects as JSON"), "api-v1:project_list"),),
        changed=projects_changed,
    )
)
