"""A project's money on its public page, and the plan's leverage on the plan."""

from django import template

from bid.cache import memoise, record
from members.projects.selectors.funding import plan_leverage, project_money
from members.proposals.models import PUBLIC_STATUSES

register = template.Library()

# What the figures show, for the page cache (bid/cache.py): a saved line,
# expenditure or project, or a renamed member, purges the pages showing them.
TAGS = ("projects", "proposals", "organisations.organisation")


@register.inclusion_tag("projects/includes/project_funding.html")
def project_funding(project):
    """Budget, pledged, received and spent, and who pays. Member companies are
    named only on a public project; their shares are shown as one sum, as each
    company's own share is its business, while the public bodies' and the
    BID's shares are public money and shown one by one."""
    # The same for every reader of the page: kept until a line, an
    # expenditure, the project or a member's name changes.
    money = memoise(
        f"project-money:{project.pk}",
        lambda: project_money(project=project),
        tags=TAGS,
    )
    public = project.status in PUBLIC_STATUSES
    members = [share for share in money.parties if share.party == "member"]
    return {
        "money": money,
        "others": [share for share in money.parties if share.party != "member"],
        "members": members,
        "members_named": public,
        "members_pledged": sum(share.pledged for share in members),
        "members_received": sum(share.received for share in members),
    }


@register.inclusion_tag("projects/includes/plan_leverage.html")
def plan_funding_leverage(currency="SEK"):
    """Each krona of the BID's own: how many partner kronor came with it."""
    record(*TAGS)
    return {"leverage": plan_leverage(currency=currency)}
