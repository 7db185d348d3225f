"""The admin dashboard's "waiting for you": what the board and the secretariat
have to act on, each with a count and a link to where it is handled.

Each app registers its own from its `wagtail_hooks.py`: a `Waiting` with the
permission that lets a person act on it and a function that counts in one
query (`register_count` where the item is a label, a count and a link).
People see only what they may act on; a count of nothing still shows, as
nothing waiting, so the dashboard says that all is done.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from wagtail.admin.ui.components import Component

from bid.registry import add_once


@dataclass(frozen=True, kw_only=True)
class Item:
    """One line: what waits (the link's text), how many, and where to act.
    `status` replaces the bare number when a sentence says more, `detail`
    adds a line underneath."""

    label: str
    count: int
    url: str
    status: str = ""
    detail: str = ""


@dataclass(frozen=True, kw_only=True)
class Waiting:
    name: str
    order: int
    permission: str  # "app_label.codename": who may act on it
    item: Callable[[HttpRequest], Item]


_registry: dict[str, Waiting] = {}


def register(waiting: Waiting) -> Waiting:
    return add_once(_registry, waiting.name, waiting, what="The dashboard item")


def register_count(
    *,
    name: str,
    order: int,
    permission: str,
    label: str,
    count: Callable[[], int],
    url: str,
    query: str = "",
) -> Waiting:
    """Register the usual item: `label`, what `count()` counts, and a link to
    the admin page named `url` (`query`, such as "?status=submitted", added)."""

    def item(request: HttpRequest) -> Item:
        return Item(label=label, count=count(), url=reverse(url) + query)

    return register(Waiting(name=name, order=order, permission=permission, item=item))


def items_for(request: HttpRequest) -> list[Item]:
    """The items this person may act on, in their order."""
    user = request.user
    return [
        waiting.item(request)
        for waiting in sorted(_registry.values(), key=lambda waiting: waiting.order)
        if user.has_perm(waiting.permission)
    ]


class WaitingPanel(Component):
    """The dashboard panel, above Wagtail's own (their orders start at 100)."""

    name = "waiting"
    order = 10
    template_name = "wagtailadmin/home/waiting.html"

    def __init__(self, items: list[Item]):
        self.items = items

    def get_context_data(self, parent_context=None):
        return {"items": self.items}


def panel_for(request: HttpRequest) -> WaitingPanel | None:
    """The panel, or None for someone who may act on none of it."""
    items = items_for(request)
    return WaitingPanel(items) if items else None
