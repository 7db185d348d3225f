"""The proposals part of a person's data: the proposals they wrote, the steps
they took, their files, supports, comments and progress reports, and the
comments they hid as a moderator."""

from members.accounts import personal_data
from members.proposals.models import (
    ProgressUpdate,
    Proposal,
    ProposalAttachment,
    ProposalComment,
    ProposalSupport,
    ProposalTransition,
)

personal_data.records(
    "proposals",
    Proposal,
    "author",
    prefetch=["areas"],
    title="title",
    organisation="organisation.legal_name",
    status="status",
    summary="summary",
    description="description",
    priority="priority.title",
    areas=lambda proposal: proposal.area_names,
    currency="currency",
    estimated_cost_minor="estimated_cost_minor",
    requested_funding_minor="requested_funding_minor",
    co_funding="co_funding",
    created="created_at",
    submitted="submitted_at",
    decided="decided_at",
)

personal_data.records(
    "proposal_steps_taken",
    ProposalTransition,
    "by",
    proposal="proposal.title",
    **{"from": "from_status", "to": "to_status"},
    at="at",
    comment="comment",
)

personal_data.records(
    "proposal_attachments",
    ProposalAttachment,
    "uploaded_by",
    proposal="proposal.title",
    name="original_name",
    content_type="content_type",
    size="size",
    uploaded="uploaded_at",
)

personal_data.records(
    "proposal_supports",
    ProposalSupport,
    "user",
    order_by=["created_at", "pk"],
    proposal="proposal.title",
    organisation="organisation.legal_name",
    supported="created_at",
)

personal_data.records(
    "proposal_comments",
    ProposalComment,
    "author",
    proposal="proposal.title",
    organisation="organisation.legal_name",
    name_shown="author_name",
    comment="body",
    written="created_at",
    hidden="hidden_at",
    reason_for_hiding="hidden_reason",
)

personal_data.records(
    "proposal_comments_hidden",
    ProposalComment,
    "hidden_by",
    proposal="proposal.title",
    hidden="hidden_at",
    reason="hidden_reason",
)

personal_data.records(
    "progress_reports",
    ProgressUpdate,
    "by",
    proposal="proposal.title",
    date="reported_on",
    text="text",
    percent="percent",
)
