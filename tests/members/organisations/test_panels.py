"""The portal's panel register: panels in their order, hidden when they have
nothing to show, each registered once."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from members.organisations import panels


@pytest.fixture
def empty(monkeypatch):
    monkeypatch.setattr(
        panels,
        "_panels",
        {panels.DASHBOARD: {}, panels.CARD: {}, panels.ORGANISATION: {}},
    )


def test_panels_show_in_order_and_hide_without_context(empty):
    for name, order, context in (
        ("late", 20, {"late": True}),
        ("hidden", 5, None),
        ("early", 10, {"early": True}),
    ):
        panels.register(
            panels.Panel(
                name=name,
                order=order,
                template=f"{name}.html",
                context=lambda request, context=context: context,
            )
        )
    shown = panels.shown(panels.DASHBOARD, RequestFactory().get("/"))
    assert [panel.template for panel in shown] == ["early.html", "late.html"]
    assert shown[0].context == {"early": True}


def test_a_panel_registered_twice_is_refused(empty):
    panel = panels.Panel(name="x", order=1, template="x.html", context=dict)
    panels.register(panel, on=panels.CARD)
    with pytest.raises(ImproperlyConfigured):
        panels.register(panel, on=panels.CARD)


def test_every_apps_shortcuts_are_registered_in_order():
    assert [shortcut.url_name for shortcut in panels.shortcuts()] == [
        "portal:contributions",
        "portal:proposals",
        "portal:adjustments",
        "portal:situation",
        "portal:actions",
        "portal:walks",
        "portal:premises_requests",
    ]
