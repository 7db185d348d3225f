"""The portal's shortcut to proposals (see `members.organisations.panels`)."""

from django.utils.translation import gettext_lazy as _

from bid.access import is_member
from members.organisations.panels import Shortcut, register_shortcut
from members.organisations.sections import Section, register_section

register_shortcut(
    Shortcut(
        name="proposals",
        order=20,
        label=_("Proposals"),
        url_name="portal:proposals",
        shown=is_member,
    )
)
register_section(
    Section(
        name="proposals",
        order=30,
        label=_("Proposals"),
        url_name="proposals",
        url_names=frozenset(
            {
                "my_proposals",
                "proposal_create",
                "proposal",
                "proposal_edit",
                "proposal_delete",
                "proposal_step",
                "proposal_support",
                "proposal_comment",
                "proposal_progress",
                "proposal_attach",
            }
        ),
        shown=is_member,
    )
)
