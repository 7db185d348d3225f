"""What the areas app tells people about: action items and the weekly
situational picture, and areas and action items as records to follow."""

from django.utils.translation import gettext_lazy as _

from members.areas import selectors
from members.areas.models import ActionItem, Area
from members.notifications.models import Category
from members.notifications.registry import EventKind, Followable, register

ACTION_ADDRESSED = register(
    EventKind(
        "action.addressed",
        category=Category.SITUATION,
        message=_("A new action item for %(party)s, due %(due_date)s."),
    )
)
ACTION_UPDATED = register(
    EventKind(
        "action.updated",
        category=Category.SITUATION,
        message=_("%(party)s updated the action item."),
    )
)
ACTION_OVERDUE = register(
    EventKind(
        "action.overdue",
        category=Category.SITUATION,
        message=_("The action item for %(party)s was due %(due_date)s."),
    )
)
SITUATION_PUBLISHED = register(
    EventKind(
        "situation.published",
        category=Category.SITUATION,
        message=_("The situational picture of week %(week)s is ready."),
        title=_("Situational picture, week %(week)s, %(year)s"),
    )
)


def _areas(user):
    if not selectors.may_see_picture(user):
        return Area.objects.none()
    return Area.objects.all()


register(Followable("action", model=ActionItem, visible=selectors.actions_visible_to))
register(Followable("area", model=Area, visible=_areas))
