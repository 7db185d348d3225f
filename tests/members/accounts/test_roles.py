"""Board and Secretariat exist from the first migration with their permissions."""

import pytest
from django.contrib.auth.models import Group

from bid.access import is_board, is_secretariat
from tests.factories.accounts import BoardUserFactory, SecretariatUserFactory
from tests.factories.pages import site_home

pytestmark = pytest.mark.django_db


def test_both_groups_are_created_by_migration():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Board", "Secretariat"}


def test_board_can_edit_pages_but_not_publish_them():
    board = BoardUserFactory()
    permissions = site_home().permissions_for_user(board)
    assert board.has_perm("wagtailadmin.access_admin")
    assert permissions.can_edit()
    assert permissions.can_add_subpage()
    assert not permissions.can_publish()
    assert not permissions.can_delete()


def test_secretariat_can_publish_and_manage_people():
    secretariat = SecretariatUserFactory()
    permissions = site_home().permissions_for_user(secretariat)
    assert permissions.can_publish()
    assert permissions.can_edit()
    assert secretariat.has_perm("accounts.change_user")
    assert secretariat.has_perm("auth.change_group")
    assert secretariat.has_perm("home.change_districtsettings")


def test_board_cannot_manage_people_or_settings():
    board = BoardUserFactory()
    assert not board.has_perm("accounts.change_user")
    assert not board.has_perm("auth.change_group")
    assert not board.has_perm("home.change_districtsettings")


def test_role_properties_follow_group_membership(member_user):
    assert not is_board(member_user) and not is_secretariat(member_user)
    assert is_board(BoardUserFactory())
    assert is_secretariat(SecretariatUserFactory())
