"""The public page of vacant premises ("Lediga lokaler"): filters by area, use
and size, a server-drawn map, and each area's share of vacant street-level
floor area. A private asking rent is never shown here."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from bid.forms import add_errors
from bid.money import format_number
from bid.pages import SectionPage
from bid.params import id_or_none
from bid.ratelimit import over_limit
from members.areas.geo import MapArea, MapPoint, svg_map
from members.premises import services
from members.premises.forms import PublicRequestForm
from members.premises.models import Use
from members.premises.selectors import vacancy, vacant_premises

MAX_M2 = 1_000_000


def _size(value) -> int | None:
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 7:
        return None
    return min(int(text), MAX_M2)


def _map(premises: list, areas: list) -> str:
    points = [
        MapPoint(
            lon=float(item.property.longitude),
            lat=float(item.property.latitude),
            label=str(number),
            title=f"{number}. {item.name}",
        )
        for number, item in enumerate(premises, start=1)
        if item.property.latitude is not None and item.property.longitude is not None
    ]
    mapped = [
        MapArea(
            name=row.area.name,
            boundary=row.area.boundary,
            label=_("%(share)s %% vacant") % {"share": format_number(row.share)}
            if row.share is not None
            else "",
        )
        for row in areas
        if row.area.boundary
    ]
    if not mapped:
        return ""
    return svg_map(
        mapped, title=_("Map of the vacant premises"), points=points, padding=48
    )


class PremisesIndexPage(RoutablePageMixin, SectionPage):
    # Premises, their properties and areas (bid/cache.py): the anonymous
    # response is kept and purged when any of them changes. It never holds a
    # private asking rent (the template shows `shown_rent` only).
    cache_tags = ("premises", "organisations.property", "areas.area")

    class Meta:
        verbose_name = _lazy("premises available")

    @path("request/")
    def request_route(self, request):
        """A business outside the register leaves its search request: the
        owners of vacancies that fit are told, as for a member's. Not cached
        (the form holds this visitor's CSRF token)."""
        if request.method == "POST":
            refused = over_limit(request, "premises_request")
            if refused is not None:
                return refused
        form = PublicRequestForm(request.POST or None)
        if form.is_bound and form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("consent")
            try:
                services.request_create(by=None, areas=data.pop("areas"), **data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Your search request is saved. The owners of premises "
                        "that fit it are told and will contact you."
                    ),
                )
                return redirect(self.url)
        return self.render(
            request,
            template="premises/public_request.html",
            context_overrides={"form": form},
        )

    @path("")
    def index_route(self, request):
        area_id = id_or_none(request.GET.get("area"))
        use = request.GET.get("use", "")
        if use not in Use.values:
            use = ""
        min_m2 = _size(request.GET.get("min"))
        max_m2 = _size(request.GET.get("max"))
        premises = list(
            vacant_premises(area_id=area_id, use=use, min_m2=min_m2, max_m2=max_m2)
        )
        figures = vacancy()
        areas = [row.area for row in figures.areas]
        return self.render(
            request,
            context_overrides={
                "premises": premises,
                "areas": areas,
                "uses": Use.choices,
                "chosen_area": area_id,
                "chosen_use": use,
                "min_m2": min_m2,
                "max_m2": max_m2,
                "by_area": [row for row in figures.areas if row.street_level_m2],
                "district_share": figures.share,
                "map_svg": _map(premises, figures.areas),
            },
        )
