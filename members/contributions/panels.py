"""The portal panels of contributions: the latest on each organisation's card,
and the shortcut to all of them (see `members.organisations.panels`)."""

from django.utils.translation import gettext_lazy as _

from members.contributions.selectors import contributions_for
from members.organisations.panels import (
    CARD,
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


def _latest(request, organisation) -> dict | None:
    contributions = contributions_for(user=request.user).filter(
        organisation=organisation
    )
    latest = list(contributions[:3])
    return {"contributions": latest} if latest else None


register(
    Panel(
        name="contributions",
        order=20,
        template="contributions/panels/card_contributions.html",
        context=_latest,
    ),
    on=CARD,
)
register_shortcut(
    Shortcut(
        name="contributions",
        order=10,
        label=_("Contributions and receipts"),
        url_name="portal:contributions",
    )
)


register_section(
    Section(
        name="contributions",
        order=20,
        label=_("Contributions"),
        url_name="contributions",
        url_names=frozenset({"contribution", "contribution_pay", "receipt"}),
        shown=acts_for_organisation,
    )
)
