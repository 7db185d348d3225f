"""The public meetings and the decisions of their published minutes as open data."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bid.opendata import CsvFile, Dataset, last_changed, latest, register
from members.meetings.api import decision_record, meeting_record
from members.meetings.selectors import decisions_visible_to, public_meetings


def meeting_rows(request, language: str) -> Iterable[dict]:
    for meeting in public_meetings().order_by("-starts_at"):
        record = meeting_record(meeting)
        body = record.pop("body")
        yield {**record, "body": body["name"], "body_slug": body["slug"]}


def decision_rows(request, language: str) -> Iterable[dict]:
    decisions = decisions_visible_to(user=AnonymousUser()).prefetch_related(
        "priorities"
    )
    for decision in decisions:
        meeting = decision.meeting
        yield {
            **decision_record(decision),
            "meeting_date": timezone.localdate(meeting.starts_at),
            "body": meeting.body.name,
            "meeting_title": meeting.title,
        }


def meetings_changed() -> datetime | None:
    return latest(
        last_changed(public_meetings()),
        last_changed(
            decisions_visible_to(user=AnonymousUser()), "meeting__published_at"
        ),
    )


register(
    Dataset(
        slug="meetings",
        order=20,
        name=_("Public meetings and decisions"),
        description=_(
            "The meetings open to the public, planned and held, and the "
            "numbered decisions of their published minutes."
        ),
        files=(
            CsvFile(
                slug="meetings",
                label=_("Meetings as CSV"),
                row=_("One public meeting, newest first."),
                columns=(
                    "id",
                    "body",
                    "body_slug",
                    "title",
                    "starts_at",
                    "ends_at",
                    "place",
                    "status",
                    "published_at",
                ),
                rows=meeting_rows,
            ),
            CsvFile(
                slug="decisions",
                label=_("Decisions as CSV"),
                row=_("One decision (§) of published minutes, newest meeting first."),
                columns=(
                    "id",
                    "meeting_id",
                    "meeting_date",
                    "body",
                    "meeting_title",
                    "number",
                    "item_number",
                    "text",
                    "reference",
                    "outcome",
                    "proposal_id",
                ),
                rows=decision_rows,
            ),
        ),
        json=(
            (_("Meetings as JSON"), "api-v1:meeting_list"),
            (_("Decisions as JSON"), "api-v1:decision_list"),
        ),
        changed=meetings_changed,
    )
)
