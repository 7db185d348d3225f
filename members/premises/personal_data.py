"""The premises part of a person's data: the search requests they made."""

from members.accounts import personal_data
from members.premises.models import PremisesRequest

personal_data.records(
    "premises_search_requests",
    PremisesRequest,
    "created_by",
    organisation="organisation.legal_name",
    name="name",
    email="email",
    use="use",
    min_m2="min_m2",
    max_m2="max_m2",
    areas=lambda request: ", ".join(area.name for area in request.areas.all()),
    street_level="street_level",
    note="note",
    created="created_at",
    closed="closed_at",
    prefetch=("areas",),
)
