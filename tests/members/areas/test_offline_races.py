"""An entry kept offline and sent from two tabs (or sent again while its first
sending is still saving) is recorded once, with commits for real.

The unique client_id is what keeps it once: both sendings find nothing, both
insert, and the second waits on the first's row in the index, then finds it.
That needs real transactions on PostgreSQL (SQLite writes one at a time)."""

import datetime
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from members.areas import services
from members.areas.models import Observation, WeeklyReport, iso_week_of
from tests.concurrency import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent inserts need PostgreSQL; SQLite writes one at a time",
    ),
]


def test_one_observation_sent_four_times_at_once_is_recorded_once(district):
    walk = services.walk_create(
        by=district["secretariat"],
        area=district["centrum"],
        date=timezone.localdate() - datetime.timedelta(days=1),
        route="Runt kvarteret",
        parties=[district["kajen"]],
    )
    entry = uuid.uuid4()

    def send():
        return services.observation_add(
            by=district["kajen_user"],
            walk=walk,
            client_id=entry,
            category="lighting",
            description="Mörk passage",
            address="Kajgatan 3",
            land_owner=district["kajen"],
        ).pk

    results = run_together(send, send, send, send)

    assert all(isinstance(result, int) for result in results), results
    assert len(set(results)) == 1
    assert Observation.objects.filter(client_id=entry).count() == 1
    assert Observation.objects.count() == 1


def test_one_report_sent_four_times_at_once_is_recorded_once(district):
    year, week = iso_week_of(timezone.localdate() - datetime.timedelta(weeks=1))
    entry = uuid.uuid4()

    def send():
        report, created = services.report_save(
            by=district["kajen_user"],
            organisation=district["kajen"],
            area=district["centrum"],
            year=year,
            week=week,
            client_id=entry,
            colour="yellow",
            score=3,
        )
        return report.pk, created

    results = run_together(send, send, send, send)

    assert all(isinstance(result, tuple) for result in results), results
    assert len({pk for pk, _created in results}) == 1
    assert [created for _pk, created in results].count(True) == 1
    assert WeeklyReport.objects.get().client_id == entry
