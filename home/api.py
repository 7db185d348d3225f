"""Read-only JSON of the plan: the ranked priorities with their indicator series."""

from datetime import date

from django.conf import settings
from django.http import Http404
from django.utils import translation
from ninja import Query, Router, Schema
from pydantic import Field
from wagtail.models import Locale

from bid.api_errors import ERRORS, PositiveId
from home.selectors import plan_for_locale, priorities_ranked

router = Router(tags=["priorities"])

Language = str


class LanguageFilter(Schema):
    lang: Language = Field(
        "sv", description="Language of titles and names: sv, da, nb or en."
    )


class PointOut(Schema):
    date: date
    value: float


class MeasurementOut(Schema):
    date: date
    value: float
    source: str
    note: str


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    direction: str = Field(description="'higher' or 'lower' is better")
    baseline: PointOut
    target: PointOut
    status: str = Field(description="no_data, on_track, off_track or achieved")
    progress_percent: int | None
    latest: PointOut | None
    measurements: list[MeasurementOut]


class BudgetOut(Schema):
    year: int | None
    amount_minor: int = Field(description="In minor units (öre/øre) of the currency")
    currency: str


class PartyOut(Schema):
    name: str
    role: str


class PriorityOut(Schema):
    id: int
    translation_key: str
    rank: int
    title: str
    url: str
    status: str
    summary: str
    budget: BudgetOut | None
    areas: list[str]
    responsible_parties: list[PartyOut]
    indicators: list[IndicatorOut]


class PlanOut(Schema):
    id: int
    title: str
    url: str
    language: str
    priorities: list[PriorityOut]


def _point(on, value) -> dict:
    return {"date": on, "value": float(value)}


def _indicator(indicator) -> dict:
    assessment = indicator.assessment
    return {
        "id": indicator.pk,
        "name": indicator.localized_name,
        "unit": indicator.localized_unit,
        "direction": indicator.direction,
        "baseline": _point(indicator.baseline_date, indicator.baseline_value),
        "target": _point(indicator.target_date, indicator.target_value),
        "status": assessment.status.value,
        "progress_percent": assessment.progress_percent,
        "latest": _point(assessment.latest.on, assessment.latest.value)
        if assessment.latest
        else None,
        "measurements": [
            {
                "date": m.measured_on,
                "value": float(m.value),
                "source": m.source,
                "note": m.note,
            }
            for m in indicator.measurements.all()
        ],
    }


def _priority(request, priority) -> dict:
    budget = None
    if priority.budget_amount_minor is not None:
        budget = {
            "year": priority.budget_year,
            "amount_minor": priority.budget_amount_minor,
            "currency": priority.budget_currency,
        }
    return {
        "id": priority.pk,
        "translation_key": str(priority.translation_key),
        "rank": priority.rank,
        "title": priority.title,
        "url": priority.get_full_url(request),
        "status": priority.status,
        "summary": priority.summary,
        "budget": budget,
        "areas": priority.area_names,
        "responsible_parties": [
            {"name": party.name, "role": party.role}
            for party in priority.responsible_parties.all()
        ],
        "indicators": [_indicator(i) for i in priority.indicator_list],
    }


def _plan_in(language: str):
    if language not in dict(settings.LANGUAGES):
        raise Http404
    locale = Locale.objects.filter(language_code=language).first()
    plan = plan_for_locale(locale=locale) if locale else None
    if plan is None:
        raise Http404
    return plan


@router.get(
    "/", response={200: PlanOut, **ERRORS}, summary="The plan and its ranked priorities"
)
def plan_priorities(request, filters: Query[LanguageFilter]):
    """The published district plan in one language with its priorities in rank
    order (rank 1 first), each with its status, budget and indicator series."""
    plan = _plan_in(filters.lang)
    with translation.override(filters.lang):
        priorities = priorities_ranked(plan=plan, with_parties=True, with_areas=True)
        return {
            "id": plan.pk,
            "title": plan.title,
            "url": plan.get_full_url(request),
            "language": filters.lang,
            "priorities": [_priority(request, p) for p in priorities],
        }


@router.get(
    "/{int:rank}", response={200: PriorityOut, **ERRORS}, summary="One priority by rank"
)
def priority_by_rank(request, rank: PositiveId, filters: Query[LanguageFilter]):
    plan = _plan_in(filters.lang)
    with translation.override(filters.lang):
        priorities = priorities_ranked(plan=plan, with_parties=True, with_areas=True)
        if not 1 <= rank <= len(priorities):
            raise Http404
        return _priority(request, priorities[rank - 1])
