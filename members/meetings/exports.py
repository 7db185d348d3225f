"""The decisions register as a spreadsheet: every decision of published
minutes, or a year's. The board downloads it in the admin, the auditor in the
audit pages."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags

from bid.spreadsheet import csv_response, text_cell
from members.meetings.models import Decision, Meeting


def recorded_decisions(*, year: int | None = None):
    """Decisions of published minutes, whoever they are for, oldest first."""
    decisions = Decision.objects.filter(meeting__status=Meeting.Status.PUBLISHED)
    if year is not None:
        decisions = decisions.filter(meeting__starts_at__year=year)
    return decisions.select_related("meeting__body", "proposal").order_by(
        "meeting__starts_at", "number"
    )


def decisions_csv(*, year: int | None = None) -> HttpResponse:
    header = [
        "body",
        "meeting",
        "date",
        "visibility",
        "number",
        "decision",
        "proposal",
        "outcome",
    ]
    rows = (
        [
            text_cell(decision.meeting.body.name),
            text_cell(decision.meeting.title),
            timezone.localdate(decision.meeting.starts_at).isoformat(),
            decision.meeting.visibility,
            decision.number,
            text_cell(strip_tags(decision.text)),
            text_cell(decision.proposal.title if decision.proposal else ""),
            decision.outcome,
        ]
        for decision in recorded_decisions(year=year)
    )
    filename = "decisions.csv" if year is None else f"decisions-{year}.csv"
    return csv_response(filename, header, rows)
