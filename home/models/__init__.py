"""Wagtail pages and site settings of the public site."""

from home.models.news import NewsIndexPage, NewsPage
from home.models.pages import HOME_SECTIONS_HOOK, HomePage, StandardPage
from home.models.plan import (
    DistrictPlanPage,
    Indicator,
    IndicatorText,
    Measurement,
    PriorityPage,
    PriorityParty,
    RankingChange,
)
from home.models.report import AnnualReportIndexPage, AnnualReportPage
from home.models.settings import DistrictSettings

__all__ = [
    "HOME_SECTIONS_HOOK",
    "AnnualReportIndexPage",
    "AnnualReportPage",
    "DistrictPlanPage",
    "DistrictSettings",
    "HomePage",
    "Indicator",
    "IndicatorText",
    "Measurement",
    "NewsIndexPage",
    "NewsPage",
    "PriorityPage",
    "PriorityParty",
    "RankingChange",
    "StandardPage",
]
