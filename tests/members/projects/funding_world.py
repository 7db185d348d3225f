"""A co-funded project for the funding tests: a plan, an accepted project,
three member companies and the secretariat."""

import datetime
from dataclasses import dataclass

from members.contributions.models import InvoiceSettings
from members.organisations.models import Organisation
from members.projects.models import FundingLine
from members.projects.services import funding
from members.proposals.models import Proposal
from members.proposals.pages import ProjectIndexPage
from tests.factories.accounts import SecretariatUserFactory
from tests.factories.contributions import member
from tests.factories.pages import site_home
from tests.factories.plan import plan_with_priorities
from tests.factories.proposals import ProposalFactory

DAY = datetime.date(2026, 3, 2)


@dataclass
class World:
    plan: object
    index: ProjectIndexPage
    project: Proposal
    members: list[Organisation]
    admins: list
    staff: object

    def project_url(self) -> str:
        return f"{self.index.url}{self.project.pk}/"


def invoice_settings() -> None:
    settings = InvoiceSettings.load()
    settings.country = "SE"
    settings.legal_name = "Centrum BID"
    settings.bankgiro = "5050-1055"
    settings.save()


def world(*, status=Proposal.Status.IN_PROGRESS, cost=400_000_00) -> World:
    invoice_settings()
    home = site_home()
    plan, (priority,) = plan_with_priorities(home, 1)
    index = home.add_child(instance=ProjectIndexPage(title="Projekt", slug="projekt"))
    proposer, _ = member(legal_name="Förslagsställaren AB")
    project = ProposalFactory(
        organisation=proposer,
        priority=priority,
        status=status,
        title="Ljus på Kajen",
        estimated_cost_minor=cost,
    )
    people = [
        member(legal_name=name)
        for name in ("Kajkaféet AB", "Hamnbygg AB", "Stinsen Handel AB")
    ]
    return World(
        plan=plan,
        index=index,
        project=project,
        members=[organisation for organisation, _admin in people],
        admins=[admin for _organisation, admin in people],
        staff=SecretariatUserFactory(),
    )


def line(w: World, party: str, amount_minor: int, **fields) -> FundingLine:
    return funding.funding_line_add(
        project=w.project,
        by=w.staff,
        party=party,
        amount_minor=amount_minor,
        pledged_on=fields.pop("pledged_on", DAY),
        **fields,
    )


def decided(w: World, party: str, amount_minor: int, **fields) -> FundingLine:
    added = line(w, party, amount_minor, **fields)
    return funding.funding_line_decide(line=added, by=w.staff, decided_on=DAY)
