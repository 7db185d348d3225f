"""What the projects app tells people about: a milestone past its due date."""

from django.utils.translation import gettext_lazy as _

from members.notifications.models import Category
from members.notifications.registry import EventKind, register

# --- milestones (milestones helper) ---

MILESTONE_OVERDUE = register(
    EventKind(
        "milestone.overdue",
        category=Category.PROPOSALS,
        message=_("The milestone “%(milestone)s” of %(project)s was due %(due_date)s."),
    )
)
