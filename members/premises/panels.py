"""The premises on an organisation's portal page (see
`members.organisations.panels`): its properties' premises, and for its
administrators the links to add, edit and mark them; the portal section and
the dashboard's shortcut to the search requests for premises."""

from django.utils.translation import gettext_lazy as _

from members.organisations.panels import (
    ORGANISATION,
    Panel,
    Shortcut,
    register,
    register_shortcut,
)
from members.organisations.sections import (
    Section,
    acts_for_organisation,
    register_section,
)
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


register_section(
    Section(
        name="premises",
        order=75,
        label=_("Premises"),
        url_name="premises_requests",
        url_names=frozenset({"premises_request_new"}),
        shown=acts_for_organisation,
    )
)
register_shortcut(
    Shortcut(
        name="premises_requests",
        order=70,
        label=_("Look for premises"),
        url_name="portal:premises_requests",
        shown=acts_for_organisation,
    )
)
