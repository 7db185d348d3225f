"""Writes for the plan: changing the ranking of the priorities."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from home.models import DistrictPlanPage, PriorityPage, RankingChange


def _ranking(plan: DistrictPlanPage) -> list[PriorityPage]:
    return list(PriorityPage.objects.child_of(plan).order_by("path"))


def _ranking_entries(priorities: list[PriorityPage]) -> list[dict]:
    return [{"key": str(p.translation_key), "title": p.title} for p in priorities]


def _apply_order(plan: DistrictPlanPage, keys: list[str]) -> None:
    """Move the plan's children into the order of the keys; others go last."""
    position = {key: index for index, key in enumerate(keys)}
    children = _ranking(plan)
    wanted = sorted(
        children,
        key=lambda page: (
            position.get(str(page.translation_key), len(keys)),
            page.path,
        ),
    )
    if [page.pk for page in wanted] == [page.pk for page in children]:
        return
    for page in wanted:
        # Page.move without a user skips Wagtail's own permission check, which
        # would demand publish rights; priorities_reorder checked edit rights.
        PriorityPage.objects.get(pk=page.pk).move(plan, pos="last-child")


@transaction.atomic
def priorities_reorder(
    *,
    plan: DistrictPlanPage,
    ordered_ids: list[int],
    by,
    rationale: str,
) -> RankingChange:
    """Rank the plan's priorities in the given order, in every language version
    of the plan, and record who did it, when and why."""
    if not plan.permissions_for_user(by).can_edit():
        raise PermissionDenied(_("You may not edit this plan."))
    rationale = rationale.strip()
    if not rationale:
        raise ValidationError({"rationale": _("Say why the ranking changes.")})
    plan = DistrictPlanPage.objects.select_for_update().get(pk=plan.pk)
    before = _ranking(plan)
    by_id = {page.pk: page for page in before}
    if sorted(ordered_ids) != sorted(by_id):
        raise ValidationError(
            _("The new order must contain each priority of the plan exactly once.")
        )
    after = [by_id[pk] for pk in ordered_ids]
    if after == before:
        raise ValidationError(_("The order is the same as before."))

    keys = [str(page.translation_key) for page in after]
    for version in DistrictPlanPage.objects.filter(
        translation_key=plan.translation_key
    ):
        _apply_order(version, keys)

    return RankingChange.objects.create(
        plan_translation_key=plan.translation_key,
        changed_by=by,
        changed_by_name=by.display_name,
        rationale=rationale,
        ranking_before=_ranking_entries(before),
        ranking_after=_ranking_entries(after),
    )


def ranking_record_initial(*, plan: DistrictPlanPage, by, rationale: str):
    """Record the ranking as it stands, e.g. when the plan is first adopted."""
    current = _ranking_entries(_ranking(plan))
    return RankingChange.objects.create(
        plan_translation_key=plan.translation_key,
        changed_by=by,
        changed_by_name=by.display_name,
        rationale=rationale,
        ranking_before=[],
        ranking_after=current,
    )
