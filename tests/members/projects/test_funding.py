"""Funding lines and expenditure: the steps in order and once, what a project's
money adds up to, its public page and the plan's leverage."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import translation

from members.contributions.services import bank_payment_record
from members.projects.models import Expenditure, FundingLine
from members.projects.selectors.funding import plan_leverage, project_money
from members.projects.services import funding
from members.proposals.models import Proposal
from tests.factories.accounts import MemberUserFactory
from tests.factories.proposals import ProposalFactory
from tests.members.projects.funding_world import DAY, decided, line, world

pytestmark = pytest.mark.django_db

Status = FundingLine.Status


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def w():
    return world()


def stored(funding_line: FundingLine) -> FundingLine:
    return FundingLine.objects.get(pk=funding_line.pk)


# Steps


def test_a_line_is_pledged_then_decided_then_invoiced_then_paid(w):
    municipality = line(w, "municipality", 150_000_00, party_name="Staden")
    assert municipality.status == Status.PLEDGED

    funding.funding_line_decide(line=municipality, by=w.staff, decided_on=DAY)
    funding.funding_line_invoice(
        line=municipality, by=w.staff, on=DAY + datetime.timedelta(days=1)
    )
    funding.funding_line_record_payment(
        line=municipality, by=w.staff, paid_on=DAY + datetime.timedelta(days=9)
    )

    row = stored(municipality)
    assert row.status == Status.PAID
    assert (row.decided_on, row.invoiced_on, row.paid_on) == (
        DAY,
        datetime.date(2026, 3, 3),
        datetime.date(2026, 3, 11),
    )
    # Another party's money is recorded, not invoiced through the ledger.
    assert row.invoice is None


def test_a_step_cannot_be_skipped(w):
    municipality = line(w, "municipality", 150_000_00, party_name="Staden")

    with pytest.raises(ValidationError):
        funding.funding_line_invoice(line=municipality, by=w.staff, on=DAY)
    with pytest.raises(ValidationError):
        funding.funding_line_record_payment(line=municipality, by=w.staff, paid_on=DAY)

    assert stored(municipality).status == Status.PLEDGED
    assert stored(municipality).invoiced_on is None


def test_each_step_is_taken_once(w):
    bid = decided(w, "bid", 100_000_00)
    with pytest.raises(ValidationError):
        funding.funding_line_decide(line=bid, by=w.staff, decided_on=DAY)

    funding.funding_line_record_payment(line=bid, by=w.staff, paid_on=DAY)
    with pytest.raises(ValidationError):
        funding.funding_line_record_payment(line=bid, by=w.staff, paid_on=DAY)
    assert stored(bid).paid_on == DAY


def test_the_bids_own_money_is_not_invoiced(w):
    bid = decided(w, "bid", 100_000_00)

    with pytest.raises(ValidationError):
        funding.funding_line_invoice(line=bid, by=w.staff, on=DAY)

    assert stored(bid).status == Status.DECIDED


def test_a_members_share_is_not_recorded_paid_by_hand(w):
    share = decided(w, "member", 30_000_00, organisation=w.members[0])
    funding.funding_line_invoice(line=share, by=w.staff, on=DAY)

    with pytest.raises(ValidationError):
        funding.funding_line_record_payment(line=share, by=w.staff, paid_on=DAY)

    assert stored(share).status == Status.INVOICED


def test_a_date_in_the_future_changes_nothing(w):
    municipality = line(w, "municipality", 150_000_00, party_name="Staden")
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError):
        funding.funding_line_decide(line=municipality, by=w.staff, decided_on=tomorrow)

    row = stored(municipality)
    assert (row.status, row.decided_on) == (Status.PLEDGED, None)


def test_a_decision_before_the_pledge_is_refused(w):
    municipality = line(w, "municipality", 150_000_00, party_name="Staden")

    with pytest.raises(ValidationError):
        funding.funding_line_decide(
            line=municipality, by=w.staff, decided_on=DAY - datetime.timedelta(days=1)
        )

    assert stored(municipality).status == Status.PLEDGED


def test_a_member_line_names_the_member(w):
    with pytest.raises(ValidationError):
        line(w, "member", 10_000_00)
    with pytest.raises(ValidationError):
        line(w, "member", 0, organisation=w.members[0])
    assert not FundingLine.objects.exists()


def test_lines_are_added_to_accepted_projects_only(w):
    draft = ProposalFactory(
        organisation=w.members[0], priority=w.project.priority, status="submitted"
    )

    with pytest.raises(ValidationError):
        funding.funding_line_add(project=draft, by=w.staff, party="bid", amount_minor=1)

    assert not FundingLine.objects.exists()


def test_only_a_pledge_can_be_taken_back(w):
    pledge = line(w, "other", 5_000_00, party_name="Fastighetsägarna")
    kept = decided(w, "municipality", 150_000_00, party_name="Staden")

    funding.funding_line_remove(line=pledge, by=w.staff)
    with pytest.raises(ValidationError):
        funding.funding_line_remove(line=kept, by=w.staff)

    assert list(FundingLine.objects.values_list("pk", flat=True)) == [kept.pk]


def test_a_member_cannot_take_the_steps(w):
    someone = MemberUserFactory()
    pledge = line(w, "bid", 100_000_00)

    with pytest.raises(PermissionDenied):
        funding.funding_line_add(
            project=w.project, by=someone, party="bid", amount_minor=1
        )
    with pytest.raises(PermissionDenied):
        funding.funding_line_decide(line=pledge, by=someone, decided_on=DAY)
    with pytest.raises(PermissionDenied):
        funding.expenditure_record(
            project=w.project,
            by=someone,
            spent_on=DAY,
            description="Armaturer",
            amount_minor=1,
        )

    assert stored(pledge).status == Status.PLEDGED
    assert FundingLine.objects.count() == 1
    assert not Expenditure.objects.exists()


# What it adds up to


def lines_in_every_state(w):
    """BID 100 000 paid, municipality 150 000 invoiced, members 30 000 paid in
    the ledger, 20 000 invoiced and 10 000 pledged, a partner's 5 000 decided."""
    bid = decided(w, "bid", 100_000_00)
    funding.funding_line_record_payment(line=bid, by=w.staff, paid_on=DAY)
    municipality = decided(w, "municipality", 150_000_00, party_name="Staden")
    funding.funding_line_invoice(line=municipality, by=w.staff, on=DAY)
    paid = decided(w, "member", 30_000_00, organisation=w.members[0])
    funding.funding_line_invoice(line=paid, by=w.staff, on=DAY)
    from_ledger(paid)
    invoiced = decided(w, "member", 20_000_00, organisation=w.members[1])
    funding.funding_line_invoice(line=invoiced, by=w.staff, on=DAY)
    line(w, "member", 10_000_00, organisation=w.members[2])
    decided(w, "other", 5_000_00, party_name="Fastighetsägarna")
    for description, amount in (("Armaturer", 120_000_00), ("Montage", 45_000_00)):
        funding.expenditure_record(
            project=w.project,
            by=w.staff,
            spent_on=DAY,
            description=description,
            amount_minor=amount,
        )


