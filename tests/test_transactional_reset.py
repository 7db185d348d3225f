"""The reset between transactional tests (tests/conftest.py,
`_quick_transactional_reset`): the flush empties every table and the reload
brings back exactly the rows the migrations made, links included."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from tests.factories.organisations import organisation_with_admin


def _snapshot() -> dict:
    return {
        model._meta.label: sorted(model._base_manager.values_list("pk", flat=True))
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def _group_permissions() -> dict:
    return {
        group.name: sorted(group.permissions.values_list("codename", flat=True))
        for group in Group.objects.all()
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_flush_empties_every_table_and_the_reload_restores_the_migrated_rows():
    migrated, permissions = _snapshot(), _group_permissions()
    assert any(migrated.values()) and any(permissions.values())
    organisation, user = organisation_with_admin()
    Group.objects.get(name=next(iter(permissions))).permissions.clear()

    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    assert not any(_snapshot().values()), "a table kept rows"

    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    assert _snapshot() == migrated
    assert _group_permissions() == permissions


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reloading_over_the_migrated_rows_changes_nothing():
    """A worker's first transactional test reloads onto the rows the
    migrations left, as Django's row-by-row save did."""
    migrated, permissions = _snapshot(), _group_permissions()
    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    assert _snapshot() == migrated
    assert _group_permissions() == permissions
