"""Who reads which evaluation, and which closed projects still wait for one.

The library shows public evaluations to everyone and members-only ones to
members and staff too; the reader's levels are part of the query.
"""

from django.db.models import F, Prefetch, Q, QuerySet, Sum

from bid.access import audience_for
from members.areas.models import Area
from members.projects.models import Evaluation, Expenditure
from members.proposals.models import CLOSED_STATUSES, Proposal

OUTCOMES = (Proposal.Status.COMPLETED, Proposal.Status.DISCONTINUED)


def evaluations_visible_to(*, user) -> QuerySet[Evaluation]:
    """The evaluations of closed projects this person may read, newest first."""
    return (
        Evaluation.objects.filter(
            visibility__in=audience_for(user).levels,
            project__status__in=CLOSED_STATUSES,
        )
        .select_related("project__priority__locale")
        .prefetch_related(
            Prefetch("project__areas", queryset=Area.objects.only("pk", "name"))
        )
        .order_by("-project__closed_at", "-created_at", "-pk")
    )


def public_evaluations() -> QuerySet[Evaluation]:
    """What anyone may read, whoever asks (open data, the search's public view)."""
    return evaluations_visible_to(user=None)


def library(
    *, user, priority=None, area_id: int | None = None, outcome: str = "", text=""
) -> QuerySet[Evaluation]:
    """The library as the person may read it, narrowed by the plan's priority
    (in any language), an area, the outcome and words in the case."""
    queryset = evaluations_visible_to(user=user)
    if priority is not None:
        queryset = queryset.filter(
            project__priority__translation_key=priority.translation_key
        )
    if area_id:
        queryset = queryset.filter(project__areas__pk=area_id)
    if outcome in OUTCOMES:
        queryset = queryset.filter(project__status=outcome)
    text = text.strip()
    if text:
        queryset = queryset.filter(
            Q(project__title__icontains=text)
            | Q(what_was_done__icontains=text)
            | Q(indicator_findings__icontains=text)
            | Q(repeat__icontains=text)
            | Q(avoid__icontains=text)
            | Q(project__discontinued_reason__icontains=text)
        )
    return queryset


def evaluation_visibility(*, evaluation_id: int) -> str | None:
    """Who the evaluation is for, whoever asks (None: no such case in the
    library), for `bid.access.hidden`."""
    return (
        Evaluation.objects.filter(pk=evaluation_id, project__status__in=CLOSED_STATUSES)
        .values_list("visibility", flat=True)
        .first()
    )


def projects_awaiting_evaluation() -> QuerySet[Proposal]:
    """Completed or discontinued projects nobody has evaluated yet."""
    return Proposal.objects.filter(
        status__in=CLOSED_STATUSES, evaluation__isnull=True
    ).order_by("-closed_at", "-pk")


def projects_awaiting_evaluation_count() -> int:
    return projects_awaiting_evaluation().count()


def closed_projects() -> QuerySet[Proposal]:
    """Every closed project with its evaluation, if written: those waiting first."""
    return (
        Proposal.objects.filter(status__in=CLOSED_STATUSES)
        .select_related("organisation", "evaluation")
        .order_by(F("evaluation").asc(nulls_first=True), "-closed_at", "-pk")
    )


def spending_of(*, project: Proposal) -> int | None:
    """What the project has recorded as spent, in minor units (None: nothing)."""
    return Expenditure.objects.filter(project=project).aggregate(
        total=Sum("amount_minor")
    )["total"]
