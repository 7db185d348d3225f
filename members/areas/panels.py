"""The portal's shortcuts to the situational picture, action plans and safety
walks (see `members.organisations.panels`)."""

from django.utils.translation import gettext_lazy as _

from members.organisations.panels import Shortcut, register_shortcut

register_shortcut(
    Shortcut(
        name="situation",
        order=40,
        label=_("Situational picture"),
        url_name="portal:situation",
    )
)
register_shortcut(
    Shortcut(
        name="actions",
        order=50,
        label=_("Action plans"),
        url_name="portal:actions",
    )
)
register_shortcut(
    Shortcut(name="walks", order=60, label=_("Safety walks"), url_name="portal:walks")
)
