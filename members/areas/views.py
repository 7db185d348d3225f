"""The weekly work in the member portal: the situational picture, a party's
reports, its action items and the safety walks."""

import datetime
import functools
import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bid.access import may
from bid.actions import reported
from bid.params import id_or_none
from bid.ratelimit import ratelimit
from members.areas import selectors, services
from members.areas.charts import trend_chart_svg
from members.areas.forms import (
    ActionForm,
    ActionUpdateForm,
    ObservationForm,
    QuickReportForm,
    ReportForm,
)
from members.areas.geo import (
    MapArea,
    MapPoint,
    map_data,
    metres_outside,
    svg_map,
    tile_source,
)
from members.areas.models import ActionItem, Colour, iso_week_of, week_monday
from members.areas.pdf import walk_summary_pdf as walk_summary_pdf_bytes
from members.proposals.models import ACTIVE_STATUSES, Proposal

# A step the person's role or the record's state does not allow.
REFUSED = (ValidationError, PermissionDenied)


def _errors(request, error) -> None:
    for message in getattr(error, "messages", [str(error)]):
        messages.error(request, message)


def _wants_json(request) -> bool:
    """The offline forms' script (static/js/offline-forms.js) asks for JSON; a
    browser's own form post asks for HTML."""
    accept = request.headers.get("Accept", "")
    return accept.split(",")[0].split(";")[0].strip() == "application/json"


def _json_answer(*, message: str, redirect_to: str) -> JsonResponse:
    return JsonResponse({"ok": True, "message": message, "redirect": redirect_to})


def _json_errors(*, form=None, error=None, status: int = 400) -> JsonResponse:
    """A form's and a service's errors by field ("__all__" for the rest)."""
    errors: dict[str, list[str]] = {}
    if form is not None:
        for field, messages in form.errors.items():
            errors.setdefault(field, []).extend(str(m) for m in messages)
    if error is not None:
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
        else:
            errors.setdefault("__all__", []).extend(
                getattr(error, "messages", [str(error)])
            )
    return JsonResponse({"ok": False, "errors": errors}, status=status)


