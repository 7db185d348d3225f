"""Decisions are numbered § 1…n per meeting: no gaps, no duplicates, even when
several people add decisions at the same moment."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from members.meetings import services
from members.meetings.models import Decision
from tests.factories.accounts import SecretariatUserFactory
from tests.factories.meetings import MeetingFactory

ADDERS = 8


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_additions_get_consecutive_unique_numbers():
    meeting = MeetingFactory()
    other = MeetingFactory()
    secretary = SecretariatUserFactory()
    start = threading.Barrier(ADDERS)
    errors = []

    def add(n):
        try:
            start.wait()
            services.decision_add(meeting=meeting, text=f"Beslut {n}", by=secretary)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(n,)) for n in range(ADDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    services.decision_add(meeting=other, text="Annat möte", by=secretary)

    assert errors == []
    numbers = sorted(meeting.decisions.values_list("number", flat=True))
    assert numbers == list(range(1, ADDERS + 1))
    assert list(other.decisions.values_list("number", flat=True)) == [1]


@pytest.mark.django_db
def test_renumbering_closes_gaps_in_agenda_order():
    meeting = MeetingFactory()
    for number, item in ((1, 3), (2, 1), (5, 2), (None, 2)):
        Decision.objects.create(
            meeting=meeting, number=number, item_number=item, text=f"punkt {item}"
        )
    services.decisions_number(meeting=meeting)
    ordered = list(
        meeting.decisions.order_by("number").values_list("number", "item_number")
    )
    assert ordered == [(1, 1), (2, 2), (3, 2), (4, 3)]


@pytest.mark.django_db
def test_the_same_number_twice_in_a_meeting_is_refused_by_the_database():
    meeting = MeetingFactory()
    Decision.objects.create(meeting=meeting, number=1, text="Ett")
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(meeting=meeting, number=1, text="Ett till")
