"""Milestones on the demo's accepted and running projects (one overdue, some
done), a plan indicator one project answers to with its own baseline, target
and result, and one project the board discontinued with its reason
(milestones.toml). Everything goes through the services; loading twice adds
nothing."""

import datetime
from decimal import Decimal

from django.utils import timezone

from bid import demo
from members.accounts import demo as people
from members.organisations.models import Organisation
from members.projects.models import Milestone, ProjectIndicator
from members.projects.selectors.milestones import indicators_for_choice
from members.projects.services import milestones as services
from members.proposals.models import ACTIVE_STATUSES, Proposal
from members.proposals.services import proposal_discontinue


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _project(title: str) -> Proposal | None:
    return Proposal.objects.filter(title=title).order_by("pk").first()


def load() -> None:
    spec = demo.data(__file__, "milestones")
    board = people.person("styrelse")
    _milestones(spec["milestones"], by=board)
    _indicators(spec["indicators"], by=board)
    _discontinue(spec["discontinued"], by=board)


def _milestones(entries: list[dict], *, by) -> None:
    organisations = {o.legal_name: o for o in Organisation.objects.all()}
    for entry in entries:
        project = _project(entry["project"])
        if project is None or project.status not in ACTIVE_STATUSES:
            continue
        if Milestone.objects.filter(project=project, title=entry["title"]).exists():
            continue
        services.milestone_create(
            by=by,
            project=project,
            title=entry["title"],
            due_on=_day(entry["due_in_days"]),
            state=entry["state"],
            done_on=_day(entry["done_in_days"]) if "done_in_days" in entry else None,
            responsible_organisation=organisations.get(entry.get("responsible", "")),
            responsible_user=people.person(entry["person"])
            if "person" in entry
            else None,
        )


def _indicators(entries: list[dict], *, by) -> None:
    for entry in entries:
        project = _project(entry["project"])
        indicator = indicators_for_choice().filter(name=entry["indicator"]).first()
        if project is None or indicator is None:
            continue
        if ProjectIndicator.objects.filter(
            project=project, indicator=indicator
        ).exists():
            continue
        used = services.project_indicator_add(
            by=by,
            project=project,
            indicator=indicator,
            baseline_value=Decimal(entry["baseline_value"]),
            baseline_date=_day(entry["baseline_in_days"]),
            target_value=Decimal(entry["target_value"]),
            target_date=_day(entry["target_in_days"]),
        )
        services.project_indicator_record_result(
            by=by,
            project_indicator=used,
            value=Decimal(entry["result_value"]),
            on=_day(entry["result_in_days"]),
        )


def _discontinue(entry: dict, *, by) -> None:
    project = _project(entry["project"])
    if project is None or project.status not in ACTIVE_STATUSES:
        return
    proposal_discontinue(proposal=project, by=by, reason=entry["reason"])
