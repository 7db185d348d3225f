"""The premises on an organisation's portal page (see
`members.organisations.panels`): its properties' premises, and for its
administrators the links to add, edit and mark them."""

from members.organisations.panels import ORGANISATION, Panel, register
from members.premises.selectors import premises_rows_of


def _premises(request, organisation) -> dict | None:
    properties, premises = premises_rows_of(organisation=organisation)
    if not properties:
        return None
    return {"premises": premises, "premises_properties": properties}


register(
    Panel(
        name="premises",
        order=40,
        template="premises/panels/organisation_premises.html",
        context=_premises,
    ),
    on=ORGANISATION,
)
