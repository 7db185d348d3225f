"""The member portal's panels, each registered by the app that owns it.

A panel is a section of a portal page: the dashboard (`DASHBOARD`, context
function `(request)`), each organisation's card on it (`CARD`) or the
organisation's own page (`ORGANISATION`), both `(request, organisation)`.
The context function returns the template's variables, or None when the panel
is not shown; a card's panel also sees `card`, an organisation page's panel
`organisation` and `is_admin`. Shortcuts are the links under the cards.
Each app registers its own in its `panels.py`, which
`OrganisationsConfig.ready` imports; this module registers the organisations'.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from bid.registry import add_once
from members.organisations.models import OrganisationMember
from members.organisations.selectors import (
    open_invitations_for,
    organisation_cards_for,
)

DASHBOARD = "dashboard"
CARD = "card"
ORGANISATION = "organisation"


@dataclass(frozen=True, kw_only=True)
class Panel:
    name: str
    order: int
    template: str
    context: Callable[..., dict | None]


@dataclass(frozen=True, kw_only=True)
class Shortcut:
    """A link under the cards; `shown(user)` says whether this person may
    follow it (a link that would answer 403 is not offered)."""

    name: str
    order: int
    label: str
    url_name: str
    shown: Callable[[object], bool] | None = None


@dataclass(frozen=True)
class Shown:
    """A panel with its context, ready for `{% render_panel %}`."""

    template: str
    context: dict


_panels: dict[str, dict[str, Panel]] = {DASHBOARD: {}, CARD: {}, ORGANISATION: {}}
_shortcuts: dict[str, Shortcut] = {}


def register(panel: Panel, *, on: str = DASHBOARD) -> Panel:
    return add_once(_panels[on], panel.name, panel, what=f"The {on} panel")


def register_shortcut(shortcut: Shortcut) -> Shortcut:
    return add_once(_shortcuts, shortcut.name, shortcut, what="The shortcut")


def shown(on: str, request: HttpRequest, *args) -> list[Shown]:
    """The panels of a place that have something to show, in their order."""
    panels = sorted(_panels[on].values(), key=lambda panel: panel.order)
    contexts = ((panel, panel.context(request, *args)) for panel in panels)
    return [
        Shown(panel.template, context)
        for panel, context in contexts
        if context is not None
    ]


def shortcuts(user=None) -> list[Shortcut]:
    """The shortcuts, in their order; given a person, only those they may follow."""
    ordered = sorted(_shortcuts.values(), key=lambda shortcut: shortcut.order)
    if user is None:
        return ordered
    return [
        shortcut
        for shortcut in ordered
        if shortcut.shown is None or shortcut.shown(user)
    ]


# The organisations' own panels


def _invitations(request) -> dict | None:
    invitations = open_invitations_for(user=request.user)
    return {"invitations": invitations} if invitations else None


def _organisations(request) -> dict:
    cards = []
    for organisation in organisation_cards_for(user=request.user):
        people = organisation.ordered_people
        card = {
            "organisation": organisation,
            "is_admin": any(
                person.user_id == request.user.pk
                and person.role == OrganisationMember.Role.ADMIN
                for person in people
            ),
            "properties": organisation.ordered_properties,
            "people": people,
        }
        card["panels"] = shown(CARD, request, organisation)
        cards.append(card)
    return {"cards": cards, "shortcuts": shortcuts(request.user)}


register(
    Panel(
        name="invitations",
        order=20,
        template="organisations/panels/invitations.html",
        context=_invitations,
    )
)
register(
    Panel(
        name="organisations",
        order=30,
        template="organisations/panels/organisations.html",
        context=_organisations,
    )
)
