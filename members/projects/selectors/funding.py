"""Reads of a project's money: its budget against what each party pledged,
decided, invoiced and paid, what it spent, and the plan's leverage (partner
money per krona of the BID's own).

What a member paid is the ledger's word: its line counts as received by what
was paid on its invoice, never more than the line.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Sum, Value, When

from members.contributions.models import Contribution
from members.meetings.models import Decision
from members.projects.models import Expenditure, FundingLine
from members.proposals.models import ACTIVE_STATUSES, CLOSED_STATUSES, Proposal

Status = FundingLine.Status
Party = FundingLine.Party

DECIDED_OR_LATER = [Status.DECIDED, Status.INVOICED, Status.PAID]
INVOICED_OR_LATER = [Status.INVOICED, Status.PAID]
# The projects whose money the plan's leverage counts.
COUNTED_STATUSES = [*ACTIVE_STATUSES, *CLOSED_STATUSES]


@dataclass
class PartyShare:
    """One party's lines on a project, added up."""

    party: str
    label: str
    organisation_id: int | None
    pledged: int = 0
    decided: int = 0
    invoiced: int = 0
    received: int = 0
    lines: list = field(default_factory=list)

    @property
    def party_label(self) -> str:
        return str(Party(self.party).label)


@dataclass
class ProjectMoney:
    """A project's money in its own currency; lines in another currency are
    left out of the sums and counted in `other_currency_lines`."""

    project: Proposal
    currency: str
    budget: int
    pledged: int = 0
    decided: int = 0
    invoiced: int = 0
    received: int = 0
    spent: int = 0
    parties: list[PartyShare] = field(default_factory=list)
    lines: list[FundingLine] = field(default_factory=list)
    expenditures: list[Expenditure] = field(default_factory=list)
    other_currency_lines: int = 0

    @property
    def received_percent(self) -> int | None:
        """How much of the budget has come in, 0–100."""
        return _percent(self.received, self.budget)

    @property
    def spent_percent(self) -> int | None:
        return _percent(self.spent, self.budget)

    @property
    def unfunded(self) -> int:
        """What the pledges leave of the budget."""
        return max(self.budget - self.pledged, 0)


def _percent(part: int, whole: int) -> int | None:
    if not whole:
        return None
    # Rounded half up, in whole numbers: 32.5 % shows as 33 %.
    return max(0, min(100, (part * 200 + whole) // (2 * whole)))


def projects_with_money() -> QuerySet[Proposal]:
    """Projects whose funding and spending the admin keeps: accepted, running
    and closed (money may still come in and go out after a project closed)."""
    return Proposal.objects.filter(status__in=COUNTED_STATUSES)


def funding_lines_followed_up() -> QuerySet[FundingLine]:
    """Funding lines of those projects, with their project and party."""
    return FundingLine.objects.filter(
        project__status__in=COUNTED_STATUSES
    ).select_related("project", "organisation", "invoice")


def decisions_for_choice(*, project: Proposal) -> QuerySet[Decision]:
    """Numbered decisions a funding line may cite: those on the project
    first, then the newest."""
    return (
        Decision.objects.filter(number__isnull=False)
        .select_related("meeting__body")
        .annotate(
            on_project=Case(
                When(proposal_id=project.pk, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-on_project", "-meeting__starts_at", "-number")
    )


def line_received(line: FundingLine) -> int:
    """What came in on a line: a member's from its invoice's ledger (the
    invoice annotated with `paid_minor`, or read), another party's when its
    payment was recorded."""
    if line.party == Party.MEMBER:
        invoice = line.invoice
        if invoice is None or invoice.voided_at:
            return 0
        paid = getattr(invoice, "paid_minor", None)
        if paid is None:
            paid = invoice.balance()["paid"]
        return max(0, min(paid, line.amount_minor))
    return line.amount_minor if line.status == Status.PAID else 0


def funding_lines_of(*, project: Proposal):
    """A project's lines with their parties and invoices (with the ledger's
    balance), in one query."""
    return (
        FundingLine.objects.filter(project=project)
        .select_related("organisation", "decision__meeting__body", "recorded_by")
        .order_by("party", "pk")
    )


def _invoices_with_balance(lines: list[FundingLine]) -> None:
    """Attach each member line's invoice, annotated with what was paid on it:
    one query for all of them."""
    ids = [line.invoice_id for line in lines if line.invoice_id]
    if not ids:
        return
    invoices = Contribution.objects.filter(pk__in=ids).with_balance().in_bulk()
    for line in lines:
        if line.invoice_id:
            line.invoice = invoices[line.invoice_id]


def project_money(*, project: Proposal) -> ProjectMoney:
    """A project's budget (its estimated cost), what its parties pledged,
    decided, invoiced and paid, and what it spent — per party too. Three
    queries however many lines."""
    lines = list(funding_lines_of(project=project))
    _invoices_with_balance(lines)
    expenditures = list(
        Expenditure.objects.filter(project=project).select_related("recorded_by")
    )
    money = ProjectMoney(
        project=project,
        currency=project.currency,
        budget=project.estimated_cost_minor or 0,
        lines=lines,
        expenditures=expenditures,
    )
    parties: dict[tuple, PartyShare] = {}
    for line in lines:
        line.received_minor = line_received(line)
        if line.currency != money.currency:
            money.other_currency_lines += 1
            continue
        key = (line.party, line.organisation_id, line.party_name)
        share = parties.get(key)
        if share is None:
            share = parties[key] = PartyShare(
                party=line.party,
                label=line.party_label,
                organisation_id=line.organisation_id,
            )
        share.lines.append(line)
        for total in (money, share):
            total.pledged += line.amount_minor
            if line.status in DECIDED_OR_LATER:
                total.decided += line.amount_minor
            if line.status in INVOICED_OR_LATER:
                total.invoiced += line.amount_minor
            total.received += line.received_minor
    money.parties = list(parties.values())
    money.spent = sum(
        e.amount_minor for e in expenditures if e.currency == money.currency
    )
    return money


@dataclass(frozen=True)
class Leverage:
    """Partner money per krona of the BID's own, over the plan's projects."""

    currency: str
    bid: int
    partners: int
    projects: int

    @property
    def per_krona(self) -> Decimal | None:
        """Partner kronor per krona of the BID's own, to one decimal; None when
        the BID has put in nothing yet."""
        if not self.bid:
            return None
        return (Decimal(self.partners) / Decimal(self.bid)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


def plan_leverage(*, currency: str = "SEK") -> Leverage:
    """The partner money (every party but the BID) each krona of the BID's own
    brought in: lines decided or later, of accepted, running and closed
    projects, in one currency. One query."""
    lines = FundingLine.objects.filter(
        project__status__in=COUNTED_STATUSES,
        status__in=DECIDED_OR_LATER,
        currency=currency,
    )
    totals = lines.aggregate(
        bid=Sum("amount_minor", filter=Q(party=Party.BID), default=0),
        partners=Sum("amount_minor", filter=~Q(party=Party.BID), default=0),
        projects=Count("project", distinct=True),
    )
    return Leverage(currency=currency, **totals)
