"""The agreements register: the board and the secretariat keep it, members
see the agreements their organisations are party to, the contracted value
adds up per year and per priority, and the responsible person is reminded of
each deadline once."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from members.agreements import selectors, services
from members.agreements.models import Agreement, FollowUp, Reminder, months_before
from members.notifications.models import Notification
from tests.factories.accounts import (
    BoardUserFactory,
    SecretariatUserFactory,
)
from tests.factories.contributions import member
from tests.factories.meetings import published_meeting
from tests.factories.pages import site_home
from tests.factories.plan import plan_with_priorities
from tests.trails import admin_trail

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def world():
    party, party_admin = member(legal_name="Kajfastigheter AB")
    other, other_admin = member(legal_name="Grannen AB")
    secretariat = SecretariatUserFactory()
    return {
        "party": party,
        "party_admin": party_admin,
        "other": other,
        "other_admin": other_admin,
        "board": BoardUserFactory(),
        "secretariat": secretariat,
    }


def agreement(world, **fields) -> Agreement:
    data = {
        "title": "Hyra av kontoret",
        "counterparty": world["party"],
        "kind": Agreement.Kind.LEASE,
        "value_minor": 12_000_00,
        "value_per": Agreement.Per.YEAR,
        "starts_on": days(-100),
        "ends_on": days(300),
        "notice_months": 3,
        "responsible": world["secretariat"],
    }
    return services.agreement_create(by=world["board"], **{**data, **fields})


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# The register


def test_the_notice_deadline_is_the_end_less_the_notice_period(world):
    made = agreement(world, ends_on=datetime.date(2027, 5, 31), notice_months=3)
    assert made.notice_deadline == datetime.date(2027, 2, 28)
    assert months_before(datetime.date(2027, 1, 15), 2) == datetime.date(2026, 11, 15)
    assert agreement(world, title="Tills vidare", ends_on=None).notice_deadline is None


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {
                "starts_on": datetime.date(2027, 1, 1),
                "ends_on": datetime.date(2026, 1, 1),
            },
            "ends_on",
            "The agreement cannot end before it starts.",
        ),
        ({"value_minor": -1}, "value_minor", "The value cannot be negative."),
    ],
)
def test_bad_input_is_refused_in_words_and_changes_nothing(
    world, fields, field, message
):
    made = agreement(world)
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            agreement(world, title="Nytt", **fields)
        assert message in refused.value.message_dict[field]
        with pytest.raises(ValidationError) as refused:
            services.agreement_update(by=world["board"], agreement=made, **fields)
        assert message in refused.value.message_dict[field]
    assert Agreement.objects.count() == 1
    made.refresh_from_db()
    assert (made.title, made.value_minor, made.ends_on) == (
        "Hyra av kontoret",
        12_000_00,
        days(300),
    )


def test_only_the_board_and_the_secretariat_keep_the_register(world):
    with pytest.raises(PermissionDenied):
        services.agreement_create(by=world["party_admin"], title="y")
    made = agreement(world)
    with pytest.raises(PermissionDenied):
        services.agreement_update(by=world["party_admin"], agreement=made, title="z")
    assert Agreement.objects.get(pk=made.pk).title == "Hyra av kontoret"


def test_a_follow_up_is_recorded_once_a_year(world):
    made = agreement(world)
    for outcome in ("renegotiate", "renew"):
        services.follow_up_record(
            by=world["secretariat"],
            agreement=made,
            year=2026,
            delivered_as_agreed="partly",
            cost_as_agreed="yes",
            outcome=outcome,
        )
    assert list(FollowUp.objects.values_list("year", "outcome")) == [(2026, "renew")]


def test_the_signed_agreement_must_be_a_pdf(world):
    made = agreement(world)
    with pytest.raises(ValidationError):
        services.document_add(
            by=world["board"],
            agreement=made,
            title="Avtal",
            file=SimpleUploadedFile("avtal.pdf", b"not a pdf at all"),
        )
    document = services.document_add(
        by=world["board"],
        agreement=made,
        title="Avtal",
        file=SimpleUploadedFile("avtal.exe", PDF),
    )
    assert document.file.name.endswith(".pdf")


# Who sees what


def test_a_member_sees_only_the_agreements_it_is_party_to(world):
    own = agreement(world)
    document = services.document_add(
        by=world["board"],
        agreement=own,
        title="Avtal",
        file=SimpleUploadedFile("avtal.pdf", PDF),
    )
    outside = agreement(
        world,
        title="Bevakning",
        counterparty=None,
        counterparty_name="Vakt AB",
        kind="service",
    )
    assert list(selectors.agreements_visible_to(user=world["party_admin"])) == [own]
    assert list(selectors.agreements_visible_to(user=world["other_admin"])) == []
    assert set(selectors.agreements_visible_to(user=world["board"])) == {own, outside}

    party = signed_in(world["party_admin"])
    assert party.get("/portal/agreements/").status_code == 200
    assert b"Hyra av kontoret" in party.get(f"/portal/agreements/{own.pk}/").content
    assert party.get(f"/portal/agreements/{outside.pk}/").status_code == 404
    assert party.get(f"/portal/agreements/documents/{document.pk}/").status_code == 200

    other = signed_in(world["other_admin"])
    assert b"Hyra av kontoret" not in other.get("/portal/agreements/").content
    assert other.get(f"/portal/agreements/{own.pk}/").status_code == 404
    assert other.get(f"/portal/agreements/documents/{document.pk}/").status_code == 404
    assert Client().get(f"/portal/agreements/{own.pk}/").status_code == 302


def test_staff_keep_the_register_in_the_admin(world):
    made = agreement(world)
    services.obligation_add(
        by=world["board"],
        agreement=made,
        title="Rapport",
        kind="report",
        due_on=days(-3),
    )
    staff = signed_in(world["secretariat"])
    for url in (
        "/admin/agreement-register/",
        "/admin/agreement-register/?kind=lease&expiring=1",
        "/admin/agreement-register/expiring/",
        "/admin/agreement-register/act/",
        "/admin/agreement-register/value/",
        f"/admin/agreement-register/{made.pk}/",
        "/admin/agreement-register/new/",
    ):
        assert staff.get(url).status_code == 200, url
    # Every page of the register is reached from its list through the trail in
    # Wagtail's header, as Wagtail's own pages are.
    register = "/admin/agreement-register/"
    assert [href for _label, href in admin_trail(staff.get(register))] == [
        "/admin/",
        None,
    ]
    for url in (f"{register}expiring/", f"{register}{made.pk}/", f"{register}new/"):
        assert [href for _label, href in admin_trail(staff.get(url))] == [
            "/admin/",
            register,
            None,
        ], url
    assert admin_trail(staff.get(f"{register}{made.pk}/"))[-1] == (made.title, None)
    answer = staff.post(
        f"/admin/agreement-register/{made.pk}/",
        {
            "follow_up": "1",
            "follow_up-year": "2026",
            "follow_up-delivered_as_agreed": "yes",
            "follow_up-cost_as_agreed": "no",
            "follow_up-outcome": "end",
        },
    )
    assert answer.status_code == 302
    assert made.follow_ups.get().outcome == "end"
    assert (
        signed_in(world["party_admin"]).get("/admin/agreement-register/").status_code
        == 302
    )


def test_the_form_offers_each_priority_once_and_names_each_decision_by_its_meeting(
    world,
):
    home = site_home()
    _plan, (safety,) = plan_with_priorities(home, 1)
    english = safety.copy_for_translation(site_home("en").locale, copy_parents=True)
    english.title = "Safety"
    english.save_revision().publish()
    held = timezone.make_aware(datetime.datetime(2026, 3, 12, 18))
    published_meeting(title="Styrelsemöte", starts_at=held, decisions=("Anta avtalet",))
    html = signed_in(world["secretariat"]).get("/admin/agreement-register/new/")
    html = html.content.decode()
    assert f'<option value="{safety.pk}">{safety.title}</option>' in html
    assert f'value="{english.pk}"' not in html
    assert "Styrelsemöte 2026-03-12 § 1 Anta avtalet" in html


# Reminders and the dashboard


def test_reminders_fire_once_per_deadline(world, django_capture_on_commit_callbacks):
    made = agreement(world, ends_on=days(70), notice_months=1)  # notice in ~40 days
    later = agreement(world, title="Senare", ends_on=days(700))
    services.obligation_add(
        by=world["board"],
        agreement=made,
        title="Rapport",
        kind="report",
        due_on=days(-2),
    )
    services.obligation_add(
        by=world["board"],
        agreement=made,
        title="Revision",
        kind="audit",
        due_on=days(10),
    )
    services.obligation_add(
        by=world["board"], agreement=later, title="Långt bort", due_on=days(100)
    )
    assert selectors.to_act_on_count() == 2  # one notice deadline, one overdue
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_agreements", stdout=out)
        call_command("remind_agreements", stdout=out)
    assert "3 agreement reminders sent." in out.getvalue()
    assert "0 agreement reminders sent." in out.getvalue()
    assert sorted(Reminder.objects.values_list("kind", flat=True)) == [
        "notice",
        "obligation",
        "overdue",
    ]
    told = Notification.objects.filter(user=world["secretariat"])
    assert sorted(told.values_list("event__kind", flat=True)) == [
        "agreement.notice_deadline",
        "agreement.obligation_due",
        "agreement.obligation_overdue",
    ]
    assert len(mail.outbox) == 3
    assert {message.to[0] for message in mail.outbox} == {world["secretariat"].email}
    # A moved deadline is a new deadline: reminded of once more.
    services.agreement_update(by=world["board"], agreement=made, ends_on=days(80))
    assert services.agreements_remind() == 1
    assert services.agreements_remind() == 0


def test_the_dashboard_counts_what_to_act_on_in_one_query(
    world, django_assert_num_queries
):
    agreement(world, ends_on=days(30), notice_months=0)
    with django_assert_num_queries(1):
        assert selectors.to_act_on_count() == 1


# Contracted value


def test_contracted_value_per_year_and_per_priority(world):
    home = site_home()
    _plan, (safety, cleaning) = plan_with_priorities(home, 2)
    safety.budget_year, safety.budget_amount_minor = 2027, 500_000_00
    safety.save_revision().publish()
    safety.refresh_from_db()
    agreement(
        world,
        title="Bevakning",
        value_minor=100_000_00,
        value_per="year",
        starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2028, 2, 28),
        priority=safety,
    )
    agreement(
        world,
        title="Bidrag",
        value_minor=30_000_00,
        value_per="total",
        starts_on=datetime.date(2027, 6, 1),
        ends_on=datetime.date(2027, 8, 31),
        priority=cleaning,
    )
    agreement(
        world,
        title="Tills vidare",
        value_minor=1_000_00,
        currency="DKK",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=None,
    )
    per_year = selectors.contracted_per_year(years=range(2025, 2030))
    assert per_year == {
        2025: {"DKK": 1_000_00},
        2026: {"SEK": 100_000_00, "DKK": 1_000_00},
        2027: {"SEK": 130_000_00, "DKK": 1_000_00},
        2028: {"SEK": 100_000_00, "DKK": 1_000_00},
        2029: {"DKK": 1_000_00},
    }
    rows = {
        row.priority.pk if row.priority else None: row
        for row in selectors.contracted_per_priority(year=2027)
    }
    assert rows[safety.pk].amounts == {"SEK": 100_000_00}
    assert rows[safety.pk].budget_minor == 500_000_00
    assert rows[cleaning.pk].amounts == {"SEK": 30_000_00}
    assert rows[cleaning.pk].budget_minor is None
    assert rows[None].amounts == {"DKK": 1_000_00}


def test_a_translated_priority_is_one_row_named_in_the_readers_language(world):
    home = site_home()
    _plan, (safety,) = plan_with_priorities(home, 1)
    safety.budget_year, safety.budget_amount_minor = 2027, 500_000_00
    safety.save_revision().publish()
    english_home = site_home("en")
    english = safety.copy_for_translation(english_home.locale, copy_parents=True)
    english.title = "Safety"
    english.save_revision().publish()
    agreement(
        world,
        title="Bevakning",
        value_minor=100_000_00,
        value_per="year",
        starts_on=datetime.date(2027, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
        priority=safety,
    )
    with translation.override("en"):
        rows = selectors.contracted_per_priority(year=2027)
    assert [(row.title, row.amounts, row.budget_minor) for row in rows] == [
        ("Safety", {"SEK": 100_000_00}, 500_000_00)
    ]
    with translation.override("sv"):
        rows = selectors.contracted_per_priority(year=2027)
    assert [row.title for row in rows] == [safety.title]
