"""The portal's shortcuts to the situational picture, action plans and safety
walks (see `members.organisations.panels`)."""

from django.utils.translation import gettext_lazy as _

from bid.access import may
from members.areas.selectors import is_party, may_see_picture
from members.organisations.panels import Shortcut, register_shortcut
from members.organisations.sections import Section, register_section


def _works_on_areas(user) -> bool:
    """Action plans and walks are for the areas' parties and those who
    address actions."""
    return may(user, "manage_actions") or is_party(user)


register_shortcut(
    Shortcut(
        name="situation",
        order=40,
        label=_("Situational picture"),
        url_name="portal:situation",
        shown=may_see_picture,
    )
)
register_shortcut(
    Shortcut(
        name="actions",
        order=50,
        label=_("Action plans"),
        url_name="portal:actions",
        shown=_works_on_areas,
    )
)
register_shortcut(
    Shortcut(
        name="walks",
        order=60,
        label=_("Safety walks"),
        url_name="portal:walks",
        shown=_works_on_areas,
    )
)
register_section(
    Section(
        name="situation",
        order=40,
        label=_("Situational picture"),
        url_name="situation",
        url_names=frozenset(
            {
                "situation_report",
                "areas",
                "area",
                "actions",
                "action_create",
                "action",
                "walks",
                "walk",
                "walk_summary",
                "observation_action",
                "quick_report",
            }
        ),
        shown=may_see_picture,
    )
)
