"""The co-funded demo project (funding.toml): the BID, the municipality and
three member companies with a line in every state, one member's share
invoiced through the ledger and another's paid there by a bank transfer, and
what the project spent. Every step goes through the services; a line is known
by its project, party and organisation (or name), so loading twice adds
nothing and a line part of the way takes only the steps it lacks."""

import datetime

from django.utils import timezone

from bid import demo
from members.accounts import demo as people
from members.contributions.services import bank_payment_record
from members.meetings.models import Decision
from members.organisations.models import Organisation
from members.projects.models import Expenditure, FundingLine
from members.projects.services import funding as services
from members.proposals.models import Proposal

Status = FundingLine.Status
ORDER = [Status.PLEDGED, Status.DECIDED, Status.INVOICED, Status.PAID]


def _day(value: datetime.date) -> datetime.date:
    """The demo's date, or today when the demo is loaded before it."""
    return min(value, timezone.localdate())


def load() -> None:
    spec = demo.data(__file__, "funding")
    project = Proposal.objects.filter(title=spec["project"]).order_by("pk").first()
    if project is None:
        return
    by = people.person(spec["by"])
    for entry in spec["lines"]:
        _line(project, entry, by=by)
    for entry in spec["expenditures"]:
        _expenditure(project, entry, by=by)


def _line(project: Proposal, entry: dict, *, by) -> None:
    organisation = (
        Organisation.objects.get(legal_name=entry["organisation"])
        if "organisation" in entry
        else None
    )
    party_name = entry.get("party_name", "")
    line = FundingLine.objects.filter(
        project=project,
        party=entry["party"],
        organisation=organisation,
        party_name=party_name,
    ).first()
    if line is None:
        line = services.funding_line_add(
            project=project,
            by=by,
            party=entry["party"],
            organisation=organisation,
            party_name=party_name,
            amount_minor=entry["amount_minor"],
            pledged_on=_day(entry["pledged_on"]),
            note=entry.get("note", ""),
        )
    target = ORDER.index(entry["state"])
    if line.status == Status.PLEDGED and target >= ORDER.index(Status.DECIDED):
        services.funding_line_decide(
            line=line,
            by=by,
            decided_on=_day(entry["decided_on"]),
            decision=Decision.objects.filter(proposal=project).order_by("pk").first()
            if entry.get("decision") == "project"
            else None,
        )
    if target < ORDER.index(Status.INVOICED):
        return
    if line.status == Status.DECIDED and line.party != FundingLine.Party.BID:
        services.funding_line_invoice(line=line, by=by, on=_day(entry["invoiced_on"]))
    if target < ORDER.index(Status.PAID) or line.status == Status.PAID:
        return
    if line.party == FundingLine.Party.MEMBER:
        # Paid as members pay: a bank transfer entered in the ledger, which
        # marks the line paid.
        invoice = line.invoice
        bank_payment_record(
            contribution=invoice,
            by=by,
            amount_minor=invoice.balance()["outstanding"],
            occurred_on=_day(entry["paid_on"]),
            reference=f"Bankgiro {invoice.payment_reference}",
            form_token=f"demo-project-{invoice.number}",
        )
    else:
        services.funding_line_record_payment(
            line=line, by=by, paid_on=_day(entry["paid_on"])
        )


def _expenditure(project: Proposal, entry: dict, *, by) -> None:
    spent_on = _day(entry["spent_on"])
    if Expenditure.objects.filter(
        project=project, spent_on=spent_on, description=entry["description"]
    ).exists():
        return
    services.expenditure_record(
        project=project,
        by=by,
        spent_on=spent_on,
        description=entry["description"],
        amount_minor=entry["amount_minor"],
    )
