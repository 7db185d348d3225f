"""The secretariat's side in the admin: the weeks to consolidate and the
consolidation form, with each area's reports and suggested status."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_required
from wagtail.admin.views.generic.models import InspectView

from members.areas import selectors, services
from members.areas.forms import ConsolidateForm
from members.areas.geo import MapArea, svg_map
from members.areas.models import (
    Colour,
    WeeklyReport,
    WeekPicture,
    iso_week_of,
    week_monday,
)

WEEKS_LISTED = 12


@permission_required("areas.consolidate_week")
def weeks(request):
    today = timezone.localdate()
    rows = []
    for back in range(WEEKS_LISTED):
        year, week = iso_week_of(today - datetime.timedelta(weeks=back))
        rows.append(
            {
                "year": year,
                "week": week,
                "monday": week_monday(year, week),
                "reports": WeeklyReport.objects.filter(year=year, week=week).count(),
                "picture": WeekPicture.objects.filter(year=year, week=week).first(),
            }
        )
    return TemplateResponse(request, "areas/admin/weeks.html", {"rows": rows})


@permission_required("areas.consolidate_week")
def consolidate(request, year: int, week: int):
    try:
        monday = week_monday(year, week)
    except ValueError as error:
        raise Http404 from error
    if monday > timezone.localdate():
        raise Http404
    picture = WeekPicture.objects.filter(year=year, week=week).first()
    rows = services.week_suggestions(year, week)
    statuses = {s.area_id: s for s in picture.statuses.all()} if picture else {}
    missing = selectors.missing_reporters(year=year, week=week)
    for row in rows:
        row["status"] = statuses.get(row["area"].pk)
        row["colour_label"] = Colour(row["colour"]).label
        row["missing"] = missing.get(row["area"].pk, [])
    missing_count = sum(len(row["missing"]) for row in rows)
    form = ConsolidateForm(
        # An empty post is bound too: it is refused with its errors.
        request.POST if request.method == "POST" else None,
        rows=rows,
        initial={"summary": picture.summary if picture else ""},
    )
    if (
        request.method == "POST"
        and missing_count
        and not request.POST.get("confirm_missing")
    ):
        form.add_error(
            None,
            _(
                "Some parties have not reported this week. Confirm that the "
                "week is consolidated without their reports."
            ),
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.week_consolidate(
                by=request.user,
                year=year,
                week=week,
                decisions=form.decisions(),
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as error:
            for area_id, problems in getattr(error, "error_dict", {}).items():
                for problem in problems:
                    form.add_error(f"reason_{area_id}", problem)
            if not hasattr(error, "error_dict"):
                form.add_error(None, error)
        else:
            messages.success(
                request, _("Week %(week)s is consolidated.") % {"week": week}
            )
            return redirect("situation_weeks")
    for row in rows:
        pk = row["area"].pk
        row["fields"] = [
            form[f"{name}_{pk}"] for name in ("colour", "score", "reason", "summary")
        ]
    return TemplateResponse(
        request,
        "areas/admin/consolidate.html",
        {
            "year": year,
            "week": week,
            "monday": monday,
            "picture": picture,
            "rows": rows,
            "form": form,
            "missing_count": missing_count,
        },
    )


class AreaInspectView(InspectView):
    template_name = "areas/admin/area_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        area = self.object
        context["map_svg"] = svg_map(
            [MapArea(name=area.name, boundary=area.boundary)], title=area.name
        )
        context["parties"] = area.parties.all()
        return context
