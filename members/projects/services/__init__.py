"""Writes of project follow-up, one module per concern: `funding` (funding lines
and expenditure), `milestones` (milestones, indicators, closing a project) and
`evaluations` (the evaluation written when a project closes)."""
