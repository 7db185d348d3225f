"""The agreements in force in a year as a spreadsheet, with the year's
follow-up of each: for the auditor (and anyone who keeps the register in a
spreadsheet program)."""

from django.db.models import Prefetch
from django.http import HttpResponse

from bid.spreadsheet import csv_response, text_cell
from members.agreements.models import FollowUp
from members.agreements.selectors import in_force


def agreements_csv(*, year: int) -> HttpResponse:
    header = [
        "title",
        "counterparty",
        "kind",
        "currency",
        "value",
        "value_per",
        "starts_on",
        "ends_on",
        "notice_deadline",
        "responsible",
        "decision",
        "follow_up_delivered",
        "follow_up_cost",
        "follow_up_outcome",
    ]
    agreements = in_force(year=year).prefetch_related(
        Prefetch(
            "follow_ups",
            queryset=FollowUp.objects.filter(year=year),
            to_attr="follow_ups_of_year",
        )
    )
    rows = []
    for agreement in agreements:
        follow_up = next(iter(agreement.follow_ups_of_year), None)
        decision = agreement.decision
        rows.append(
            [
                text_cell(agreement.title),
                text_cell(agreement.party_label),
                agreement.kind,
                agreement.currency,
                f"{agreement.value_minor / 100:.2f}",
                agreement.value_per,
                agreement.starts_on.isoformat(),
                agreement.ends_on.isoformat() if agreement.ends_on else "",
                agreement.notice_deadline.isoformat()
                if agreement.notice_deadline
                else "",
                text_cell(
                    agreement.responsible.display_name if agreement.responsible else ""
                ),
                text_cell(f"§ {decision.number} {decision.meeting.title}")
                if decision and decision.number
                else "",
                follow_up.delivered_as_agreed if follow_up else "",
                follow_up.cost_as_agreed if follow_up else "",
                follow_up.outcome if follow_up else "",
            ]
        )
    return csv_response(f"agreements-{year}.csv", header, rows)
