"""Public meetings and their decisions as JSON. Only public meetings appear:
the API is read without a session."""

from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.html import strip_tags
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import Field

from bid.api_errors import ERRORS, SLUG, IsoDate, PositiveId, filtered
from members.meetings.selectors import decisions_visible_to, public_meetings

router = Router(tags=["meetings"])


class MeetingFilter(Schema):
    body: str | None = Field(
        None, pattern=SLUG, description="The body's short name, e.g. 'board'"
    )
    since: IsoDate | None = Field(
        None, description="Meetings starting on or after (YYYY-MM-DD)"
    )
    until: IsoDate | None = Field(
        None, description="Meetings starting on or before (YYYY-MM-DD)"
    )


class DecisionFilter(Schema):
    body: str | None = Field(None, pattern=SLUG, description="The body's short name")
    year: int | None = Field(
        None, ge=1900, le=2999, description="The year of the meeting"
    )


class BodyOut(Schema):
    slug: str
    name: str


class AgendaItemOut(Schema):
    number: int
    title: str
    description: str
    presenter: str
    minutes_html: str | None = Field(description="Only once the minutes are published")


class DecisionOut(Schema):
    id: int
    meeting_id: int
    number: int = Field(description="The paragraph number (§) within the meeting")
    item_number: int | None
    text: str
    reference: str
    proposal_id: int | None
    outcome: str = Field(description="'accepted', 'rejected' or '' (no effect)")
    priority_ids: list[int]


class MeetingOut(Schema):
    id: int
    body: BodyOut
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    status: str
    published_at: datetime | None


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut]
    decisions: list[DecisionOut]


def meeting_record(meeting) -> dict:
    """The public fields of a meeting, shared by the JSON and the CSV."""
    return {
        "id": meeting.pk,
        "body": {"slug": meeting.body.slug, "name": meeting.body.name},
        "title": meeting.title,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "status": meeting.status,
        "published_at": meeting.published_at,
    }


def decision_record(decision) -> dict:
    """The public fields of a decision, shared by the JSON and the CSV."""
    return {
        "id": decision.pk,
        "meeting_id": decision.meeting_id,
        "number": decision.number,
        "item_number": decision.item_number,
        "text": strip_tags(decision.text),
        "reference": decision.reference,
        "proposal_id": decision.proposal_id
        if decision.proposal_id and decision.proposal.status != "draft"
        else None,
        "outcome": decision.outcome,
        "priority_ids": [p.pk for p in decision.priorities.all()],
    }


@router.get(
    "/meetings/", response={200: list[MeetingOut], **ERRORS}, summary="Public meetings"
)
@paginate(LimitOffsetPagination)
def meeting_list(request, filters: Query[MeetingFilter]):
    """Public meetings, newest first; filter by body and by date."""
    meetings = filtered(
        public_meetings().order_by("-starts_at"),
        filters,
        body="body__slug",
        since="starts_at__date__gte",
        until="starts_at__date__lte",
    )
    return [meeting_record(m) for m in meetings]


@router.get(
    "/meetings/{int:meeting_id}",
    response={200: MeetingDetailOut, **ERRORS},
    summary="One public meeting with its agenda and decisions",
)
def meeting_detail(request, meeting_id: PositiveId):
    meeting = get_object_or_404(public_meetings(), pk=meeting_id)
    published = meeting.minutes_public
    data = meeting_record(meeting)
    data["agenda"] = [
        {
            "number": number,
            "title": item.title,
            "description": item.description,
            "presenter": item.presenter,
            "minutes_html": item.minutes if published else None,
        }
        for number, item in enumerate(meeting.agenda_items.all(), start=1)
    ]
    data["decisions"] = (
        [
            decision_record(d)
            for d in meeting.decisions.select_related(
                "meeting__body", "proposal"
            ).prefetch_related("priorities")
        ]
        if published
        else []
    )
    return data


@router.get(
    "/decisions/",
    response={200: list[DecisionOut], **ERRORS},
    summary="Published decisions",
)
@paginate(LimitOffsetPagination)
def decision_list(request, filters: Query[DecisionFilter]):
    """Decisions of published public minutes, newest meeting first."""
    decisions = filtered(
        decisions_visible_to(user=AnonymousUser()).prefetch_related("priorities"),
        filters,
        body="meeting__body__slug",
        year="meeting__starts_at__year",
    )
    return [decision_record(d) for d in decisions]


@router.get(
    "/decisions/{int:decision_id}",
    response={200: DecisionOut, **ERRORS},
    summary="One decision",
)
def decision_detail(request, decision_id: PositiveId):
    decision = (
        decisions_visible_to(user=AnonymousUser())
        .prefetch_related("priorities")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        raise Http404
    return decision_record(decision)
