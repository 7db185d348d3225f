"""The auditor: read access to the agreements, decisions, ledger and exports
of the years given and nothing else, every page logged; the board and the
secretariat give and revoke the access."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from members.agreements.models import Agreement, FollowUp
from members.auditing import selectors, services
from members.auditing.models import AuditorGrant, AuditView
from members.contributions import services as contribution_services
from members.contributions.models import Contribution, ContributionScheme
from members.meetings.models import Visibility
from tests.factories.accounts import (
    BoardUserFactory,
    MemberUserFactory,
    SecretariatUserFactory,
)
from tests.factories.auditing import auditor
from tests.factories.contributions import SchemeFactory, member
from tests.factories.meetings import published_meeting
from tests.trails import trail

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def at(year: int, month: int = 6, day: int = 15) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 18))


@pytest.fixture
def books():
    """Two years of books: 2025 and 2026 invoices with a payment each, a
    board meeting and a public one in each year, an agreement in force in
    2026 only and one in force both years."""
    organisation, _admin = member(legal_name="Kajfastigheter AB")
    for year in (2025, 2026):
        SchemeFactory(year=year, due_date=datetime.date(year, 3, 31))
        contribution_services.contributions_issue(
            scheme=ContributionScheme.objects.get(year=year),
            on=datetime.date(year, 1, 15),
        )
        contribution_services.entry_record(
            contribution=Contribution.objects.get(year=year),
            kind="bank_payment",
            source="bank",
            external_id=f"pay-{year}",
            amount_minor=100_00 + year,
            occurred_on=datetime.date(year, 2, 1),
        )
        published_meeting(
            title=f"Styrelsemöte {year}",
            visibility=Visibility.BOARD,
            starts_at=at(year),
            ends_at=at(year) + datetime.timedelta(hours=2),
            decisions=(f"Styrelsen beslutar om budget {year}",),
        )
    new = Agreement.objects.create(
        title="Väktartjänst",
        counterparty_name="Vakt AB",
        kind=Agreement.Kind.SERVICE,
        value_minor=250_000_00,
        starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2027, 2, 28),
    )
    running = Agreement.objects.create(
        title="Hyra av kontoret",
        counterparty=organisation,
        kind=Agreement.Kind.LEASE,
        value_minor=120_000_00,
        starts_on=datetime.date(2024, 1, 1),
    )
    FollowUp.objects.create(
        agreement=running,
        year=2025,
        delivered_as_agreed="yes",
        cost_as_agreed="no",
        outcome="renegotiate",
    )
    return {"new": new, "running": running}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rows(response) -> list[dict]:
    text = b"".join(
        response.streaming_content if response.streaming else [response.content]
    )
    return list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))


def test_the_auditor_reads_the_given_year_and_nothing_of_another(books):
    client = signed_in(auditor(first_year=2026))

    ledger = client.get("/portal/audit/2026/ledger/")
    assert ledger.status_code == 200
    assert "2026-00001" in ledger.text and "2025-00001" not in ledger.text

    decisions = client.get("/portal/audit/2026/decisions/")
    # A board-only decision is part of the audit; another year's is not.
    assert "Styrelsen beslutar om budget 2026" in decisions.text
    assert "budget 2025" not in decisions.text

    agreements = client.get("/portal/audit/2026/agreements/")
    assert "Väktartjänst" in agreements.text and "Hyra av kontoret" in agreements.text

    for path in (
        "/portal/audit/2025/",
        "/portal/audit/2025/ledger/",
        "/portal/audit/2025/exports/ledger/",
        f"/portal/audit/2025/agreements/{books['running'].pk}/",
    ):
        assert client.get(path).status_code == 404, path


def test_an_agreement_is_audited_in_the_years_it_was_in_force(books):
    client = signed_in(auditor(first_year=2025, last_year=2026))
    assert (
        client.get(f"/portal/audit/2025/agreements/{books['new'].pk}/").status_code
        == 404
    )
    page = client.get(f"/en/portal/audit/2025/agreements/{books['running'].pk}/")
    assert page.status_code == 200
    # The follow-up of the year audited, not of another.
    assert "Renegotiate" in page.text
    # The trail leads back through the year's agreements.
    assert [title for title, _url in trail(page)] == [
        "Member portal",
        "Audit",
        "2025",
        "Agreements in force 2025",
        books["running"].title,
    ]
    page_2026 = client.get(f"/en/portal/audit/2026/agreements/{books['running'].pk}/")
    assert "No follow-up was recorded for the year." in page_2026.text


def test_the_exports_hold_the_year_only(books):
    client = signed_in(auditor(first_year=2025))
    ledger = rows(client.get("/portal/audit/2025/exports/ledger/"))
    assert [row["external_id"] for row in ledger] == ["pay-2025"]
    assert ledger[0]["amount"] == f"{(100_00 + 2025) / 100:.2f}"
    decisions = rows(client.get("/portal/audit/2025/exports/decisions/"))
    assert [row["decision"] for row in decisions] == [
        "Styrelsen beslutar om budget 2025"
    ]
    agreements = rows(client.get("/portal/audit/2025/exports/agreements/"))
    assert [row["title"] for row in agreements] == ["Hyra av kontoret"]
    assert agreements[0]["follow_up_outcome"] == "renegotiate"
    contributions = rows(client.get("/portal/audit/2025/exports/contributions/"))
    assert [row["number"] for row in contributions] == ["2025-00001"]
    sie = client.get("/portal/audit/2025/exports/sie/")
    assert sie.status_code == 200
    assert b"#RAR 0 20250101 20251231" in sie.content


def test_every_page_the_auditor_opens_is_logged_whatever_the_answer(books):
    person = auditor(first_year=2026)
    client = signed_in(person)
    client.get("/portal/audit/")
    client.get("/portal/audit/2026/exports/ledger/")
    client.get("/portal/audit/2025/ledger/")
    client.get("/portal/audit/2026/agreements/999999/")
    logged = list(
        AuditView.objects.filter(user=person)
        .order_by("pk")
        .values_list("path", "year", "status")
    )
    assert logged == [
        ("/portal/audit/", None, 200),
        ("/portal/audit/2026/exports/ledger/", 2026, 200),
        ("/portal/audit/2025/ledger/", 2025, 404),
        ("/portal/audit/2026/agreements/999999/", 2026, 404),
    ]


def test_no_one_else_reaches_the_audit_and_no_one_else_is_logged(books):
    _organisation, admin = member(legal_name="Grannen AB")
    for person in (
        MemberUserFactory(),
        admin,
        BoardUserFactory(),
        SecretariatUserFactory(),
    ):
        response = signed_in(person).get("/portal/audit/2026/ledger/")
        assert response.status_code == 403
    assert not AuditView.objects.exists()
    assert Client().get("/portal/audit/").status_code == 302


def test_access_ends_on_its_last_day_and_when_revoked(books):
    today = timezone.localdate()
    ended = auditor(first_year=2026, until=today - datetime.timedelta(days=1))
    assert signed_in(ended).get("/portal/audit/").status_code == 403
    lasting = auditor(first_year=2026, until=today)
    assert signed_in(lasting).get("/portal/audit/").status_code == 200
    grant = AuditorGrant.objects.get(user=lasting)
    services.grant_revoke(by=SecretariatUserFactory(), grant=grant)
    assert signed_in(lasting).get("/portal/audit/").status_code == 403
    # A deactivated account loses it too.
    active = auditor(first_year=2026)
    active.is_active = False
    active.save()
    assert selectors.audit_years(active) == frozenset()


def test_the_audit_is_read_only():
    client = signed_in(auditor())
    assert client.post(f"/portal/audit/{THIS_YEAR}/").status_code == 405
    assert client.post("/portal/audit/").status_code == 405


def test_the_secretariat_gives_access_and_the_auditor_is_told(
    django_capture_on_commit_callbacks,
):
    secretariat = SecretariatUserFactory()
    person = MemberUserFactory(email="revisor@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        grant = services.grant_create(
            by=secretariat,
            email="Revisor@Example.org",
            first_year=THIS_YEAR - 1,
            last_year=THIS_YEAR,
            note="Vald av årsmötet",
        )
    assert grant.user == person and grant.granted_by == secretariat
    assert selectors.audit_years(person) == {THIS_YEAR - 1, THIS_YEAR}
    assert [message.to for message in mail.outbox] == [["revisor@example.org"]]
    assert f"{THIS_YEAR - 1}–{THIS_YEAR}" in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("email", "first", "last", "field"),
    [
        ("nobody@example.org", -1, 0, "email"),
        ("revisor@example.org", 0, -1, "last_year"),
        ("revisor@example.org", 0, 1, "last_year"),
        ("revisor@example.org", -40, 0, "last_year"),
    ],
)
def test_a_grant_that_cannot_be_is_refused_and_nothing_is_given(
    email, first, last, field
):
    MemberUserFactory(email="revisor@example.org")
    with pytest.raises(ValidationError) as refused:
        services.grant_create(
            by=SecretariatUserFactory(),
            email=email,
            first_year=THIS_YEAR + first,
            last_year=THIS_YEAR + last,
        )
    assert field in refused.value.message_dict
    assert not AuditorGrant.objects.exists() and not mail.outbox


def test_the_board_cannot_audit_itself_and_members_cannot_give_access():
    board = BoardUserFactory()
    with pytest.raises(ValidationError):
        services.grant_create(
            by=SecretariatUserFactory(),
            email=board.email,
            first_year=THIS_YEAR,
            last_year=THIS_YEAR,
        )
    person = MemberUserFactory()
    with pytest.raises(PermissionDenied):
        services.grant_create(
            by=member()[1],
            email=person.email,
            first_year=THIS_YEAR,
            last_year=THIS_YEAR,
        )
    assert not AuditorGrant.objects.exists()


def test_the_admin_gives_revokes_and_shows_the_log(client_for):
    secretariat = SecretariatUserFactory()
    client = client_for("secretariat", user=secretariat)
    person = MemberUserFactory(email="revisor@example.org")
    response = client.post(
        "/admin/auditors/",
        {
            "email": "revisor@example.org",
            "first_year": THIS_YEAR,
            "last_year": THIS_YEAR,
        },
    )
    assert response.status_code == 302
    grant = AuditorGrant.objects.get(user=person)
    signed_in(person).get("/portal/audit/")
    log = client.get(f"/admin/auditors/log/?auditor={person.pk}")
    assert "/portal/audit/" in log.text and "revisor@example.org" in log.text
    # The overview is of no one year: a dash, not "None".
    assert "None" not in log.text
    client.post(f"/admin/auditors/{grant.pk}/revoke/")
    grant.refresh_from_db()
    assert grant.revoked_by == secretariat and grant.revoked_at is not None
    # A form in error gives nothing and says why.
    again = client.post(
        "/admin/auditors/",
        {
            "email": "nobody@example.org",
            "first_year": THIS_YEAR,
            "last_year": THIS_YEAR,
        },
    )
    assert again.status_code == 200
    assert AuditorGrant.objects.count() == 1


def test_the_portal_shows_the_audit_section_to_the_auditor_only(books):
    assert "/portal/audit/" in signed_in(auditor()).get("/portal/").text
    assert "/portal/audit/" not in signed_in(member()[1]).get("/portal/").text