def _json_refusals(view):
    """For the script's posts a refusal, a service's error or a missing record
    is a JSON answer it can show; for everyone else the site's own pages."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "POST" or not _wants_json(request):
            return view(request, *args, **kwargs)
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as error:
            return _json_errors(error=error, status=403)
        except ValidationError as error:
            return _json_errors(error=error)
        except Http404:
            return _json_errors(error=ValidationError(_("Page not found")), status=404)

    return wrapped


def _week_from(request) -> tuple[int, int]:
    try:
        year, week = int(request.GET["year"]), int(request.GET["week"])
        datetime.date.fromisocalendar(year, week, 1)
        return year, week
    except (KeyError, ValueError):
        return iso_week_of(timezone.localdate())


def _require_picture(user) -> None:
    if not selectors.may_see_picture(user):
        raise PermissionDenied(_("The situational picture is for members and parties."))


@login_required
def situation(request):
    _require_picture(request.user)
    weeks, series = [], {}
    if "year" in request.GET:
        year, week = _week_from(request)
        picture = selectors.week_picture(year=year, week=week)
        if picture is None:
            raise Http404
    else:
        # The latest consolidated week is the trend's last.
        weeks, series = services.trend()
        picture = weeks[-1] if weeks else None
    statuses = []
    chart = False
    rows = []
    overdue = []
    tiles = tile_source()
    tile_map = None
    if picture is not None:
        statuses = selectors.picture_statuses(picture)
        labels = {c.value: c.label for c in Colour}
        mapped = [
            MapArea(
                name=s.area.name,
                boundary=s.area.boundary,
                colour=s.colour,
                label=f"{labels[s.colour]} · {s.score}",
            )
            for s in statuses
        ]
        map_title = _("Situational picture, week %(week)s") % {"week": picture.week}
        map_svg = svg_map(mapped, title=map_title)
        if tiles:
            tile_map = map_data(mapped, title=map_title, tiles=tiles)
        if not weeks:
            weeks, series = services.trend()
        chart = bool(weeks)
        rows = [{"status": s, "history": series.get(s.area_id, [])} for s in statuses]
        end_of_week = week_monday(picture.year, picture.week) + datetime.timedelta(
            days=7
        )
        overdue = list(
            selectors.overdue(
                selectors.actions_visible_to(request.user), on=end_of_week
            ).order_by("due_date")
        )
    else:
        map_svg = ""
    older = newer = None
    if picture is not None and "year" not in request.GET:
        # The latest week: the one before it is the trend's last but one.
        older = weeks[-2] if len(weeks) > 1 else None
    elif picture is not None:
        older, newer = selectors.picture_neighbours(picture)
    year, week = iso_week_of(timezone.localdate())
    return TemplateResponse(
        request,
        "areas/situation.html",
        {
            "picture": picture,
            "statuses": statuses,
            "rows": rows,
            "map_svg": map_svg,
            "tile_map": tile_map,
            "chart": chart,
            "trend_weeks": weeks,
            "overdue": overdue,
            "older": older,
            "newer": newer,
            "may_report": selectors.is_party(request.user),
            "may_consolidate": may(request.user, "consolidate_week"),
            "this_week": week,
            "this_year": year,
        },
    )


@login_required
def situation_chart(request):
    _require_picture(request.user)
    weeks, series = services.trend()
    if not weeks:
        raise Http404
    response = HttpResponse(
        trend_chart_svg(weeks, series), content_type="image/svg+xml"
    )
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@ratelimit("situation_report")
@_json_refusals
def report(request):
    if not selectors.is_party(request.user):
        raise PermissionDenied(_("Only the parties of an area report on it."))
    organisations = selectors.parties_of(request.user)
    areas = selectors.areas_for(request.user)
    year, week = _week_from(request)
    consolidated = services.week_is_consolidated(year, week)
    existing = None
    area_id = id_or_none(request.POST.get("area") or request.GET.get("area"))
    organisation_id = id_or_none(
        request.POST.get("organisation") or request.GET.get("organisation")
    )
    if area_id and organisation_id:
        existing = selectors.weekly_report(
            organisations=organisations,
            organisation_id=organisation_id,
            area_id=area_id,
            year=year,
            week=week,
        )
    form = ReportForm(
        request.POST or None,
        instance=existing,
        organisations=organisations,
        areas=areas,
        initial={
            name: value
            for name, value in (("area", area_id), ("organisation", organisation_id))
            if value
        },
    )
    wants_json = request.method == "POST" and _wants_json(request)
    # An entry sent again from a phone after the week was consolidated is
    # still recognised by the service (and refused if it is new).
    if (
        request.method == "POST"
        and (not consolidated or wants_json)
        and form.is_valid()
    ):
        data = form.cleaned_data
        try:
            saved, created = services.report_save(
                by=request.user,
                organisation=data["organisation"],
                area=data["area"],
                year=year,
                week=week,
                **{k: v for k, v in data.items() if k not in ("organisation", "area")},
            )
        except (ValidationError, PermissionDenied) as error:
            if wants_json:
                return _json_errors(error=error)
            _errors(request, error)
        else:
            message = (
                _("Your report on %(area)s for week %(week)s is saved.")
                if created
                else _("Your report on %(area)s for week %(week)s is updated.")
            ) % {"area": saved.area.name, "week": week}
            messages.success(request, message)
            done = f"{request.path}?year={year}&week={week}"
            if wants_json:
                return _json_answer(message=message, redirect_to=done)
            return redirect(done)
    if wants_json:
        return _json_errors(form=form)
    reports = selectors.weekly_reports(
        organisations=organisations, year=year, week=week
    )
    return TemplateResponse(
        request,
        "areas/report.html",
        {
            "form": form,
            "year": year,
            "week": week,
            "monday": week_monday(year, week),
            "consolidated": consolidated,
            "reports": reports,
            "missing": [
                (organisation, area)
                for organisation in organisations
                for area in areas.filter(parties=organisation)
                if not any(
                    r.organisation_id == organisation.pk and r.area_id == area.pk
                    for r in reports
                )
            ],
        },
    )


@login_required
def action_list(request):
    visible = selectors.actions_visible_to(request.user)
    if (
        not may(request.user, "manage_actions")
        and not selectors.is_party(request.user)
        and not visible.exists()
    ):
        raise PermissionDenied(_("Action plans are for the parties of the areas."))
    status = request.GET.get("status", "open")
    items = selectors.actions_with_status(visible, status)
    own = set(selectors.actions_updatable_by(request.user).values_list("pk", flat=True))
    form = ActionForm() if may(request.user, "manage_actions") else None
    return TemplateResponse(
        request,
        "areas/action_list.html",
        {
            "items": [
                {"item": item, "mine": item.pk in own, "overdue": item.is_overdue()}
                for item in items.order_by("due_date", "pk")
            ],
            "status": status,
            "statuses": ActionItem.Status.choices,
            "form": form,
        },
    )


@login_required
@require_POST
@ratelimit("action_create")
def action_create(request):
    if not may(request.user, "manage_actions"):
        raise PermissionDenied(_("Only the board and the secretariat address actions."))
    form = ActionForm(request.POST)
    if form.is_valid():
        return reported(
            request,
            lambda: services.action_create(by=request.user, **form.cleaned_data),
            done=lambda item: (
                _("The action is addressed to %(party)s.")
                % {"party": item.addressed_to.legal_name}
            ),
            to=lambda item: reverse("portal:action", args=[item.pk]),
            back=reverse("portal:actions"),
            refused=REFUSED,
        )
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
    return redirect("portal:actions")


@login_required
def action_detail(request, pk):
    item = get_object_or_404(selectors.actions_visible_to(request.user), pk=pk)
    may_update = selectors.actions_updatable_by(request.user).filter(pk=pk).exists()
    form = ActionUpdateForm(request.POST or None, initial={"status": item.status})
    if request.method == "POST":
        if not may_update:
            raise PermissionDenied(
                _("Only the party the item is addressed to updates it.")
            )
        if form.is_valid():
            try:
                services.action_update(
                    by=request.user,
                    item=item,
                    status=form.cleaned_data["status"],
                    text=form.cleaned_data["text"],
                )
            except (ValidationError, PermissionDenied) as error:
                _errors(request, error)
            else:
                messages.success(request, _("The action item is updated."))
                return redirect("portal:action", item.pk)
    return TemplateResponse(
        request,
        "areas/action_detail.html",
        {
            "item": item,
            "updates": selectors.action_updates(item),
            "form": form if may_update else None,
            "overdue": item.is_overdue(),
            "observation": selectors.action_observation(item),
        },
    )


@login_required
def walk_list(request):
    walks = selectors.walks_visible_to(request.user).prefetch_related("parties")
    if not walks.exists() and not selectors.is_party(request.user):
        if not may(request.user, "manage_actions"):
            raise PermissionDenied(_("Safety walks are for the parties of the areas."))
    return TemplateResponse(request, "areas/walk_list.html", {"walks": walks})


def _outside_warning(area, observation) -> str:
    """A point outside the area is recorded (a border is drawn by hand) but
    pointed out, in case the phone or a tap put it in the wrong place."""
    if observation.latitude is None or observation.longitude is None:
        return ""
    metres = metres_outside(
        area.boundary, float(observation.longitude), float(observation.latitude)
    )
    if not metres or metres < OUTSIDE_TOLERANCE_METRES:
        return ""
    return _(
        "The point lies about %(metres)s m outside %(area)s. It is recorded; "
        "check that it is the right place."
    ) % {"metres": round(metres), "area": area.name}


# A point this near an area's border is taken as inside it: borders are
# drawn by hand and a phone's position wanders.
OUTSIDE_TOLERANCE_METRES = 25


@login_required
@ratelimit("observation_create")
@_json_refusals
def walk_detail(request, pk):
    walk = get_object_or_404(selectors.walks_visible_to(request.user), pk=pk)
    participant = selectors.walk_participant(request.user, walk)
    form = ObservationForm(
        request.POST or None,
        request.FILES or None,
        land_owners=selectors.land_owners(walk.area),
    )
    if request.method == "POST":
        if not participant:
            raise PermissionDenied(_("Only the walk's parties record observations."))
        if form.is_valid():
            data = dict(form.cleaned_data)
            photo = data.pop("photo", None)
            try:
                observation = services.observation_add(
                    by=request.user, walk=walk, photo=photo, **data
                )
            except (ValidationError, PermissionDenied) as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                elif _wants_json(request):
                    raise
                else:
                    _errors(request, error)
            else:
                message = _("The observation is recorded.")
                messages.success(request, message)
                if warning := _outside_warning(walk.area, observation):
                    messages.warning(request, warning)
                if _wants_json(request):
                    return _json_answer(
                        message=message,
                        redirect_to=reverse("portal:walk", args=[walk.pk]),
                    )
                return redirect("portal:walk", walk.pk)
        if _wants_json(request):
            return _json_errors(form=form)
    previous, recheck = selectors.previous_open_observations(walk)
    observations = list(selectors.walk_observations(walk))
    points = _observation_points(observations)
    walk_map = [MapArea(name=walk.area.name, boundary=walk.area.boundary)]
    map_title = _("Map of %(area)s with the observations") % {"area": walk.area.name}
    tiles = tile_source()
    return TemplateResponse(
        request,
        "areas/walk_detail.html",
        {
            "walk": walk,
            "observations": observations,
            "previous": previous,
            "recheck": recheck,
            "form": form if participant else None,
            "may_act": may(request.user, "manage_actions"),
            "map_svg": svg_map(walk_map, title=map_title, points=points, padding=48)
            if walk.area.boundary
            else "",
            "tile_map": map_data(walk_map, title=map_title, points=points, tiles=tiles)
            if walk.area.boundary and tiles
            else None,
        },
    )


@login_required
@require_POST
def observation_action(request, pk):
    observation = get_object_or_404(
        selectors.observations_visible_to(request.user), pk=pk
    )
    return reported(
        request,
        lambda: services.observation_to_action(
            by=request.user, observation=observation
        ),
        done=lambda item: (
            _("An action item is addressed to %(party)s.")
            % {"party": item.addressed_to.legal_name}
        ),
        to=reverse("portal:walk", args=[observation.walk_id]),
        refused=REFUSED,
    )


@login_required
def observation_photo(request, pk):
    observation = get_object_or_404(
        selectors.observations_visible_to(request.user), pk=pk
    )
    if not observation.photo:
        raise Http404
    try:
        handle = observation.photo.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    return response


def _point_from(query) -> tuple[float, float] | None:
    """Latitude and longitude from ?lat=&lon=, or None when either is missing
    or off the earth."""
    try:
        lat, lon = float(query["lat"]), float(query["lon"])
    except (KeyError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def _bad_point() -> JsonResponse:
    return JsonResponse(
        {"error": _("Give a latitude and a longitude in degrees.")}, status=400
    )


@login_required
def walk_owner(request, pk):
    """The land owner suggested for a point on the walk (the owner of the
    nearest registered property), for the observation form's script."""
    walk = get_object_or_404(selectors.walks_visible_to(request.user), pk=pk)
    if not selectors.walk_participant(request.user, walk):
        return JsonResponse(
            {"error": _("Only the walk's parties record observations.")}, status=403
        )
    point = _point_from(request.GET)
    if point is None:
        return _bad_point()
    found = selectors.owner_near(walk.area, lat=point[0], lon=point[1])
    if found is None:
        return JsonResponse({"owner": None})
    return JsonResponse(
        {
            "owner": found.owner.pk,
            "name": found.owner.legal_name,
            "property": found.property.designation,
            "address": found.property.street_address,
            "metres": round(found.metres),
            "message": _("Suggested: %(owner)s, owner of %(property)s")
            % {"owner": found.owner.legal_name, "property": found.property},
        }
    )


