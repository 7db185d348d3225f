"""A small library of lessons for the evaluation tests: two closed projects,
one evaluated publicly and one for members, an open project and a closed one
still waiting, and the library's page under the home page."""

from django.utils import timezone

from members.projects.models import Evaluation
from members.projects.pages import LessonsIndexPage
from members.projects.services.evaluations import evaluation_write
from members.proposals.models import Proposal
from members.proposals.pages import ProjectIndexPage
from tests.factories.accounts import SecretariatUserFactory
from tests.factories.areas import area
from tests.factories.contributions import member
from tests.factories.pages import site_home
from tests.factories.plan import plan_with_priorities
from tests.factories.proposals import ProposalFactory

S = Proposal.Status


def project(world, title: str, status: str, **fields) -> Proposal:
    made = ProposalFactory(
        title=title,
        organisation=world["organisation"],
        author=world["author"],
        priority=fields.pop("priority", world["priority"]),
        status=status,
        closed_at=timezone.now() if status in (S.COMPLETED, S.DISCONTINUED) else None,
        **fields,
    )
    return made


def evaluate(project: Proposal, by, visibility: str, **fields) -> Evaluation:
    values = {
        "what_was_done": f"Genomförandet av {project.title}.",
        "cost_minor": 500_000_00,
        "repeat": "Börja med en trygghetsvandring.",
        **fields,
    }
    return evaluation_write(project=project, by=by, visibility=visibility, **values)


def build() -> dict:
    home = site_home()
    _plan, (safety, jobs) = plan_with_priorities(home, 2)
    organisation, author = member(legal_name="Kajfastigheter AB")
    quay = area("Kajen", organisation)
    square = area("Torget", organisation, west=11.97)
    library = LessonsIndexPage(title="Lärdomar", slug="lardomar")
    home.add_child(instance=library)
    home.add_child(instance=ProjectIndexPage(title="Projekt", slug="projekt"))
    secretariat = SecretariatUserFactory()
    world = {
        "home": home,
        "library": library,
        "organisation": organisation,
        "author": author,
        "priority": safety,
        "other_priority": jobs,
        "quay": quay,
        "square": square,
        "secretariat": secretariat,
    }
    lighting = project(world, "Belysning längs kajen", S.COMPLETED)
    lighting.areas.set([quay])
    market = project(
        world,
        "Julmarknad på torget",
        S.DISCONTINUED,
        priority=jobs,
        discontinued_reason="Tillståndet för torget drogs in.",
    )
    market.areas.set([square])
    world["public"] = evaluate(
        lighting, secretariat, "public", avoid="Beställ armaturerna i tid."
    )
    world["members_only"] = evaluate(
        market,
        secretariat,
        "members",
        what_was_done="Hemlighetsfull förhandling med vaktbolaget.",
    )
    world["waiting"] = project(world, "Sommarjobbsmässa", S.COMPLETED)
    world["open"] = project(world, "Klottersanering", S.IN_PROGRESS)
    return world
