"""The admin menu shows each app's screens to those who hold their permission
and to nobody else (bid/menu.py)."""

import pytest
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.utils import translation
from wagtail.admin.menu import admin_menu, settings_menu

from bid.menu import PermissionMenuItem
from tests.factories.accounts import (
    BoardUserFactory,
    MemberUserFactory,
    SecretariatUserFactory,
)

pytestmark = pytest.mark.django_db


def labels(user, menu=admin_menu) -> set[str]:
    """The labels of the menu as this person sees it, submenus included."""
    request = RequestFactory().get("/admin/")
    request.user = user
    shown = set()
    with translation.override("en"):
        for item in menu.menu_items_for_request(request):
            shown.add(str(item.label))
            submenu = getattr(item, "menu", None)
            if submenu is not None:
                items = submenu.menu_items_for_request(request)
                shown |= {str(i.label) for i in items}
    return shown


def test_an_item_is_shown_to_holders_of_its_permission_only():
    item = PermissionMenuItem(
        "Books", "/admin/books/", permission="contributions.export_books"
    )
    request = RequestFactory().get("/admin/")
    request.user = MemberUserFactory()
    assert not item.is_shown(request)
    request.user.user_permissions.add(Permission.objects.get(codename="export_books"))
    del request.user._perm_cache, request.user._user_perm_cache
    assert item.is_shown(request)


def test_the_secretariat_and_the_board_see_their_registers_and_a_member_none():
    secretariat, board = SecretariatUserFactory(), BoardUserFactory()
    member = MemberUserFactory()
    shared = {"Register", "Expiring in 90 days", "Contracted value", "Evaluations"}
    for user in (secretariat, board):
        seen = labels(user)
        assert "Premises requests" in seen, seen
        assert shared <= seen, shared - seen
    assert "Consolidate weeks" in labels(secretariat)
    assert "Auditors" in labels(secretariat, settings_menu)
    assert not labels(member) & (shared | {"Premises requests", "Consolidate weeks"})
    assert "Auditors" not in labels(member, settings_menu)