def _require_party(user) -> None:
    if not selectors.is_party(user):
        raise PermissionDenied(_("Only the parties of an area report on it."))


@login_required
def quick_report_area(request):
    """The area of the person's that holds the phone's position, if any."""
    if not selectors.is_party(request.user):
        return JsonResponse(
            {"error": _("Only the parties of an area report on it.")}, status=403
        )
    point = _point_from(request.GET)
    if point is None:
        return _bad_point()
    found = selectors.area_at(
        selectors.areas_for(request.user), lat=point[0], lon=point[1]
    )
    if found is None:
        return JsonResponse({"area": None})
    return JsonResponse({"area": found.pk, "name": found.name})


@login_required
@ratelimit("observation_create")
@_json_refusals
def quick_report(request):
    _require_party(request.user)
    form = QuickReportForm(
        request.POST or None,
        request.FILES or None,
        areas=selectors.areas_for(request.user),
    )
    wants_json = request.method == "POST" and _wants_json(request)
    if request.method == "POST" and form.is_valid():
        try:
            observation = services.quick_report_add(
                by=request.user, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            elif wants_json:
                raise
            else:
                _errors(request, error)
        else:
            area = observation.walk.area
            message = _(
                "Your quick report on %(area)s is recorded; the land owner is "
                "%(owner)s."
            ) % {"area": area.name, "owner": observation.land_owner.legal_name}
            messages.success(request, message)
            if warning := _outside_warning(area, observation):
                messages.warning(request, warning)
            done = reverse("portal:quick_report")
            if wants_json:
                return _json_answer(message=message, redirect_to=done)
            return redirect(done)
    if wants_json:
        return _json_errors(form=form)
    return TemplateResponse(
        request,
        "areas/quick_report.html",
        {
            "form": form,
            "today": selectors.quick_reports_by(request.user, timezone.localdate()),
        },
    )


def _observation_points(observations) -> list[MapPoint]:
    """The observations that have a point, numbered as they are listed."""
    return [
        MapPoint(
            lon=float(o.longitude),
            lat=float(o.latitude),
            label=str(number),
            title=f"{number}. {o.get_category_display()}",
        )
        for number, o in enumerate(observations, start=1)
        if o.latitude is not None and o.longitude is not None
    ]


def _summary_map(summary) -> str:
    walk = summary.walk
    if not walk.area.boundary:
        return ""
    points = _observation_points(summary.observations)
    title = _("Map of %(area)s with the observations") % {"area": walk.area.name}
    return svg_map(
        [MapArea(name=walk.area.name, boundary=walk.area.boundary)],
        title=title,
        points=points,
        padding=48,
    )


@login_required
def walk_summary(request, pk):
    """The walk for the follow-up meeting, to read or print."""
    walk = get_object_or_404(selectors.walks_visible_to(request.user), pk=pk)
    summary = selectors.walk_summary(walk)
    return TemplateResponse(
        request,
        "areas/walk_summary.html",
        {"summary": summary, "walk": walk, "map_svg": _summary_map(summary)},
    )


@login_required
def walk_summary_pdf(request, pk):
    walk = get_object_or_404(selectors.walks_visible_to(request.user), pk=pk)
    data = walk_summary_pdf_bytes(selectors.walk_summary(walk))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="safety-walk-{walk.area.slug}-{walk.date:%Y-%m-%d}.pdf"'
    )
    response["Cache-Control"] = "private, max-age=0"
    return response


