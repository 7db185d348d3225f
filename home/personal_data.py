"""The plan's part of a person's data: the changes to the ranking of the
priorities they made."""

from home.models import RankingChange
from members.accounts import personal_data

personal_data.records(
    "priority_ranking_changes",
    RankingChange,
    "changed_by",
    changed="changed_at",
    name_shown="changed_by_name",
    rationale="rationale",
    before=lambda change: [entry["title"] for entry in change.ranking_before],
    after=lambda change: [entry["title"] for entry in change.ranking_after],
)
