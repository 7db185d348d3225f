"""Open data: the district's public datasets as CSV, and the page that lists them.

Every row is read through the public selectors, never through the viewer, so a
signed-in board member downloads exactly what an anonymous visitor does.
"""

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Max
from django.http import Http404, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from bid.spreadsheet import text_cell
from home.models import Indicator, PriorityPage
from home.selectors import plan_for_locale, priorities_ranked
from members.enrolment.selectors import members_listed_publicly
from members.meetings.api import _decision, _meeting
from members.meetings.selectors import decisions_visible_to, public_meetings
from members.organisations.api import member_records
from members.proposals.api import project_records
from members.proposals.selectors import public_projects

LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"

# Selectors


def _priorities(language: str) -> list[PriorityPage]:
    locale = Locale.objects.filter(language_code=language).first()
    plan = plan_for_locale(locale=locale) if locale else None
    return priorities_ranked(plan=plan) if plan else []


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


def meeting_rows(request, language: str) -> Iterable[dict]:
    for meeting in public_meetings().order_by("-starts_at"):
        record = _meeting(meeting)
        body = record.pop("body")
        yield {**record, "body": body["name"], "body_slug": body["slug"]}


def decision_rows(request, language: str) -> Iterable[dict]:
    decisions = decisions_visible_to(user=AnonymousUser()).prefetch_related(
        "priorities"
    )
    for decision in decisions:
        meeting = decision.meeting
        yield {
            **_decision(decision),
            "meeting_date": timezone.localdate(meeting.starts_at),
            "body": meeting.body.name,
            "meeting_title": meeting.title,
        }


def project_rows(request, language: str) -> Iterable[dict]:
    return project_records(request, public_projects())


def member_rows(request, language: str) -> Iterable[dict]:
    return member_records(request, members_listed_publicly())


def _latest(*moments) -> datetime | None:
    return max((moment for moment in moments if moment), default=None)


def priorities_changed() -> datetime | None:
    plan = plan_for_locale(locale=Locale.get_default())
    if plan is None:
        return None
    priorities = PriorityPage.objects.child_of(plan).live().public()
    indicators = Indicator.objects.filter(
        priority__translation_key__in=priorities.values("translation_key")
    )
    return _latest(
        plan.last_published_at,
        priorities.aggregate(at=Max("last_published_at"))["at"],
        indicators.aggregate(at=Max("updated_at"))["at"],
    )


def meetings_changed() -> datetime | None:
    return _latest(
        public_meetings().aggregate(at=Max("updated_at"))["at"],
        decisions_visible_to(user=AnonymousUser()).aggregate(
            at=Max("meeting__published_at")
        )["at"],
    )


def projects_changed() -> datetime | None:
    latest = public_projects().aggregate(
        changed=Max("updated_at"), reported=Max("progress_updates__created_at")
    )
    return _latest(latest["changed"], latest["reported"])


def members_changed() -> datetime | None:
    return members_listed_publicly().aggregate(at=Max("updated_at"))["at"]


# The datasets


@dataclass(frozen=True)
class CsvFile:
    slug: str
    label: str
    row: str
    columns: tuple[str, ...]
    rows: Callable[..., Iterable[dict]]


@dataclass(frozen=True)
class Dataset:
    slug: str
    name: str
    description: str
    files: tuple[CsvFile, ...]
    json: tuple[tuple[str, str], ...]  # (link text, URL name)
    changed: Callable[[], datetime | None]
    translated: bool = False  # titles and names follow ?lang=


