"""The demo district's proposals (proposals.toml): fifteen in every state,
with supports, comments and progress, each step taken through the proposal
services by the person who would take it; then the public project list
(pages.toml)."""

from wagtail.models import Page

from bid import demo, languages
from bid.money import format_money
from members.accounts import demo as people
from members.organisations.models import Organisation
from members.proposals import services
from members.proposals.models import Proposal
from members.proposals.pages import ProjectIndexPage

OPEN = ("submitted", "under_review")


def _admin(organisation: Organisation):
    return organisation.members.filter(role="admin").first().user


def _co_funding(parties: list[dict]) -> str:
    """One line per party, its amount as money in the district's language:
    "Kajfastigheter AB: 350 000 kr"."""
    currency = Proposal._meta.get_field("currency").get_default()
    return "\n".join(
        f"{party['party']}: "
        f"{format_money(party['amount_minor'], currency, language=languages.default())}"
        for party in parties
    )


def load(*, home: Page) -> None:
    """The proposals once, then the project list page."""
    spec = demo.data(__file__, "proposals")
    if not Proposal.objects.exists():
        _proposals(spec)
    demo.page_in_every_language(
        parent=home,
        model=ProjectIndexPage,
        text=demo.data(__file__, "pages")["projects"],
        show_in_menus=True,
    )


def _proposals(spec: dict) -> None:
    board = people.person("styrelse")
    # The plan's priority pages live in home; the relation names their model.
    PriorityPage = Proposal._meta.get_field("priority").related_model
    priorities = {
        page.slug: page
        for page in PriorityPage.objects.filter(
            locale__language_code=languages.default()
        )
    }
    organisations = {o.legal_name: o for o in Organisation.objects.all()}
    # The areas app sits above this one too (its demo loads the areas first).
    Area = Proposal._meta.get_field("areas").related_model
    areas = {area.name: area for area in Area.objects.all()}

    def step(proposal: Proposal, to: str, by) -> Proposal:
        reasoning = spec["reasoning"].get(to, "")
        return services.proposal_transition(
            proposal=proposal,
            to=to,
            by=by,
            comment=reasoning,
            decision_reference=spec["decision_reference"] if reasoning else "",
        )

    for entry in spec["proposals"]:
        organisation = organisations[entry["organisation"]]
        author = _admin(organisation)
        proposal = services.proposal_create(
            by=author,
            organisation=organisation,
            title=entry["title"],
            summary=entry["summary"],
            description=spec["description"].format(summary=entry["summary"]),
            priority=priorities[entry["priority"]],
            areas=[areas[name] for name in entry["areas"]],
            estimated_cost_minor=entry["estimated_cost_minor"],
            requested_funding_minor=entry["requested_funding_minor"],
            co_funding=_co_funding(entry["co_funding"]),
        )
        path = spec["paths"][entry["status"]]
        # Submitted (and reviewed): the discussion happens while it is open.
        for to in path[:2]:
            by = author if to in ("submitted", "withdrawn") else board
            proposal = step(proposal, to, by)
        if proposal.status in OPEN:
            for name in entry["supporters"]:
                supporter = organisations[name]
                services.support_toggle(
                    proposal=proposal, by=_admin(supporter), organisation=supporter
                )
            for comment in entry["comments"]:
                services.comment_add(
                    proposal=proposal,
                    by=_admin(organisations[comment["by"]]),
                    body=comment["text"],
                )
        # The decision.
        for to in path[2:3]:
            proposal = step(proposal, to, board)
        # Progress moves an accepted proposal into progress.
        for report in entry["progress"]:
            services.progress_report(
                proposal=proposal,
                by=author,
                text=report["text"],
                percent=report["percent"],
                reported_on=report["reported_on"],
            )
            proposal.refresh_from_db()
        if "in_progress" in path and proposal.status == "accepted":
            proposal = step(proposal, "in_progress", author)
        if entry["status"] == "completed":
            proposal = step(proposal, "completed", author)
