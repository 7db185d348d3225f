"""The project follow-up part of a person's data: the funding lines and
spending they recorded, the milestones they answer for and the evaluations
they wrote."""

from members.accounts import personal_data
from members.projects.models import Evaluation, Expenditure, FundingLine, Milestone

personal_data.records(
    "project_funding_lines_recorded",
    FundingLine,
    "recorded_by",
    project="project.title",
    party="party",
    party_name="party_name",
    amount_minor="amount_minor",
    currency="currency",
    status="status",
    pledged="pledged_on",
    note="note",
    recorded="created_at",
)

personal_data.records(
    "project_spending_recorded",
    Expenditure,
    "recorded_by",
    project="project.title",
    date="spent_on",
    description="description",
    amount_minor="amount_minor",
    currency="currency",
    recorded="created_at",
)

personal_data.records(
    "project_milestones_responsible",
    Milestone,
    "responsible_user",
    project="project.title",
    milestone="title",
    due="due_on",
    state="state",
    done="done_on",
    note="note",
)

personal_data.records(
    "project_evaluations_written",
    Evaluation,
    "written_by",
    project="project.title",
    what_was_done="what_was_done",
    cost_minor="cost_minor",
    currency="currency",
    indicator_findings="indicator_findings",
    repeat="repeat",
    avoid="avoid",
    visibility="visibility",
    written="created_at",
)
