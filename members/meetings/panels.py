"""The portal panels of meetings: minutes waiting for the person's adjustment,
and the shortcut to them (see `members.organisations.panels`)."""

from django.utils.translation import gettext_lazy as _

from members.meetings.selectors import adjustments_for, adjusts_minutes
from members.organisations.panels import (
    Panel,
    Shortcut,
    register,
    register_shortcut,
)
from members.organisations.sections import Section, register_section


def _adjustments(request) -> dict | None:
    waiting = list(adjustments_for(user=request.user).select_related("body"))
    return {"waiting": waiting} if waiting else None


register(
    Panel(
        name="adjustments",
        order=10,
        template="meetings/panels/adjustments.html",
        context=_adjustments,
    )
)
register_shortcut(
    Shortcut(
        name="adjustments",
        order=30,
        label=_("Minutes to adjust"),
        url_name="portal:adjustments",
    )
)


register_section(
    Section(
        name="adjustments",
        order=50,
        label=_("Minutes to adjust"),
        url_name="adjustments",
        url_names=frozenset({"adjustment"}),
        shown=adjusts_minutes,
    )
)
