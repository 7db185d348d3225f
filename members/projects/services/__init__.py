"""Writes of project follow-up, one module per concern: `funding` (funding lines
and expenditure), `milestones` (milestones, indicators, closing a project) and
`evaluations` (the evaluation written when a project closes)."""

from django.utils.translation import gettext_lazy

# Who may follow a project up: the board and the secretariat (the projects
# app's permissions); what anyone else is told.
FOLLOW_UP_REFUSAL = gettext_lazy(
    "Only the board and the secretariat follow projects up."
)
