"""The public evaluations of closed projects (the library of lessons) as open data."""

from collections.abc import Iterable
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from bid.opendata import CsvFile, Dataset, last_changed, register
from members.projects.selectors.evaluations import public_evaluations


def evaluation_rows(request, language: str) -> Iterable[dict]:
    for evaluation in public_evaluations():
        project = evaluation.project
        yield {
            "id": evaluation.pk,
            "project_id": project.pk,
            "project_title": project.title,
            "outcome": project.status,
            "discontinued_reason": project.discontinued_reason,
            "closed_at": project.closed_at,
            "priority_title": project.priority.title if project.priority_id else "",
            "areas": ", ".join(project.area_names),
            "cost_minor": evaluation.cost_minor,
            "currency": evaluation.currency,
            "what_was_done": evaluation.what_was_done,
            "indicator_findings": evaluation.indicator_findings,
            "repeat": evaluation.repeat,
            "avoid": evaluation.avoid,
        }


def evaluations_changed() -> datetime | None:
    return last_changed(public_evaluations())


register(
    Dataset(
        slug="evaluations",
        order=35,
        name=_("Evaluations of closed projects"),
        description=_(
            "What the completed and discontinued projects did, what they cost, "
            "what the indicators showed and what to repeat or avoid: the public "
            "cases of the library of lessons. Amounts are whole numbers in minor "
            "units (öre or øre)."
        ),
        files=(
            CsvFile(
                slug="evaluations",
                label=_("Evaluations as CSV"),
                row=_("One public evaluation, the latest closed project first."),
                columns=(
                    "id",
                    "project_id",
                    "project_title",
                    "outcome",
                    "discontinued_reason",
                    "closed_at",
                    "priority_title",
                    "areas",
                    "cost_minor",
                    "currency",
                    "what_was_done",
                    "indicator_findings",
                    "repeat",
                    "avoid",
                ),
                rows=evaluation_rows,
            ),
        ),
        json=(),
        changed=evaluations_changed,
    )
)
