"""The read-only public API under /api/v1/, described at /api/v1/openapi.json.

Each module adds its router here; every endpoint returns public records only.
"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="BID Platform API",
    version="1",
    description=(
        "Read-only public records of the district: the plan and its ranked "
        "priorities with indicators, the public meetings with their published "
        "decisions, the accepted projects with their budgets and the public "
        "member directory. Amounts are integers in minor units."
    ),
    urls_namespace="api-v1",
    # The reference is rendered by the site itself at /api/ (accessible, no CDN).
    docs_url=None,
)
api.add_router("/priorities/", "home.api.router")
api.add_router("/", "members.meetings.api.router")
api.add_router("/projects/", "members.proposals.api.router")
api.add_router("/members/", "members.organisations.api.router")