@login_required
def area_list(request):
    _require_picture(request.user)
    return TemplateResponse(
        request, "areas/area_list.html", {"rows": selectors.area_rows()}
    )


def _area(request, slug):
    area = selectors.area_visible_to(request.user, slug)
    if area is None:
        _require_picture(request.user)
        raise Http404
    return area


@login_required
def area_detail(request, slug):
    area = _area(request, slug)
    trend = selectors.area_trend(area)
    projects = list(selectors.area_projects(request.user, area))
    actions = list(selectors.area_actions(request.user, area))
    return TemplateResponse(
        request,
        "areas/area_detail.html",
        {
            "area": area,
            "latest": trend[-1] if trend else None,
            "trend": trend,
            "active_projects": [p for p in projects if p.status in ACTIVE_STATUSES],
            "completed_projects": [
                p for p in projects if p.status == Proposal.Status.COMPLETED
            ],
            "discontinued_projects": [
                p for p in projects if p.status == Proposal.Status.DISCONTINUED
            ],
            "open_actions": [a for a in actions if a.is_open],
            "closed_actions": [a for a in actions if not a.is_open],
            "floor": selectors.area_member_floor_area(area),
            "indicators": selectors.area_indicators(area),
            "today": timezone.localdate(),
        },
    )


@login_required
def area_chart(request, slug):
    area = _area(request, slug)
    trend = selectors.area_trend(area)
    if not trend:
        raise Http404
    response = HttpResponse(
        trend_chart_svg([status.picture for status in trend], {area.pk: trend}),
        content_type="image/svg+xml",
    )
    response["Cache-Control"] = "private, max-age=300"
    return response
