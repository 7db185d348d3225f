"""What the proposals app tells people about: the events of a proposal's
life, and proposals as records to follow."""

from django.utils.translation import gettext_lazy as _

from members.notifications.models import Category
from members.notifications.registry import EventKind, Followable, register
from members.proposals.models import Proposal
from members.proposals.selectors import proposals_visible_to

SUBMITTED = register(
    EventKind(
        "proposal.submitted",
        category=Category.PROPOSALS,
        message=_("%(organisation)s submitted the proposal."),
    )
)
COMMENTED = register(
    EventKind(
        "proposal.commented",
        category=Category.PROPOSALS,
        message=_("%(actor)s commented: “%(excerpt)s”"),
    )
)
ACCEPTED = register(
    EventKind(
        "proposal.accepted",
        category=Category.PROPOSALS,
        message=_("The board accepted the proposal."),
    )
)
REJECTED = register(
    EventKind(
        "proposal.rejected",
        category=Category.PROPOSALS,
        message=_("The board rejected the proposal."),
    )
)
DISCONTINUED = register(
    EventKind(
        "proposal.discontinued",
        category=Category.PROPOSALS,
        message=_("The board discontinued the project."),
    )
)
PROGRESS = register(
    EventKind(
        "proposal.progress",
        category=Category.PROPOSALS,
        message=_("Progress reported: %(percent)s %%."),
    )
)


def _visible(user):
    return proposals_visible_to(user=user)


register(Followable("proposal", model=Proposal, visible=_visible))
