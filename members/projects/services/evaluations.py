"""Writing the evaluation of a closed project: what was done, what it cost,
what the indicators show, what to repeat or avoid, and who may read it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bid.access import Refusal, is_board, is_secretariat
from members.projects.models import Evaluation
from members.projects.selectors.evaluations import spending_of
from members.proposals.models import CLOSED_STATUSES, Proposal


def _require_board_or_secretariat(by) -> None:
    if (
        by is None
        or not by.is_authenticated
        or not (is_board(by) or is_secretariat(by))
    ):
        raise Refusal(_("Only the board and the secretariat evaluate projects."))


@transaction.atomic
def evaluation_write(
    *,
    project: Proposal,
    by,
    what_was_done: str,
    visibility: str,
    cost_minor: int | None = None,
    indicator_findings: str = "",
    repeat: str = "",
    avoid: str = "",
) -> Evaluation:
    """Write the project's evaluation, or rewrite the one it has. The cost
    left out is what the project recorded as spent."""
    _require_board_or_secretariat(by)
    project = Proposal.objects.select_for_update().get(pk=project.pk)
    if project.status not in CLOSED_STATUSES:
        raise ValidationError(
            _("Only a completed or discontinued project is evaluated.")
        )
    if cost_minor is None:
        cost_minor = spending_of(project=project)
    if cost_minor is None:
        raise ValidationError(
            {"cost_minor": _("Say what the project cost: it has recorded no spending.")}
        )
    evaluation = Evaluation.objects.filter(project=project).first() or Evaluation(
        project=project, written_by=by
    )
    evaluation.what_was_done = what_was_done
    evaluation.cost_minor = cost_minor
    evaluation.currency = project.currency
    evaluation.indicator_findings = indicator_findings
    evaluation.repeat = repeat
    evaluation.avoid = avoid
    evaluation.visibility = visibility
    evaluation.full_clean()
    evaluation.save()
    return evaluation
