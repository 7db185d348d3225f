"""The agreements part of a person's data: the agreements they are
responsible for and the follow-ups they recorded."""

from members.accounts import personal_data
from members.agreements.models import Agreement, FollowUp

personal_data.records(
    "agreements_responsible",
    Agreement,
    "responsible",
    agreement="title",
    counterparty="party_label",
    kind="kind",
    starts="starts_on",
    ends="ends_on",
    notice_deadline="notice_deadline",
)

personal_data.records(
    "agreement_follow_ups_recorded",
    FollowUp,
    "by",
    agreement="agreement.title",
    year="year",
    delivered_as_agreed="delivered_as_agreed",
    cost_as_agreed="cost_as_agreed",
    outcome="outcome",
    note="note",
    recorded="at",
)
