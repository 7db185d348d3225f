"""A district with projects to follow up, for the milestone and discontinuing
tests: a priority with an indicator, a member organisation with two people, a
running project and an accepted one, the project list under the home page, the
board and the secretariat."""

import datetime

from django.utils import timezone

from members.projects.models import Milestone
from members.proposals.models import Proposal
from members.proposals.pages import ProjectIndexPage
from tests.factories.accounts import (
    BoardUserFactory,
    MemberUserFactory,
    SecretariatUserFactory,
)
from tests.factories.contributions import member
from tests.factories.organisations import OrganisationMemberFactory
from tests.factories.pages import site_home
from tests.factories.plan import IndicatorFactory, plan_with_priorities
from tests.factories.proposals import ProposalFactory

S = Proposal.Status
TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def build() -> dict:
    home = site_home()
    _plan, (priority,) = plan_with_priorities(home, 1)
    index = ProjectIndexPage(title="Projekt", slug="projekt")
    home.add_child(instance=index)
    index.save_revision().publish()
    organisation, author = member(legal_name="Kajfastigheter AB")
    colleague = MemberUserFactory()
    OrganisationMemberFactory(organisation=organisation, user=colleague)
    other, outsider = member(legal_name="Grannen AB")

    def project(title: str, status: str, **fields) -> Proposal:
        return ProposalFactory(
            title=title,
            organisation=organisation,
            author=author,
            priority=priority,
            status=status,
            decided_at=timezone.now(),
            **fields,
        )

    return {
        "home": home,
        "index": index,
        "priority": priority,
        "indicator": IndicatorFactory(priority=priority, name="Trygghet"),
        "organisation": organisation,
        "author": author,
        "colleague": colleague,
        "other": other,
        "outsider": outsider,
        "board": BoardUserFactory(),
        "secretariat": SecretariatUserFactory(),
        "running": project("Trygghetsvandringar", S.IN_PROGRESS),
        "accepted": project("Julmarknad", S.ACCEPTED),
        "project": project,
    }


def overdue(project: Proposal, **fields) -> Milestone:
    """A started milestone due three days ago, written past the service (a
    milestone is not created late on purpose)."""
    fields = {
        "title": "Upphandling",
        "due_on": days(-3),
        "state": Milestone.State.STARTED,
        **fields,
    }
    return Milestone.objects.create(project=project, **fields)
