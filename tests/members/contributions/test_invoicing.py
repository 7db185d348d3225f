"""Issuing a year's contributions: one per member, numbered without gaps, idempotent."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from members.contributions import services
from members.contributions.models import Contribution, ContributionScheme, InvoicingRun
from members.enrolment.models import Membership
from tests.factories.accounts import BoardUserFactory
from tests.factories.contributions import SchemeFactory, member
from tests.factories.organisations import organisation_with_admin

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 1, 15)


def test_issues_one_numbered_invoice_per_active_member_with_its_lines(
    django_capture_on_commit_callbacks,
):
    scheme = SchemeFactory()
    first, admin = member(
        properties=[(2000, "office"), (400, "retail")], legal_name="A AB"
    )
    second, _ = member(properties=[], legal_name="B AB", type="public_agency")
    organisation_with_admin(legal_name="Sökande AB")  # not a member
    ended, _ = member(legal_name="Utträtt AB")
    Membership.objects.filter(organisation=ended).update(
        ends_on=datetime.date(2025, 12, 31)
    )

    with django_capture_on_commit_callbacks(execute=True):
        run = services.contributions_issue(scheme=scheme, on=ON)

    assert (run.total, run.created, run.status) == (2, 2, InvoicingRun.Status.FINISHED)
    contributions = list(Contribution.objects.order_by("number"))
    assert [c.number for c in contributions] == ["2026-00001", "2026-00002"]
    assert [c.organisation for c in contributions] == [first, second]
    a = contributions[0]
    # 5 000 + 2 000 × 10 + 400 × 15 = 31 000 kr
    assert a.amount_minor == 31_000_00
    assert [line.kind for line in a.lines.all()] == ["base_fee", "property", "property"]
    assert contributions[1].amount_minor == 10_000_00  # the floor
    assert (
        a.payment_reference.startswith("2026000001") and len(a.payment_reference) == 11
    )
    scheme.refresh_from_db()
    assert scheme.is_locked
    assert any(admin.email in m.to for m in mail.outbox)
    assert any("2026-00001" in m.subject for m in mail.outbox)


def test_a_second_run_creates_nothing():
    scheme = SchemeFactory()
    for _ in range(3):
        member()
    services.contributions_issue(scheme=scheme, on=ON)
    run = services.contributions_issue(scheme=scheme, on=ON)
    assert (run.total, run.created) == (0, 0)
    assert Contribution.objects.count() == 3


def test_an_interrupted_run_resumes_without_gaps_or_doubles(monkeypatch):
    scheme = SchemeFactory()
    for _ in range(7):
        member()
    real = services.members_to_invoice
    monkeypatch.setattr(services, "members_to_invoice", lambda s, on: real(s, on)[:3])
    services.contributions_issue(scheme=scheme, on=ON, chunk_size=2)
    monkeypatch.setattr(services, "members_to_invoice", real)

    run = services.contributions_issue(scheme=scheme, on=ON, chunk_size=2)

    assert run.created == 4
    numbers = sorted(Contribution.objects.values_list("number", flat=True))
    assert numbers == [f"2026-{n:05d}" for n in range(1, 8)]
    assert Contribution.objects.values("organisation").distinct().count() == 7


def test_one_failing_member_does_not_stop_the_others_or_leave_a_gap(monkeypatch):
    scheme = SchemeFactory()
    members = [member()[0] for _ in range(4)]
    broken = members[1]
    real = services.calculate

    def calculate(*, rates, properties):
        if any(
            p.property_id in set(broken.properties.values_list("pk", flat=True))
            for p in properties
        ):
            raise RuntimeError("bad data")
        return real(rates=rates, properties=properties)

    monkeypatch.setattr(services, "calculate", calculate)
    run = services.contributions_issue(scheme=scheme, on=ON)

    assert run.created == 3
    assert run.status == InvoicingRun.Status.FAILED
    assert broken.legal_name in run.failures[0]
    assert sorted(Contribution.objects.values_list("number", flat=True)) == [
        "2026-00001",
        "2026-00002",
        "2026-00003",
    ]


def test_a_locked_scheme_cannot_be_changed():
    scheme = SchemeFactory()
    member()
    services.contributions_issue(scheme=scheme, on=ON)
    scheme.refresh_from_db()
    scheme.base_fee_minor = 1
    with pytest.raises(ValidationError):
        scheme.full_clean()


def test_only_the_latest_version_of_a_year_issues():
    old = SchemeFactory(version=1)
    SchemeFactory(version=2)
    with pytest.raises(ValidationError):
        services.contributions_issue(scheme=old, on=ON)


def test_the_command_reports_and_is_idempotent(capsys):
    SchemeFactory()
    member()
    call_command("issue_contributions", "--year", "2026", verbosity=0)
    call_command("issue_contributions", "--year", "2026", verbosity=0)
    out = capsys.readouterr().out
    assert "1 contributions issued" in out
    assert "0 contributions issued" in out
    assert Contribution.objects.count() == 1


def test_the_board_starts_invoicing_in_the_admin_and_sees_progress(
    client_for, django_capture_on_commit_callbacks
):
    scheme = SchemeFactory()
    member()
    member(properties=[(1000, "retail")], legal_name="Butiken AB")
    client = client_for("board", user=BoardUserFactory(language="en"))
    url = f"/admin/contributions/issue/{scheme.pk}/"
    # First the board sees what will happen; nothing is issued or emailed yet.
    with django_capture_on_commit_callbacks(execute=True):
        preview = client.get(url)
        unconfirmed = client.post(url)
    assert not Contribution.objects.exists()
    assert not InvoicingRun.objects.exists()
    assert len(mail.outbox) == 0
    page = preview.content.decode()
    assert "Invoices to issue" in page and "<dd>2</dd>" in page
    # 25 000 + 20 000 kr, the base fee and the rates of the scheme
    assert "45\xa0000" in page or "45,000" in page
    assert unconfirmed.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": "issue"})
    run = InvoicingRun.objects.get()
    assert response["Location"] == f"/admin/contributions/runs/{run.pk}/"
    status = client.get(f"/admin/contributions/runs/{run.pk}/?format=json").json()
    assert status == {
        "status": "finished",
        "done": 2,
        "total": 2,
        "created": 2,
        "percent": 100,
    }
    assert (
        '<progress id="run-progress" max="100" value="100">'
        in client.get(f"/admin/contributions/runs/{run.pk}/").content.decode()
    )


def test_members_cannot_start_invoicing(client_for):
    scheme = SchemeFactory()
    member()
    client_for("member").post(
        f"/admin/contributions/issue/{scheme.pk}/", {"confirm": "issue"}
    )
    assert not Contribution.objects.exists()
    assert ContributionScheme.objects.get().locked_at is None