def from_ledger(paid_line: FundingLine) -> None:
    """The secretariat enters the member's bank transfer in the ledger."""
    invoice = stored(paid_line).invoice
    bank_payment_record(
        contribution=invoice,
        by=paid_line.recorded_by,
        amount_minor=invoice.amount_minor,
        occurred_on=DAY,
        reference="OCR",
        form_token=f"t{invoice.pk}",
    )


def test_the_projects_figures_add_up(w):
    lines_in_every_state(w)

    money = project_money(project=w.project)

    assert money.budget == 400_000_00
    assert money.pledged == 315_000_00
    assert money.decided == 305_000_00
    assert money.invoiced == 300_000_00
    assert money.received == 130_000_00
    assert money.spent == 165_000_00
    assert money.received == sum(share.received for share in money.parties)
    assert money.pledged == sum(share.pledged for share in money.parties)
    assert (money.received_percent, money.spent_percent) == (33, 41)
    shares = {share.label: share.received for share in money.parties}
    assert shares["Kajkaféet AB"] == 30_000_00
    assert shares["Hamnbygg AB"] == 0


def test_the_project_page_shows_the_figures_and_the_parties(w, client):
    lines_in_every_state(w)

    page = Client().get("/en" + w.project_url()).content.decode()

    for figure in ("400,000", "315,000", "130,000", "165,000"):
        assert figure in page
    assert "33 % of the budget received" in page
    assert "Staden" in page
    assert "Fastighetsägarna" in page
    assert "3 member companies" in page
    assert "Kajkaféet AB" in page
    # The member companies' shares are shown together: 60 000 pledged.
    assert "60,000" in page
    assert "SEK 30,000" not in page


def test_the_plan_shows_partner_money_per_krona_of_the_bids(w):
    lines_in_every_state(w)

    leverage = plan_leverage(currency="SEK")

    # Partners, decided or later: 150 000 + 30 000 + 20 000 + 5 000; the
    # 10 000 only pledged does not count yet.
    assert (leverage.bid, leverage.partners, leverage.projects) == (
        100_000_00,
        205_000_00,
        1,
    )
    assert str(leverage.per_krona) == "2.1"


def test_the_leverage_counts_accepted_running_and_closed_projects_only(w):
    decided(w, "bid", 100_000_00)
    decided(w, "municipality", 100_000_00, party_name="Staden")
    closed = ProposalFactory(
        organisation=w.members[0], priority=w.project.priority, status="accepted"
    )
    w.project, running = closed, w.project
    decided(w, "bid", 100_000_00)
    decided(w, "municipality", 300_000_00, party_name="Staden")
    Proposal.objects.filter(pk=closed.pk).update(status="completed")
    Proposal.objects.filter(pk=running.pk).update(status="withdrawn")

    leverage = plan_leverage()

    assert (leverage.bid, leverage.partners, str(leverage.per_krona)) == (
        100_000_00,
        300_000_00,
        "3.0",
    )


def test_no_leverage_before_the_bid_has_put_money_in(w):
    decided(w, "municipality", 100_000_00, party_name="Staden")

    assert plan_leverage().per_krona is None


def test_the_plan_page_says_what_each_krona_brought_in(w):
    lines_in_every_state(w)

    page = Client().get("/en" + w.plan.url).content.decode()

    assert "Each krona of the BID" in page
    assert "brought in 2.1 kronor from partners" in page


def test_a_new_line_shows_on_the_cached_plan_and_project_pages_at_once(
    w, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 600
    visitor = Client()
    decided(w, "bid", 100_000_00)
    decided(w, "municipality", 100_000_00, party_name="Staden")
    plan_url, project_url = "/en" + w.plan.url, "/en" + w.project_url()
    for url in (plan_url, project_url):
        visitor.get(url)
        assert visitor.get(url).get("X-Page-Cache") == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        decided(w, "municipality", 100_000_00, party_name="Regionen")

    assert "brought in 2 kronor" in visitor.get(plan_url).content.decode()
    assert "Regionen" in visitor.get(project_url).content.decode()
