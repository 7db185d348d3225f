"""The portal's shortcut to proposals (see `members.organisations.panels`)."""

from django.utils.translation import gettext_lazy as _

from members.organisations.panels import Shortcut, register_shortcut

register_shortcut(
    Shortcut(
        name="proposals",
        order=20,
        label=_("Proposals"),
        url_name="portal:proposals",
    )
)
