"""The demo's agreements register: eight agreements of every kind, one ending
within 60 days, one with an overdue obligation, a follow-up, and the
secretariat's demo user responsible; loading again adds nothing."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.accounts import demo as people
from members.agreements import demo as agreements_demo
from members.agreements import selectors
from members.agreements.models import Agreement, FollowUp, Obligation
from tests.factories.accounts import enrol_in_two_factor


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_demo_register(demo):
    today = timezone.localdate()
    agreements = Agreement.objects.all()
    assert agreements.count() == 8
    assert set(agreements.values_list("kind", flat=True)) == set(
        Agreement.Kind.values
    ) - {"membership"}
    assert agreements.filter(
        ends_on__gte=today, ends_on__lte=today + datetime.timedelta(60)
    ).exists()
    assert Obligation.objects.filter(done_on__isnull=True, due_on__lt=today).exists()
    assert FollowUp.objects.exists()
    secretariat = people.person("sekretariat")
    assert set(agreements.values_list("responsible", flat=True)) == {secretariat.pk}
    assert selectors.to_act_on_count() >= 2

    agreements_demo.load()
    assert Agreement.objects.count() == 8


@pytest.mark.django_db
def test_the_demo_pages_answer(demo):
    secretariat = people.person("sekretariat")
    enrol_in_two_factor(secretariat)
    staff = Client()
    staff.force_login(secretariat)
    for url in (
        "/admin/agreement-register/",
        "/admin/agreement-register/value/",
        "/admin/",
    ):
        assert staff.get(url).status_code == 200, url
    lease = Agreement.objects.get(kind="lease")
    owner = lease.counterparty.members.select_related("user").first().user
    member = Client()
    member.force_login(owner)
    assert member.get(f"/portal/agreements/{lease.pk}/").status_code == 200
    assert b"Hyra av sekretariatets kontor" in member.get("/portal/agreements/").content


@pytest.mark.django_db
def test_the_pages_stay_within_the_query_budget(demo):
    secretariat = people.person("sekretariat")
    enrol_in_two_factor(secretariat)
    staff = Client()
    staff.force_login(secretariat)
    lease = Agreement.objects.get(kind="lease")
    busiest = Agreement.objects.get(title__startswith="Städning")
    owner = lease.counterparty.members.select_related("user").first().user
    member = Client()
    member.force_login(owner)
    counts = {}
    for client, url in (
        (staff, "/admin/agreement-register/"),
        (staff, "/admin/agreement-register/expiring/"),
        (staff, "/admin/agreement-register/act/"),
        (staff, "/admin/agreement-register/value/"),
        (staff, f"/admin/agreement-register/{busiest.pk}/"),
        (member, "/portal/agreements/"),
        (member, f"/portal/agreements/{lease.pk}/"),
    ):
        client.get(url)  # warm the caches every visitor shares
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)

    # The admin's edit page carries five choice lists (counterparty, person,
    # decision, priority, project) besides Wagtail's own frame.
    edit = counts.pop(f"/admin/agreement-register/{busiest.pk}/")
    assert edit <= 22, edit
    assert max(counts.values()) <= 15, counts
