"""The portal panels of membership: its status on each organisation's card and
on the organisation's page (see `members.organisations.panels`)."""

from members.enrolment.selectors import active_membership
from members.organisations.panels import CARD, ORGANISATION, Panel, register


def _membership(request, organisation) -> dict:
    """The running membership and its agreement, or else the latest application."""
    membership = active_membership(organisation=organisation)
    enrolment = membership.enrolment if membership else None
    return {
        "membership": membership,
        # What the board approved: the properties the membership was granted
        # for; a query only where a template shows them (the organisation's page).
        "enrolled_properties": enrolment.properties.order_by("designation")
        if enrolment
        else [],
        "agreement": getattr(membership, "agreement", None) if membership else None,
        "enrolment": None if membership else organisation.enrolments.first(),
    }


register(
    Panel(
        name="status",
        order=10,
        template="enrolment/panels/card_status.html",
        context=_membership,
    ),
    on=CARD,
)
register(
    Panel(
        name="membership",
        order=10,
        template="enrolment/panels/organisation_membership.html",
        context=_membership,
    ),
    on=ORGANISATION,
)
