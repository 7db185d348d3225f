"""Turning an observation into an action item, with commits for real.

Each test here runs outside a test-wide transaction (`transaction=True`), as a
request does: a `select_for_update()` that is not inside `atomic` fails here
on PostgreSQL (it would pass silently inside one test transaction, and SQLite
ignores row locks altogether, so these tests need PostgreSQL; CI runs them
there)."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from members.areas import services
from members.areas.models import ActionItem
from tests.concurrency import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL; SQLite ignores them",
    ),
]


@pytest.fixture
def observation(district):
    walk = services.walk_create(
        by=district["secretariat"],
        area=district["centrum"],
        date=timezone.localdate() - datetime.timedelta(days=1),
        route="Runt kvarteret",
        parties=[district["kajen"], district["police"]],
    )
    return services.observation_add(
        by=district["police_user"],
        walk=walk,
        category="vegetation",
        description="Buskar skymmer sikten",
        address="Lekplatsen",
        land_owner=district["municipality"],
    )


def test_make_an_action_item_answers_with_the_item_not_a_server_error(
    district, observation
):
    browser = Client()
    browser.force_login(district["secretariat"])
    response = browser.post(f"/portal/observations/{observation.pk}/action/")
    observation.refresh_from_db()
    assert response.status_code == 302
    assert observation.action_item is not None
    assert observation.action_item.addressed_to == district["municipality"]


def test_two_clicks_at_once_make_one_action_item(district, observation):
    def click():
        return services.observation_to_action(
            by=district["secretariat"], observation=observation
        ).pk

    results = run_together(click, click, click, click)

    assert all(isinstance(result, int) for result in results), results
    assert len(set(results)) == 1
    assert ActionItem.objects.count() == 1
