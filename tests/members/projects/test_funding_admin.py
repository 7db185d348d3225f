"""A project's money in the admin: the board and the secretariat add funding
lines and take them step by step, record spending, and are told in words
when a step is refused; nobody else reaches the screens. And the demo's
co-funded project, with a line in every state."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from members.contributions.models import Contribution
from members.contributions.sie import sie_file
from members.meetings.models import Decision
from members.projects.models import Expenditure, FundingLine
from members.projects.services import funding
from members.proposals.models import Proposal
from tests.factories.accounts import BoardUserFactory
from tests.factories.meetings import MeetingFactory
from tests.members.projects.funding_world import DAY, decided, line, world

Status = FundingLine.Status


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def w(db):
    return world()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def funding_url(w) -> str:
    return reverse("projects_funding", args=[w.project.pk])


def step_url(step: str, funding_line: FundingLine) -> str:
    return reverse(f"projects_funding_{step}", args=[funding_line.pk])


def add_line(client, w, **fields):
    data = {
        "line-party": "member",
        "line-organisation": w.members[0].pk,
        "line-amount_minor": "30 000",
        "line-currency": "SEK",
        "line-pledged_on": DAY.isoformat(),
        "line-note": "Ur marknadsbudgeten",
        "add_line": "1",
    }
    data.update({f"line-{name}": value for name, value in fields.items()})
    return client.post(funding_url(w), data)


def said(text: str) -> str:
    """A message as the admin shows it: in the site's language (Swedish),
    escaped."""
    with translation.override("sv"):
        return escape(gettext(text))


def stored(funding_line: FundingLine) -> FundingLine:
    return FundingLine.objects.get(pk=funding_line.pk)


# The steps through the screens


def test_the_secretariat_adds_a_members_line_and_invoices_it_through_the_ledger(w):
    staff = signed_in(w.staff)
    meeting = MeetingFactory(
        starts_at=datetime.datetime(2026, 3, 5, 18, tzinfo=datetime.UTC)
    )
    decision = Decision.objects.create(
        meeting=meeting, number=4, text="Hamnbygg bidrar", proposal=w.project
    )

    response = add_line(staff, w)

    assert response.status_code == 302
    share = FundingLine.objects.get()
    assert (share.organisation, share.amount_minor, share.status, share.note) == (
        w.members[0],
        30_000_00,
        Status.PLEDGED,
        "Ur marknadsbudgeten",
    )
    page = staff.get(funding_url(w)).content.decode()
    assert "Kajkaféet AB" in page and step_url("decide", share) in page

    assert "Hamnbygg bidrar" in staff.get(step_url("decide", share)).content.decode()
    staff.post(
        step_url("decide", share),
        {"decision": decision.pk, "decided_on": "2026-03-05"},
    )
    row = stored(share)
    assert (row.status, row.decided_on, row.decision) == (
        Status.DECIDED,
        datetime.date(2026, 3, 5),
        decision,
    )

    response = staff.post(step_url("invoice", share), {"on": "2026-03-06"})

    assert response.status_code == 302
    row = stored(share)
    assert row.status == Status.INVOICED
    invoice = row.invoice
    assert (invoice.kind, invoice.organisation, invoice.amount_minor) == (
        "project",
        w.members[0],
        30_000_00,
    )
    assert f"Faktura {invoice.number}" in sie_file(year=2026).content.decode("cp437")
    page = staff.get(funding_url(w)).content.decode()
    assert reverse("contributions:inspect", args=[invoice.pk]) in page
    assert invoice.number in page
    # Paid in the ledger, not here.
    assert step_url("paid", share) not in page


def test_the_board_takes_the_bids_and_the_municipalitys_lines_to_paid(w):
    board = signed_in(BoardUserFactory())
    bid = line(w, "bid", 100_000_00)
    municipality = decided(w, "municipality", 150_000_00, party_name="Staden")

    board.post(step_url("decide", bid), {"decided_on": "2026-03-04"})
    board.post(step_url("paid", bid), {"paid_on": "2026-03-10"})
    board.post(step_url("invoice", municipality), {"on": "2026-03-05"})
    response = board.post(step_url("paid", municipality), {"paid_on": "2026-03-20"})

    assert response.status_code == 302
    assert (stored(bid).status, stored(bid).paid_on) == (
        Status.PAID,
        datetime.date(2026, 3, 10),
    )
    row = stored(municipality)
    assert (row.status, row.invoiced_on, row.paid_on, row.invoice) == (
        Status.PAID,
        datetime.date(2026, 3, 5),
        datetime.date(2026, 3, 20),
        None,
    )
    assert not Contribution.objects.exists()


def test_a_pledge_is_removed_after_its_confirmation(w):
    staff = signed_in(w.staff)
    pledge = line(w, "other", 5_000_00, party_name="Fastighetsägarna")

    confirmation = staff.get(step_url("remove", pledge))
    assert confirmation.status_code == 200
    assert FundingLine.objects.exists()
    assert said("Remove the line") in confirmation.content.decode()

    response = staff.post(step_url("remove", pledge))

    assert response.status_code == 302
    assert not FundingLine.objects.exists()
    page = staff.get(response.url).content.decode()
    assert (
        said("The pledge of %(party)s is removed.") % {"party": "Fastighetsägarna"}
        in page
    )


def test_spending_is_recorded(w):
    staff = signed_in(w.staff)

    response = staff.post(
        funding_url(w),
        {
            "spent-spent_on": "2026-03-10",
            "spent-description": "Armaturer",
            "spent-amount_minor": "12500,50",
            "spent-currency": "SEK",
            "add_expenditure": "1",
        },
    )

    assert response.status_code == 302
    spent = Expenditure.objects.get()
    assert (spent.description, spent.amount_minor, spent.recorded_by) == (
        "Armaturer",
        12_500_50,
        w.staff,
    )
    assert "Armaturer" in staff.get(funding_url(w)).content.decode()


# Refusals


def test_a_members_line_without_the_member_is_refused_in_words(w):
    response = add_line(signed_in(w.staff), w, organisation="")

    assert response.status_code == 200
    assert said("Choose the member company that pays.") in response.content.decode()
    assert not FundingLine.objects.exists()


def test_an_amount_that_is_no_amount_is_refused(w):
    response = add_line(signed_in(w.staff), w, amount_minor="tusen")

    assert response.status_code == 200
    assert (
        said("Enter an amount, for example 1250000 or 1250000.50.")
        in response.content.decode()
    )
    assert not FundingLine.objects.exists()


def test_a_decision_dated_in_the_future_changes_nothing(w):
    pledge = line(w, "bid", 100_000_00)

    response = signed_in(w.staff).post(
        step_url("decide", pledge), {"decided_on": "2999-01-01"}
    )

    assert response.status_code == 200
    assert said("The date cannot be in the future.") in response.content.decode()
    assert stored(pledge).status == Status.PLEDGED


def test_a_members_share_is_not_recorded_paid_by_hand(w):
    share = decided(w, "member", 30_000_00, organisation=w.members[0])
    funding.funding_line_invoice(line=share, by=w.staff, on=DAY)

    response = signed_in(w.staff).post(step_url("paid", share), {})

    assert response.status_code == 200
    assert (
        said("A member's share is paid through its invoice in the ledger.")
        in response.content.decode()
    )
    assert stored(share).status == Status.INVOICED


def test_the_bids_own_money_is_not_invoiced_and_a_decided_line_stays(w):
    bid = decided(w, "bid", 100_000_00)
    staff = signed_in(w.staff)

    invoiced = staff.post(step_url("invoice", bid), {})
    removed = staff.post(step_url("remove", bid))

    assert (
        said("The BID's own money is not invoiced; record it as paid.")
        in invoiced.content.decode()
    )
    with translation.override("sv"):
        status = FundingLine.Status.DECIDED.label.lower()
    assert (
        said("This step cannot be taken: the line is %(status)s.") % {"status": status}
        in removed.content.decode()
    )
    assert stored(bid).status == Status.DECIDED


def test_a_closed_project_takes_no_new_lines_but_its_money_is_shown(w):
    bid = decided(w, "bid", 100_000_00)
    Proposal.objects.filter(pk=w.project.pk).update(status=Proposal.Status.COMPLETED)
    staff = signed_in(w.staff)

    page = staff.get(funding_url(w)).content.decode()
    response = add_line(staff, w)

    assert said("Add the line") not in page and step_url("paid", bid) in page
    assert response.status_code == 200
    assert FundingLine.objects.count() == 1


def test_a_proposal_not_accepted_has_no_funding_screen(w):
    Proposal.objects.filter(pk=w.project.pk).update(status=Proposal.Status.SUBMITTED)

    assert signed_in(w.staff).get(funding_url(w)).status_code == 404


# Who reaches the screens


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_members_and_visitors_are_sent_away_and_change_nothing(w, who):
    client = Client() if who == "anonymous" else signed_in(w.admins[0])
    pledge = line(w, "bid", 100_000_00)

    responses = [
        client.get(funding_url(w)),
        add_line(client, w),
        client.post(step_url("decide", pledge), {"decided_on": "2026-03-04"}),
        client.post(step_url("remove", pledge)),
    ]

    assert {response.status_code for response in responses} == {302}
    assert list(FundingLine.objects.values_list("status", flat=True)) == ["pledged"]


def test_the_review_page_links_to_the_funding_screen(w):
    page = signed_in(w.staff).get(
        reverse("proposal_review:inspect", args=[w.project.pk])
    )

    assert funding_url(w) in page.content.decode()


def test_the_funding_screen_stays_within_its_query_budget(
    w, django_assert_max_num_queries
):
    bid = decided(w, "bid", 100_000_00)
    funding.funding_line_record_payment(line=bid, by=w.staff, paid_on=DAY)
    for organisation in w.members:
        share = decided(w, "member", 10_000_00, organisation=organisation)
        funding.funding_line_invoice(line=share, by=w.staff, on=DAY)
    staff = signed_in(w.staff)
    staff.get(funding_url(w))

    # Eleven are the admin's own frame (session, user, permissions, menu);
    # the screen's are the same however many lines and invoices.
    with django_assert_max_num_queries(17):
        assert staff.get(funding_url(w)).status_code == 200


# The demo


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_demos_co_funded_project_has_a_line_in_every_state(demo):
    project = Proposal.objects.get(title="Trygghetsvandringar varje kvartal")
    lines = FundingLine.objects.filter(project=project).select_related(
        "organisation", "invoice"
    )

    assert {row.party for row in lines} == {"bid", "municipality", "member"}
    assert lines.filter(party="member").count() == 3
    assert set(lines.values_list("status", flat=True)) == set(Status.values)
    assert project.expenditures.count() >= 3
    # The invoiced member's share is an invoice of the ledger, not yet paid;
    # the paid member's share was paid there.
    invoiced = lines.get(party="member", status=Status.INVOICED)
    assert invoiced.invoice.kind == "project"
    assert invoiced.invoice.status == "issued"
    paid = lines.get(party="member", status=Status.PAID)
    assert paid.invoice.status == "paid"
    assert lines.get(party="bid").status == Status.PAID
    books = sie_file(year=2026).content.decode("cp437")
    assert f"Faktura {invoiced.invoice.number}" in books