DATASETS = (
    Dataset(
        slug="priorities",
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
    ),
    Dataset(
        slug="meetings",
        name=_("Public meetings and decisions"),
        description=_(
            "The meetings open to the public, planned and held, and the "
            "numbered decisions of their published minutes."
        ),
        files=(
            CsvFile(
                slug="meetings",
                label=_("Meetings as CSV"),
                row=_("One public meeting, newest first."),
                columns=(
                    "id",
                    "body",
                    "body_slug",
                    "title",
                    "starts_at",
                    "ends_at",
                    "place",
                    "status",
                    "published_at",
                ),
                rows=meeting_rows,
            ),
            CsvFile(
                slug="decisions",
                label=_("Decisions as CSV"),
                row=_("One decision (§) of published minutes, newest meeting first."),
                columns=(
                    "id",
                    "meeting_id",
                    "meeting_date",
                    "body",
                    "meeting_title",
                    "number",
                    "item_number",
                    "text",
                    "reference",
                    "outcome",
                    "proposal_id",
                ),
                rows=decision_rows,
            ),
        ),
        json=(
            (_("Meetings as JSON"), "api-v1:meeting_list"),
            (_("Decisions as JSON"), "api-v1:decision_list"),
        ),
        changed=meetings_changed,
    ),
    Dataset(
        slug="projects",
        name=_("Accepted projects and their budgets"),
        description=_(
            "Proposals from members that the board accepted, with their cost, "
            "the funding from the district and their progress. Amounts are "
            "whole numbers in minor units (öre or øre): 150000 in SEK is 1 500 "
            "kronor."
        ),
        files=(
            CsvFile(
                slug="projects",
                label=_("Projects as CSV"),
                row=_("One accepted, ongoing or completed project."),
                columns=(
                    "id",
                    "title",
                    "summary",
                    "organisation",
                    "priority_id",
                    "priority_title",
                    "status",
                    "areas",
                    "estimated_cost_minor",
                    "requested_funding_minor",
                    "currency",
                    "decided_on",
                    "decision_reference",
                    "progress_percent",
                    "url",
                ),
                rows=project_rows,
            ),
        ),
        json=((_("Projects as JSON"), "api-v1:project_list"),),
        changed=projects_changed,
    ),
    Dataset(
        slug="members",
        name=_("Member directory"),
        description=_(
            "The member organisations that chose to appear in the public "
            "directory, with what the directory shows."
        ),
        files=(
            CsvFile(
                slug="members",
                label=_("Member directory as CSV"),
                row=_("One member organisation, by name."),
                columns=("name", "type", "city", "website", "description", "logo_url"),
                rows=member_rows,
            ),
        ),
        json=((_("Member directory as JSON"), "api-v1:member_list"),),
        changed=members_changed,
    ),
)
CSV_FILES = {file.slug: file for dataset in DATASETS for file in dataset.files}


# CSV


class _Echo:
    """A file-like object that hands back what is written, for streaming."""

    def write(self, value):
        return value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    if isinstance(value, str):
        # Text comes from members: never a formula. Numbers stay numbers.
        return text_cell(value)
    return str(value)


def _csv_lines(columns: tuple[str, ...], rows: list[dict]):
    writer = csv.writer(_Echo())
    # The byte order mark makes spreadsheet programs read the file as UTF-8.
    yield "\ufeff" + writer.writerow(columns)
    for row in rows:
        yield writer.writerow([_cell(row[column]) for column in columns])


# Views


@require_GET
def dataset_csv(request, slug: str):
    """One dataset as CSV; `?lang=` chooses the language of titles and names."""
    file = CSV_FILES.get(slug)
    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    if file is None or language not in dict(settings.LANGUAGES):
        raise Http404
    with translation.override(language):
        rows = list(file.rows(request, language))
    filename = slug if language == settings.LANGUAGE_CODE else f"{slug}-{language}"
    response = StreamingHttpResponse(
        _csv_lines(file.columns, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


@require_GET
def open_data(request):
    """The datasets, each with its CSV files and JSON endpoints."""
    datasets = [
        {
            "dataset": dataset,
            "changed": dataset.changed(),
            "files": [
                {"file": file, "url": reverse("open_data_csv", args=[file.slug])}
                for file in dataset.files
            ],
            "json": [
                {"label": label, "url": reverse(name)} for label, name in dataset.json
            ],
        }
        for dataset in DATASETS
    ]
    return TemplateResponse(
        request,
        "home/open_data.html",
        {
            "datasets": datasets,
            "licence_url": LICENCE_URL,
            "openapi_url": reverse("api-v1:openapi-json"),
        },
    )
