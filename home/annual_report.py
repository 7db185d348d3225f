"""The year's activity report drafted from the data: the plan's priorities and
indicators, the projects and their results, the year's decisions, membership
and contributions, and the situational picture per area.

`annual_report_generate` writes the draft as a new revision of the year's
report page; the board edits it and the secretariat publishes it through the
site's workflow. A published report's live content is never touched.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Locale

from bid import access, languages
from bid.money import format_money, format_number
from home import selectors
from home.models.report import AnnualReportIndexPage, AnnualReportPage
from members.areas.models import ActionItem, Area, AreaStatus, Colour, SafetyWalk
from members.contributions.selectors import years_overview
from members.enrolment.models import Membership
from members.enrolment.selectors import active_members
from members.meetings.models import Decision, Meeting
from members.meetings.selectors import decisions_visible_to
from members.projects.models import Evaluation, Expenditure, FundingLine, Milestone
from members.proposals.models import Proposal
from members.proposals.selectors import public_projects

FUNDED = (
    FundingLine.Status.DECIDED,
    FundingLine.Status.INVOICED,
    FundingLine.Status.PAID,
)


@dataclass(frozen=True)
class GeneratedReport:
    page: AnnualReportPage
    created: bool
    # The report was published before: the new figures wait in a draft.
    was_live: bool

    @property
    def message(self) -> str:
        values = {"year": self.page.year}
        if self.created:
            return _("The %(year)s activity report was drafted.") % values
        if self.was_live:
            return (
                _(
                    "The %(year)s activity report is published; the new figures "
                    "are saved as a draft for the board to review and publish."
                )
                % values
            )
        return _("The %(year)s activity report's draft was updated.") % values


def default_year(today: datetime.date | None = None) -> int:
    """The year a report is written for: the past one until the end of March
    (the report follows the year's accounts), else the current one."""
    today = today or timezone.localdate()
    return today.year - 1 if today.month <= 3 else today.year


@transaction.atomic
def annual_report_generate(*, year: int, by=None) -> GeneratedReport:
    """Draft the year's report from the data, or add a revision with the
    current figures to the year's report. `by` is the secretariat member who
    asks (None: the command line)."""
    if by is not None and not access.is_secretariat(by):
        raise access.Refusal(_("Only the secretariat generates the activity report."))
    index = AnnualReportIndexPage.objects.filter(
        locale__language_code=languages.default()
    ).first()
    if index is None:
        raise ValidationError(
            _(
                "There is no activity reports section: add an “Activity reports” "
                "page under the home page first."
            )
        )
    with translation.override(languages.default()):
        figures = annual_report_figures(year=year)
        summary = _summary(figures)
        body = _body(figures)
    existing = (
        AnnualReportPage.objects.child_of(index)
        .filter(year=year)
        .select_for_update()
        .first()
    )
    if existing is None:
        page = AnnualReportPage(
            title=_title(year),
            slug=str(year),
            year=year,
            summary=summary,
            body=body,
            figures=figures,
            generated_at=timezone.now(),
            live=False,
            owner=by,
        )
        index.add_child(instance=page)
        page.save_revision(user=by, log_action=True)
        return GeneratedReport(page=page, created=True, was_live=False)
    # The latest revision holds the board's edits of the title; the rest is
    # drafted again. Saving a revision of a live page leaves its live content.
    page = existing.get_latest_revision_as_object()
    page.summary = summary
    page.body = body
    page.figures = figures
    page.generated_at = timezone.now()
    page.save_revision(user=by, log_action=True)
    return GeneratedReport(page=page, created=False, was_live=existing.live)


def _title(year: int) -> str:
    with translation.override(languages.default()):
        return _("Activity report %(year)s") % {"year": year}


# The figures


def annual_report_figures(*, year: int) -> dict:
    """Everything the report counts for the year, as JSON-ready values (amounts
    in minor units, decimals as text)."""
    start = datetime.date(year, 1, 1)
    end = min(datetime.date(year, 12, 31), timezone.localdate())
    return {
        "year": year,
        "until": end.isoformat(),
        "membership": _membership(year=year, end=end),
        "contributions": _contributions(year=year),
        "decisions": _decisions(year=year),
        "projects": _projects(start=start, end=end),
        "priorities": _priorities(),
        "areas": _areas(year=year),
    }


def _membership(*, year: int, end: datetime.date) -> dict:
    return {
        "at_year_end": active_members(on=end).count(),
        "joined": Membership.objects.filter(starts_on__year=year)
        .values("organisation")
        .distinct()
        .count(),
        "left": Membership.objects.filter(ends_on__year=year)
        .values("organisation")
        .distinct()
        .count(),
    }


def _contributions(*, year: int) -> dict:
    """The year's annual invoices as the ledger's own overview counts them."""
    row = next((row for row in years_overview() if row["year"] == year), None)
    if row is None:
        return {"count": 0, "currency": "SEK", "due": 0, "paid": 0, "outstanding": 0}
    return {
        "count": row["count"],
        "currency": row["currency"],
        "due": row["due"],
        "paid": row["collected"],
        "outstanding": row["outstanding"],
    }


def _decisions(*, year: int) -> dict:
    held = Decision.objects.filter(
        meeting__status=Meeting.Status.PUBLISHED, meeting__starts_at__year=year
    )
    public = decisions_visible_to(user=AnonymousUser()).filter(
        meeting__starts_at__year=year
    )
    return {
        "count": held.count(),
        "public": [
            {"reference": decision.reference, "text": decision.text}
            for decision in public.order_by("meeting__starts_at", "number")
        ],
    }


def _projects(*, start: datetime.date, end: datetime.date) -> dict:
    """The public projects running at some time in the year, with their money,
    milestones and, where the evaluation is public, what to repeat."""
    projects = list(
        public_projects()
        .filter(Q(decided_at__isnull=True) | Q(decided_at__date__lte=end))
        .filter(Q(closed_at__isnull=True) | Q(closed_at__date__gte=start))
        .order_by("decided_at", "pk")
    )
    ids = [project.pk for project in projects]
    lines = FundingLine.objects.filter(project_id__in=ids).values("project_id")
    pledged = _by_project(lines.annotate(total=Sum("amount_minor")))
    partners = _by_project(
        lines.exclude(party=FundingLine.Party.BID)
        .filter(status__in=FUNDED)
        .annotate(total=Sum("amount_minor"))
    )
    received = _by_project(
        lines.filter(status=FundingLine.Status.PAID).annotate(total=Sum("amount_minor"))
    )
    spent = _by_project(
        Expenditure.objects.filter(project_id__in=ids, spent_on__lte=end)
        .values("project_id")
        .annotate(total=Sum("amount_minor"))
    )
    milestones = {
        row["project_id"]: row
        for row in Milestone.objects.filter(project_id__in=ids)
        .exclude(state=Milestone.State.CANCELLED)
        .values("project_id")
        .annotate(
            total=Count("pk"),
            done=Count(
                "pk",
                filter=Q(
                    state=Milestone.State.DONE,
                    done_on__gte=start,
                    done_on__lte=end,
                ),
            ),
        )
    }
    lessons = dict(
        Evaluation.objects.filter(
            project_id__in=ids, visibility=Evaluation.Visibility.PUBLIC
        ).values_list("project_id", "repeat")
    )
    items = []
    for project in projects:
        counted = milestones.get(project.pk, {})
        items.append(
            {
                "id": project.pk,
                "title": project.title,
                "status": project.status,
                "status_label": str(project.get_status_display()),
                "currency": project.currency,
                "budget": project.estimated_cost_minor,
                "pledged": pledged.get(project.pk, 0),
                "partners": partners.get(project.pk, 0),
                "received": received.get(project.pk, 0),
                "spent": spent.get(project.pk, 0),
                "milestones_done": counted.get("done", 0),
                "milestones_total": counted.get("total", 0),
                "discontinued_reason": project.discontinued_reason
                if project.status == Proposal.Status.DISCONTINUED
                else "",
                "lesson": lessons.get(project.pk, ""),
            }
        )
    return {
        "count": len(items),
        "completed": sum(p["status"] == Proposal.Status.COMPLETED for p in items),
        "discontinued": sum(p["status"] == Proposal.Status.DISCONTINUED for p in items),
        "items": items,
    }


def _by_project(rows) -> dict[int, int]:
    return {row["project_id"]: row["total"] or 0 for row in rows}


def _priorities() -> list[dict]:
    plan = selectors.plan_for_locale(locale=Locale.get_default())
    if plan is None:
        return []
    found = []
    for priority in selectors.priorities_ranked(plan=plan):
        indicators = []
        for indicator in priority.indicator_list:
            latest = indicator.assessment.latest
            indicators.append(
                {
                    "id": indicator.pk,
                    "name": indicator.localized_name,
                    "unit": indicator.localized_unit,
                    "baseline": str(indicator.baseline_value),
                    "target": str(indicator.target_value),
                    "target_date": indicator.target_date.isoformat(),
                    "latest": str(latest.value) if latest else "",
                    "latest_date": latest.on.isoformat() if latest else "",
                    "status": str(indicator.assessment.status.label),
                }
            )
        found.append(
            {
                "rank": priority.rank,
                "title": priority.title,
                "summary": priority.summary,
                "indicators": indicators,
            }
        )
    return found


def _areas(*, year: int) -> list[dict]:
    """Per area: the weeks of the consolidated picture in each colour, the
    incidents reported, the safety walks and the action items done."""
    weeks = {
        row["area_id"]: row
        for row in AreaStatus.objects.filter(picture__year=year)
        .values("area_id")
        .annotate(
            green=Count("pk", filter=Q(colour=Colour.GREEN)),
            yellow=Count("pk", filter=Q(colour=Colour.YELLOW)),
            red=Count("pk", filter=Q(colour=Colour.RED)),
            incidents=Sum("incidents"),
        )
    }
    walks = dict(
        SafetyWalk.objects.filter(date__year=year, kind=SafetyWalk.Kind.WALK)
        .values("area_id")
        .annotate(total=Count("pk"))
        .values_list("area_id", "total")
    )
    done = dict(
        ActionItem.objects.filter(
            status=ActionItem.Status.DONE,
            updates__status=ActionItem.Status.DONE,
            updates__at__year=year,
        )
        .values("area_id")
        .annotate(total=Count("pk", distinct=True))
        .values_list("area_id", "total")
    )
    found = []
    for area in Area.objects.order_by("sort_order", "name"):
        counted = weeks.get(area.pk, {})
        found.append(
            {
                "id": area.pk,
                "name": area.name,
                "green": counted.get("green", 0),
                "yellow": counted.get("yellow", 0),
                "red": counted.get("red", 0),
                "incidents": counted.get("incidents") or 0,
                "walks": walks.get(area.pk, 0),
                "actions_done": done.get(area.pk, 0),
            }
        )
    return found


# The text


def _summary(figures: dict) -> str:
    membership, contributions = figures["membership"], figures["contributions"]
    return _(
        "In %(year)s the district had %(members)s members, ran %(projects)s "
        "projects and took %(decisions)s decisions; %(paid)s of the year's "
        "contributions of %(due)s were paid."
    ) % {
        "year": figures["year"],
        "members": format_number(membership["at_year_end"]),
        "projects": format_number(figures["projects"]["count"]),
        "decisions": format_number(figures["decisions"]["count"]),
        "paid": format_money(contributions["paid"], contributions["currency"]),
        "due": format_money(contributions["due"], contributions["currency"]),
    }


def _block(kind: str, value) -> dict:
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def _heading(text: str, level: str = "h2") -> dict:
    return _block("heading", {"text": text, "level": level})


def _paragraph(text: str) -> dict:
    return _block("paragraph", f"<p>{escape(text)}</p>")


def _figures(heading: str, figures: list[tuple[str, str]]) -> dict:
    return _block(
        "figures",
        {
            "heading": heading,
            "figures": [{"label": label, "value": value} for label, value in figures],
        },
    )


def _table(caption: str, columns: list[str], rows: list[list[str]]) -> dict:
    return _block(
        "table",
        {
            "caption": caption,
            "columns": columns,
            "rows": [{"cells": [str(cell) for cell in row]} for row in rows],
        },
    )


def _body(figures: dict) -> list[dict]:
    return [
        *_overview_section(figures),
        *_priorities_section(figures),
        *_projects_section(figures),
        *_decisions_section(figures),
        *_membership_section(figures),
        *_areas_section(figures),
    ]


def _overview_section(figures: dict) -> list[dict]:
    contributions = figures["contributions"]
    return [
        _heading(_("The year in brief")),
        _paragraph(
            _(
                "Write here what the board wants to say about the year: what went "
                "well, what was hard and what comes next."
            )
        ),
        _figures(
            _("Key figures"),
            [
                (
                    format_number(figures["membership"]["at_year_end"]),
                    _("members at the end of the year"),
                ),
                (format_number(figures["projects"]["count"]), _("projects")),
                (format_number(figures["decisions"]["count"]), _("decisions")),
                (
                    format_money(contributions["paid"], contributions["currency"]),
                    _("contributions paid"),
                ),
            ],
        ),
    ]


def _priorities_section(figures: dict) -> list[dict]:
    if not figures["priorities"]:
        return []
    blocks = [_heading(_("The plan's priorities"))]
    for priority in figures["priorities"]:
        blocks.append(
            _heading(
                _("%(rank)s. %(title)s")
                % {"rank": priority["rank"], "title": priority["title"]},
                "h3",
            )
        )
        if priority["summary"]:
            blocks.append(_paragraph(priority["summary"]))
        blocks.extend(
            _block("indicator_chart", {"indicator": indicator["id"]})
            for indicator in priority["indicators"]
        )
    return blocks


def _projects_section(figures: dict) -> list[dict]:
    projects = figures["projects"]
    blocks = [
        _heading(_("Projects and their results")),
        _paragraph(
            _(
                "%(count)s projects ran during the year: %(completed)s were "
                "completed and %(discontinued)s discontinued."
            )
            % {
                "count": format_number(projects["count"]),
                "completed": format_number(projects["completed"]),
                "discontinued": format_number(projects["discontinued"]),
            }
        ),
    ]
    if not projects["items"]:
        return blocks
    blocks.append(
        _table(
            _("Projects of %(year)s") % {"year": figures["year"]},
            [
                _("Project"),
                _("Status"),
                _("Budget"),
                _("Partner money decided"),
                _("Received"),
                _("Spent"),
                _("Milestones done"),
            ],
            [
                [
                    project["title"],
                    project["status_label"],
                    format_money(project["budget"], project["currency"]),
                    format_money(project["partners"], project["currency"]),
                    format_money(project["received"], project["currency"]),
                    format_money(project["spent"], project["currency"]),
                    _("%(done)s of %(total)s")
                    % {
                        "done": project["milestones_done"],
                        "total": project["milestones_total"],
                    },
                ]
                for project in projects["items"]
            ],
        )
    )
    for project in projects["items"]:
        if project["discontinued_reason"]:
            blocks.append(
                _paragraph(
                    _("%(project)s was discontinued: %(reason)s")
                    % {
                        "project": project["title"],
                        "reason": project["discontinued_reason"],
                    }
                )
            )
        if project["lesson"]:
            blocks.append(
                _paragraph(
                    _("What to repeat from %(project)s: %(lesson)s")
                    % {"project": project["title"], "lesson": project["lesson"]}
                )
            )
    return blocks


def _decisions_section(figures: dict) -> list[dict]:
    decisions = figures["decisions"]
    blocks = [
        _heading(_("Decisions of the year")),
        _paragraph(
            _(
                "The board and the meetings took %(count)s decisions in "
                "%(year)s; the public ones are listed here."
            )
            % {"count": format_number(decisions["count"]), "year": figures["year"]}
        ),
    ]
    if decisions["public"]:
        blocks.append(
            _table(
                _("Public decisions of %(year)s") % {"year": figures["year"]},
                [_("Decision"), _("What was decided")],
                [[row["reference"], row["text"]] for row in decisions["public"]],
            )
        )
    return blocks


def _membership_section(figures: dict) -> list[dict]:
    membership, contributions = figures["membership"], figures["contributions"]
    currency = contributions["currency"]
    return [
        _heading(_("Membership and contributions")),
        _figures(
            _("Members"),
            [
                (
                    format_number(membership["at_year_end"]),
                    _("members at the end of the year"),
                ),
                (format_number(membership["joined"]), _("joined during the year")),
                (format_number(membership["left"]), _("left during the year")),
            ],
        ),
        _table(
            _("Contributions %(year)s") % {"year": figures["year"]},
            [_("Invoices"), _("Due"), _("Paid"), _("Outstanding")],
            [
                [
                    format_number(contributions["count"]),
                    format_money(contributions["due"], currency),
                    format_money(contributions["paid"], currency),
                    format_money(contributions["outstanding"], currency),
                ]
            ],
        ),
    ]


def _areas_section(figures: dict) -> list[dict]:
    if not figures["areas"]:
        return []
    return [
        _heading(_("The situational picture per area")),
        _paragraph(
            _(
                "Each week the secretariat sets each area's colour from the "
                "parties' reports: green is calm, yellow calls for attention and "
                "red for action."
            )
        ),
        _table(
            _("The situational picture %(year)s") % {"year": figures["year"]},
            [
                _("Area"),
                _("Green weeks"),
                _("Yellow weeks"),
                _("Red weeks"),
                _("Incidents"),
                _("Safety walks"),
                _("Actions done"),
            ],
            [
                [
                    area["name"],
                    format_number(area["green"]),
                    format_number(area["yellow"]),
                    format_number(area["red"]),
                    format_number(area["incidents"]),
                    format_number(area["walks"]),
                    format_number(area["actions_done"]),
                ]
                for area in figures["areas"]
            ],
        ),
    ]
