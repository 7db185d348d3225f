"""The plan's open data: the ranked priorities and their indicators."""

from collections.abc import Iterable
from datetime import datetime

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from bid.opendata import CsvFile, Dataset, last_changed, latest, register
from home.models import Indicator, PriorityPage
from home.selectors import plan_for_locale, priorities_ranked


def _priorities(language: str) -> list[PriorityPage]:
    locale = Locale.objects.filter(language_code=language).first()
    plan = plan_for_locale(locale=locale) if locale else None
    return priorities_ranked(plan=plan, with_areas=True) if plan else []


def priority_rows(request, language: str) -> Iterable[dict]:
    for priority in _priorities(language):
        has_budget = priority.budget_amount_minor is not None
        yield {
            "rank": priority.rank,
            "id": priority.pk,
            "title": priority.title,
            "status": priority.status,
            "summary": priority.summary,
            "budget_year": priority.budget_year,
            "budget_amount_minor": priority.budget_amount_minor,
            "currency": priority.budget_currency if has_budget else "",
            "areas": priority.area_names,
            "indicator_count": len(priority.indicator_list),
            "url": priority.get_full_url(request),
        }


def indicator_rows(request, language: str) -> Iterable[dict]:
    """One row per measurement; an indicator not yet measured has one row with
    the measurement columns empty, so its baseline and target still show."""
    for priority in _priorities(language):
        for indicator in priority.indicator_list:
            common = {
                "priority_rank": priority.rank,
                "priority_id": priority.pk,
                "priority_title": priority.title,
                "priority_status": priority.status,
                "indicator_id": indicator.pk,
                "indicator_name": indicator.localized_name,
                "unit": indicator.localized_unit,
                "direction": indicator.direction,
                "baseline_date": indicator.baseline_date,
                "baseline_value": indicator.baseline_value,
                "target_date": indicator.target_date,
                "target_value": indicator.target_value,
                "indicator_status": indicator.assessment.status.value,
            }
            measurements = list(indicator.measurements.all()) or [None]
            for measurement in measurements:
                yield {
                    **common,
                    "measured_on": measurement and measurement.measured_on,
                    "value": measurement and measurement.value,
                    "source": measurement and measurement.source,
                    "note": measurement and measurement.note,
                }


def priorities_changed() -> datetime | None:
    plan = plan_for_locale(locale=Locale.get_default())
    if plan is None:
        return None
    priorities = PriorityPage.objects.child_of(plan).live().public()
    indicators = Indicator.objects.filter(
        priority__translation_key__in=priorities.values("translation_key")
    )
    return latest(
        plan.last_published_at,
        last_changed(priorities, "last_published_at"),
        last_changed(indicators),
    )


register(
    Dataset(
        slug="priorities",
        order=10,
        name=_("Priorities and indicators"),
        description=_(
            "The ranked priorities of the district plan in force, and the "
            "indicators that measure progress on each, with every measurement."
        ),
        files=(
            CsvFile(
                slug="priorities",
                label=_("Priorities as CSV"),
                row=_("One priority, in rank order (1 is the most important)."),
                columns=(
                    "rank",
                    "id",
                    "title",
                    "status",
                    "summary",
                    "budget_year",
                    "budget_amount_minor",
                    "currency",
                    "areas",
                    "indicator_count",
                    "url",
                ),
                rows=priority_rows,
            ),
            CsvFile(
                slug="indicators",
                label=_("Indicator measurements as CSV"),
                row=_(
                    "One measurement of an indicator, with its priority, baseline "
                    "and target; an indicator not yet measured has one row with "
                    "the measurement empty."
                ),
                columns=(
                    "priority_rank",
                    "priority_id",
                    "priority_title",
                    "priority_status",
                    "indicator_id",
                    "indicator_name",
                    "unit",
                    "direction",
                    "baseline_date",
                    "baseline_value",
                    "target_date",
                    "target_value",
                    "indicator_status",
                    "measured_on",
                    "value",
                    "source",
                    "note",
                ),
                rows=indicator_rows,
            ),
        ),
        json=((_("Priorities and indicators as JSON"), "api-v1:plan_priorities"),),
        changed=priorities_changed,
        translated=True,
    )
)
