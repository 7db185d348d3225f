"""The read-only public API under /api/, one OpenAPI document for all of it at
/api/v1/openapi.json.

Each module adds its router here by dotted path; every endpoint returns public
records only.
"""

from django.urls import reverse
from django.views.decorators.http import require_safe
from ninja import NinjaAPI

from bid.api_errors import json_errors


class PublicAPI(NinjaAPI):
    """Mounted at /api/, whose own address is the reference page the site renders
    in each language (bid.views.api_reference): the API answers only below it."""

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        patterns = [p for p in patterns if p.name != "api-root"]
        for pattern in patterns:
            # The schema is read, never written to (ninja's view takes any method).
            if pattern.name == "openapi-json":
                pattern.callback = require_safe(pattern.callback)
            pattern.callback = json_errors(pattern.callback)
        return patterns, app_name, namespace

    def get_root_path(self, path_params):
        schema = reverse(f"{self.urls_namespace}:openapi-json", kwargs=path_params)
        return schema.removesuffix(self.openapi_url.lstrip("/"))


api = PublicAPI(
    title="BID Platform API",
    version="1",
    description=(
        "Read-only public records of the district: the plan and its ranked "
        "priorities with indicators, the public meetings with their published "
        "decisions, the accepted projects with their budgets, the public "
        "member directory and the published pages of the site. Amounts are "
        "integers in minor units."
    ),
    # The namespace and the schema's address are those of the first version,
    # which links and clients name.
    urls_namespace="api-v1",
    openapi_url="/v1/openapi.json",
    # The reference is rendered by the site itself at /api/ (accessible, no CDN).
    docs_url=None,
)
api.add_router("/v1/priorities/", "home.api.router")
api.add_router("/v1/", "members.meetings.api.router")
api.add_router("/v1/projects/", "members.proposals.api.router")
api.add_router("/v1/members/", "members.enrolment.api.router")
# Wagtail's pages API answered here before; the same shape, paged and erring as above.
api.add_router("/v2/pages/", "bid.api_pages.router")
