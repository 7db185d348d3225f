"""The areas part of a person's data: the weekly reports, situational
pictures, action items, updates, safety walks and observations they recorded."""

from members.accounts import personal_data
from members.areas.models import (
    INCIDENT_FIELDS,
    ActionItem,
    ActionUpdate,
    Observation,
    SafetyWalk,
    WeeklyReport,
    WeekPicture,
)

personal_data.records(
    "weekly_reports",
    WeeklyReport,
    "reported_by",
    organisation="organisation.legal_name",
    area="area.name",
    year="year",
    week="week",
    status="colour",
    score="score",
    **{name: name for name in INCIDENT_FIELDS},
    note="note",
    reported="created_at",
    anonymised="anonymised_at",
)

personal_data.records(
    "situational_pictures_consolidated",
    WeekPicture,
    "consolidated_by",
    year="year",
    week="week",
    summary="summary",
    consolidated="consolidated_at",
)

personal_data.records(
    "action_items_created",
    ActionItem,
    "created_by",
    title="title",
    description="description",
    area="area.name",
    addressed_to="addressed_to.legal_name",
    due="due_date",
    status="status",
    created="created_at",
)

personal_data.records(
    "action_item_updates",
    ActionUpdate,
    "by",
    action_item="item.title",
    status="status",
    text="text",
    organisation="by_organisation",
    at="at",
)

personal_data.records(
    "safety_walks",
    SafetyWalk,
    "created_by",
    date="date",
    area="area.name",
    route="route",
    prefetch=["parties"],
    parties=lambda walk: [party.legal_name for party in walk.parties.all()],
)

personal_data.records(
    "walk_observations",
    Observation,
    "recorded_by",
    walk_date="walk.date",
    area="walk.area.name",
    category="category",
    description="description",
    address="address",
    latitude="latitude",
    longitude="longitude",
    land_owner="land_owner.legal_name",
    status="status",
    has_photo=lambda observation: bool(observation.photo),
    recorded="created_at",
)
