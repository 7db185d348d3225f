"""Priorities of the plan as records to follow: decisions and proposals under
a priority reach its followers."""

from home.models import PriorityPage
from members.notifications.registry import Followable, register


def _visible(user):
    return PriorityPage.objects.live().public()


register(Followable("priority", model=PriorityPage, visible=_visible))
