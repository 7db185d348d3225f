"""Reads for the public site: the ranked priorities, their indicators, the history.

Every read returns only live, public pages; the query count does not grow with
the number of priorities.
"""

from django.db.models import Prefetch
from wagtail.models import Locale, Site

from home.models.news import NewsIndexPage, NewsPage
from home.models.plan import (
    DistrictPlanPage,
    Indicator,
    IndicatorText,
    Measurement,
    PriorityPage,
    RankingChange,
)
from home.models.settings import DistrictSettings
from members.proposals.pages import ProjectIndexPage
from members.proposals.selectors import active_projects, with_localized_priorities


def _texts() -> Prefetch:
    """Every language's name and unit, so Indicator.localized_name needs no query."""
    return Prefetch("texts", queryset=IndicatorText.objects.select_related("locale"))


def _indicators_by_translation_key(keys) -> dict:
    """Indicators (with measurements) of the priorities with these translation keys."""
    indicators = (
        Indicator.objects.filter(priority__translation_key__in=list(keys))
        .select_related("priority")
        .prefetch_related(
            Prefetch(
                "measurements", queryset=Measurement.objects.order_by("measured_on")
            ),
            _texts(),
        )
    )
    grouped: dict = {}
    for indicator in indicators:
        grouped.setdefault(indicator.priority.translation_key, []).append(indicator)
    return grouped


def priorities_ranked(
    *, plan: DistrictPlanPage, with_parties: bool = False, with_areas: bool = False
) -> list[PriorityPage]:
    """The plan's live priorities in rank order, each with `rank`, `indicator_list`
    and `headline` (its headline indicator, or its first, or None)."""
    queryset = PriorityPage.objects.child_of(plan).live().public().order_by("path")
    if with_parties:
        queryset = queryset.prefetch_related("responsible_parties")
    if with_areas:
        queryset = queryset.prefetch_related("district_areas")
    priorities = list(queryset)
    indicators = _indicators_by_translation_key(p.translation_key for p in priorities)
    for rank, priority in enumerate(priorities, start=1):
        priority.rank = rank
        priority.indicator_list = indicators.get(priority.translation_key, [])
        priority.headline = next(iter(priority.indicator_list), None)
    return priorities


def priority_detail(*, priority: PriorityPage) -> dict:
    """Rank, indicators and parties of one priority page."""
    plan = priority.get_parent().specific
    rank = (
        PriorityPage.objects.child_of(plan)
        .live()
        .public()
        .filter(path__lt=priority.path)
        .count()
        + 1
    )
    indicators = _indicators_by_translation_key([priority.translation_key]).get(
        priority.translation_key, []
    )
    return {
        "plan": plan,
        "rank": rank,
        "indicators": indicators,
        "parties": list(priority.responsible_parties.all()),
        "areas": list(priority.district_areas.all()),
        # Projects being carried out; the project list has the closed ones.
        "projects": with_localized_priorities(active_projects(priority=priority)),
        "project_index": ProjectIndexPage.objects.live()
        .filter(locale=priority.locale)
        .first(),
    }


def plan_for_locale(*, locale: Locale | None = None) -> DistrictPlanPage | None:
    locale = locale or Locale.get_active()
    return DistrictPlanPage.objects.live().public().filter(locale=locale).first()


def top_priorities(*, locale: Locale | None = None, limit: int = 3):
    plan = plan_for_locale(locale=locale)
    if plan is None:
        return None, []
    return plan, priorities_ranked(plan=plan)[:limit]


def latest_news(*, locale: Locale | None = None, limit: int = 3):
    locale = locale or Locale.get_active()
    index = NewsIndexPage.objects.live().public().filter(locale=locale).first()
    if index is None:
        return None, []
    articles = (
        NewsPage.objects.live()
        .public()
        .child_of(index)
        .order_by("-published_on", "-pk")[:limit]
    )
    return index, list(articles)


def ranking_history(*, plan: DistrictPlanPage) -> list[dict]:
    """Each change of the ranking, newest first, with the moves it made.

    Titles come from the plan's language; a priority since deleted keeps the
    title it had when the change was recorded.
    """
    changes = list(
        RankingChange.objects.filter(plan_translation_key=plan.translation_key)
    )
    titles = {
        str(key): title
        for key, title in PriorityPage.objects.filter(
            locale_id=plan.locale_id
        ).values_list("translation_key", "title")
    }
    history = []
    for change in changes:
        before = {
            entry["key"]: rank for rank, entry in enumerate(change.ranking_before, 1)
        }
        recorded_titles = {
            entry["key"]: entry["title"]
            for entry in change.ranking_before + change.ranking_after
        }
        ranking = []
        for rank, entry in enumerate(change.ranking_after, start=1):
            key = entry["key"]
            ranking.append(
                {
                    "rank": rank,
                    "title": titles.get(key, recorded_titles[key]),
                    "previous_rank": before.get(key),
                    "moved": before.get(key) not in (None, rank),
                }
            )
        history.append({"change": change, "ranking": ranking})
    return history


def indicator_public(*, indicator_id: int) -> Indicator | None:
    """The indicator, if some live public translation of its priority exists."""
    public_keys = PriorityPage.objects.live().public().values("translation_key")
    return (
        Indicator.objects.filter(
            pk=indicator_id, priority__translation_key__in=public_keys
        )
        .prefetch_related("measurements", _texts())
        .first()
    )


def district_name(*, request=None) -> str:
    """The organisation name in the district settings of the request's site (the
    default site outside a request); "" when none is set."""
    site = (
        Site.find_for_request(request)
        if request is not None
        else Site.objects.filter(is_default_site=True).first()
    )
    if site is None:
        return ""
    name = (
        DistrictSettings.objects.filter(site=site)
        .values_list("organisation_name", flat=True)
        .first()
    )
    return name or ""
