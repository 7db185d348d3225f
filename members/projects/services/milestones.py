"""Writes of a project's milestones and of the plan indicators it answers to,
and the overdue reminder.

The board and the secretariat (the projects app's model permissions) add and
edit milestones and indicators of accepted, running and closed projects. A
milestone still planned or started after its due date is overdue while its
project is being carried out: its responsible person (or the people of its
responsible organisation) and the secretariat are told once, in the portal
and by e-mail. Moving the due date to today or later clears that mark, so a
milestone that slips past its new date is reminded of once more.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bid import events
from bid.access import require_permission
from bid.emails import absolute_url, send_email_on_commit
from bid.records import fields_set
from members.organisations.models import Organisation
from members.projects import notices
from members.projects.models import Milestone, ProjectIndicator
from members.projects.selectors.milestones import (
    overdue_milestones,
    projects_followed_up,
    secretariat_people,
)
from members.projects.services import FOLLOW_UP_REFUSAL
from members.proposals.models import Proposal

State = Milestone.State
MILESTONE_FIELDS = (
    "title",
    "due_on",
    "state",
    "done_on",
    "responsible_organisation",
    "responsible_user",
    "note",
)
INDICATOR_FIELDS = (
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "result_value",
    "result_date",
)


def _followed_up(project: Proposal) -> None:
    if not projects_followed_up().filter(pk=project.pk).exists():
        raise ValidationError(
            _("Milestones and indicators belong to accepted projects.")
        )


def _settle_done(milestone: Milestone) -> None:
    """A done milestone has the day it was done (today unless given); any
    other state has none."""
    if milestone.state == State.DONE:
        milestone.done_on = milestone.done_on or timezone.localdate()
    else:
        milestone.done_on = None


@transaction.atomic
def milestone_create(
    *,
    by,
    project: Proposal,
    title: str,
    due_on: datetime.date,
    state: str = State.PLANNED,
    done_on: datetime.date | None = None,
    responsible_organisation: Organisation | None = None,
    responsible_user=None,
    note: str = "",
) -> Milestone:
    require_permission(by, "projects.add_milestone", FOLLOW_UP_REFUSAL)
    _followed_up(project)
    milestone = Milestone(
        project=project,
        title=title.strip(),
        due_on=due_on,
        state=state,
        done_on=done_on,
        responsible_organisation=responsible_organisation,
        responsible_user=responsible_user,
        note=note.strip(),
    )
    _settle_done(milestone)
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_update(*, by, milestone: Milestone, **data) -> Milestone:
    """Change what is given of `MILESTONE_FIELDS`. A due date moved to today or
    later may be reminded of again once it passes."""
    require_permission(by, "projects.change_milestone", FOLLOW_UP_REFUSAL)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    _followed_up(milestone.project)
    before = milestone.due_on
    fields_set(milestone, data, allowed=MILESTONE_FIELDS, what="a milestone")
    _settle_done(milestone)
    if milestone.due_on > before and milestone.due_on >= timezone.localdate():
        milestone.overdue_notified_on = None
    milestone.full_clean()
    milestone.save()
    return milestone


def milestone_mark_done(
    *, by, milestone: Milestone, done_on: datetime.date | None = None
) -> Milestone:
    return milestone_update(
        by=by,
        milestone=milestone,
        state=State.DONE,
        done_on=done_on or timezone.localdate(),
    )


@transaction.atomic
def milestone_delete(*, by, milestone: Milestone) -> None:
    require_permission(by, "projects.delete_milestone", FOLLOW_UP_REFUSAL)
    milestone.delete()


@transaction.atomic
def project_indicator_add(
    *,
    by,
    project: Proposal,
    indicator,
    baseline_value: Decimal,
    baseline_date: datetime.date,
    target_value: Decimal,
    target_date: datetime.date,
) -> ProjectIndicator:
    """Attach a plan indicator to the project with the project's own baseline
    and target; each indicator once per project."""
    require_permission(by, "projects.add_projectindicator", FOLLOW_UP_REFUSAL)
    _followed_up(project)
    used = ProjectIndicator(
        project=project,
        indicator=indicator,
        baseline_value=baseline_value,
        baseline_date=baseline_date,
        target_value=target_value,
        target_date=target_date,
    )
    _check_dates(used)
    used.full_clean()
    used.save()
    return used


@transaction.atomic
def project_indicator_update(
    *, by, project_indicator: ProjectIndicator, **data
) -> ProjectIndicator:
    """Change the baseline, target or result (`INDICATOR_FIELDS`)."""
    require_permission(by, "projects.change_projectindicator", FOLLOW_UP_REFUSAL)
    used = ProjectIndicator.objects.select_for_update().get(pk=project_indicator.pk)
    fields_set(used, data, allowed=INDICATOR_FIELDS, what="an indicator")
    _check_dates(used)
    used.full_clean()
    used.save()
    return used


def project_indicator_record_result(
    *,
    by,
    project_indicator: ProjectIndicator,
    value: Decimal,
    on: datetime.date,
) -> ProjectIndicator:
    """The result the project reached on this indicator."""
    return project_indicator_update(
        by=by, project_indicator=project_indicator, result_value=value, result_date=on
    )


@transaction.atomic
def project_indicator_remove(*, by, project_indicator: ProjectIndicator) -> None:
    require_permission(by, "projects.delete_projectindicator", FOLLOW_UP_REFUSAL)
    project_indicator.delete()


def _check_dates(used: ProjectIndicator) -> None:
    if used.result_date and used.result_date > timezone.localdate():
        raise ValidationError({"result_date": _("A result cannot lie in the future.")})
    if (
        used.baseline_date
        and used.target_date
        and used.target_date <= used.baseline_date
    ):
        raise ValidationError(
            {"target_date": _("The target date must come after the baseline.")}
        )
    if used.baseline_value is not None and used.baseline_value == used.target_value:
        raise ValidationError(
            {"target_value": _("The target must differ from the baseline.")}
        )


# Overdue reminders


def _responsible_people(milestone: Milestone) -> list:
    """The responsible person, or else the people of the responsible
    organisation; nobody when neither is named (the secretariat is told)."""
    if milestone.responsible_user_id:
        user = milestone.responsible_user
        return [user] if user.is_active else []
    if milestone.responsible_organisation_id:
        return [
            m.user
            for m in milestone.responsible_organisation.members.select_related("user")
            if m.user.is_active
        ]
    return []


def _email_overdue(milestone: Milestone, people: list, secretariat: list) -> None:
    project = milestone.project
    context = {
        "title": milestone.title,
        "project": project.title,
        "due": milestone.due_on.isoformat(),
    }
    portal = absolute_url(reverse("portal:proposal", args=[project.pk]))
    admin = absolute_url(reverse("projects_milestones", args=[project.pk]))
    for person, url in [
        *((p, portal) for p in people),
        *((p, admin) for p in secretariat if p not in people),
    ]:
        send_email_on_commit(
            to=[person.email],
            template="projects/email/milestone_overdue",
            context={**context, "url": url},
            language=person.language,
        )


def milestones_notify_overdue(*, on: datetime.date | None = None) -> int:
    """Tell the responsible party and the secretariat once that a milestone is
    overdue; returns how many milestones were reminded of. Safe to run again:
    a milestone already reminded of (`overdue_notified_on`) is left alone."""
    today = on or timezone.localdate()
    secretariat = list(secretariat_people())
    told = 0
    for milestone in overdue_milestones(on=today).filter(
        overdue_notified_on__isnull=True
    ):
        with transaction.atomic():
            locked = (
                Milestone.objects.select_for_update(of=("self",))
                .select_related(
                    "project", "responsible_organisation", "responsible_user"
                )
                .get(pk=milestone.pk)
            )
            if locked.overdue_notified_on is not None:
                continue
            locked.overdue_notified_on = today
            locked.save(update_fields=["overdue_notified_on"])
            people = _responsible_people(locked)
            _email_overdue(locked, people, secretariat)
            with translation.override(settings.LANGUAGE_CODE):
                url = reverse("portal:proposal", args=[locked.project_id])
            everyone = [*people, *(p for p in secretariat if p not in people)]
            # Milestones are shown on the project's public page.
            notices.MILESTONE_OVERDUE.publish(
                subject=locked,
                visibility=events.PUBLIC,
                recipients=everyone,
                emailed=everyone,
                params={
                    "milestone": locked.title,
                    "project": locked.project.title,
                    "due_date": locked.due_on.isoformat(),
                },
                url=url,
            )
            told += 1
    return told
