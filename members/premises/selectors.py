"""Reads of the premises register: what the public sees, what an owner may
edit, the vacancy shares, and the search requests with their matches."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet, Sum

from members.areas.models import Area
from members.organisations.models import Organisation, OrganisationMember
from members.premises.models import Premises, PremisesRequest, Use

Status = Premises.Status
HUNDRED = Decimal(100)


def admin_organisations(*, user) -> QuerySet[Organisation]:
    """The organisations this person administers."""
    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        members__user=user, members__role=OrganisationMember.Role.ADMIN
    )


def premises_editable_by(*, user) -> QuerySet[Premises]:
    """Premises of properties owned by an organisation this person administers."""
    return Premises.objects.filter(
        property__owner__in=admin_organisations(user=user)
    ).select_related("property", "property__owner", "property__area")


@dataclass(frozen=True)
class PremisesRow:
    """Premises as the organisation's page lists them."""

    pk: int
    name: str
    designation: str
    use: str
    floor_area_m2: int
    street_level: bool
    status: str
    vacant_since: object

    def get_use_display(self) -> str:
        return Use(self.use).label

    def get_status_display(self) -> str:
        return Status(self.status).label


def premises_rows_of(*, organisation: Organisation) -> tuple[list, list]:
    """The organisation's properties (pk, designation) and their premises, in
    one query (the page's own queries fill the rest of its budget)."""
    properties, premises = {}, []
    rows = organisation.properties.order_by("designation", "premises__name").values(
        "pk",
        "designation",
        "premises__pk",
        "premises__name",
        "premises__use",
        "premises__floor_area_m2",
        "premises__street_level",
        "premises__status",
        "premises__vacant_since",
    )
    for row in rows:
        properties.setdefault(row["pk"], row["designation"])
        if row["premises__pk"] is not None:
            premises.append(
                PremisesRow(
                    pk=row["premises__pk"],
                    name=row["premises__name"],
                    designation=row["designation"],
                    use=row["premises__use"],
                    floor_area_m2=row["premises__floor_area_m2"],
                    street_level=row["premises__street_level"],
                    status=row["premises__status"],
                    vacant_since=row["premises__vacant_since"],
                )
            )
    return [
        {"pk": pk, "designation": name} for pk, name in properties.items()
    ], premises


def vacant_premises(
    *,
    area_id: int | None = None,
    use: str = "",
    min_m2: int | None = None,
    max_m2: int | None = None,
) -> QuerySet[Premises]:
    """The vacant premises the public sees, with the filters of the public page."""
    found = Premises.objects.filter(status=Status.VACANT).select_related(
        "property", "property__area"
    )
    if area_id:
        found = found.filter(property__area_id=area_id)
    if use:
        found = found.filter(use=use)
    if min_m2 is not None:
        found = found.filter(floor_area_m2__gte=min_m2)
    if max_m2 is not None:
        found = found.filter(floor_area_m2__lte=max_m2)
    return found.order_by("-street_level", "vacant_since", "name", "pk")


def _share(vacant: int, total: int) -> Decimal | None:
    if not total:
        return None
    return (Decimal(vacant) * HUNDRED / Decimal(total)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def vacancy_share(*, area_id: int | None = None) -> Decimal | None:
    """The share (per cent, two decimals) of street-level floor area that is
    vacant, in the district or one area; None when there is none."""
    rows = Premises.objects.filter(street_level=True)
    if area_id is not None:
        rows = rows.filter(property__area_id=area_id)
    totals = rows.aggregate(
        total=Sum("floor_area_m2"),
        vacant=Sum("floor_area_m2", filter=Q(status=Status.VACANT)),
    )
    return _share(totals["vacant"] or 0, totals["total"] or 0)


@dataclass(frozen=True)
class AreaVacancy:
    area: Area
    street_level_m2: int
    vacant_m2: int
    share: Decimal | None


def _figures() -> dict:
    """Street-level floor area and the vacant part of it, by area id (None:
    properties outside every area); one query."""
    return {
        row["property__area"]: (row["total"] or 0, row["vacant"] or 0)
        for row in Premises.objects.filter(street_level=True)
        .values("property__area")
        .annotate(
            total=Sum("floor_area_m2"),
            vacant=Sum("floor_area_m2", filter=Q(status=Status.VACANT)),
        )
        .order_by()
    }


@dataclass(frozen=True)
class Vacancy:
    """The district's share and each area's (areas with street-level premises
    first in their order, the others with no share)."""

    share: Decimal | None
    areas: list[AreaVacancy]


def vacancy() -> Vacancy:
    """The district's and each area's vacancy, in two queries."""
    figures = _figures()
    total = sum(t for t, _v in figures.values())
    vacant = sum(v for _t, v in figures.values())
    return Vacancy(_share(vacant, total), vacancy_by_area(figures=figures))


def vacancy_by_area(*, figures: dict | None = None) -> list[AreaVacancy]:
    """Each area's street-level floor area, how much of it is vacant, and the
    share; one query for the figures, one for the areas."""
    figures = _figures() if figures is None else figures
    result = []
    for area in Area.objects.only("pk", "name", "slug", "boundary"):
        total, vacant = figures.get(area.pk, (0, 0))
        result.append(AreaVacancy(area, total, vacant, _share(vacant, total)))
    return result


def requests_of(*, user) -> QuerySet[PremisesRequest]:
    """The search requests of the organisations this person acts for, or made
    by them."""
    if user is None or not user.is_authenticated:
        return PremisesRequest.objects.none()
    return (
        PremisesRequest.objects.filter(
            Q(organisation__members__user=user) | Q(created_by=user)
        )
        .distinct()
        .select_related("organisation")
        .prefetch_related("areas", "matches__premises__property")
    )


def open_requests() -> QuerySet[PremisesRequest]:
    return PremisesRequest.objects.filter(closed_at__isnull=True)


def matching_requests(*, premises: Premises) -> QuerySet[PremisesRequest]:
    """Open requests a vacant premises fits: same use, size within the range,
    in one of the wanted areas (or anywhere), street level if wanted."""
    found = open_requests().filter(use=premises.use, min_m2__lte=premises.floor_area_m2)
    found = found.filter(Q(max_m2__isnull=True) | Q(max_m2__gte=premises.floor_area_m2))
    if not premises.street_level:
        found = found.filter(street_level=False)
    area_id = premises.property.area_id
    found = found.filter(Q(areas__isnull=True) | Q(areas=area_id))
    return found.distinct()


def matching_premises(*, request: PremisesRequest) -> QuerySet[Premises]:
    """Vacant premises that fit a search request."""
    found = Premises.objects.filter(
        status=Status.VACANT, use=request.use, floor_area_m2__gte=request.min_m2
    )
    if request.max_m2 is not None:
        found = found.filter(floor_area_m2__lte=request.max_m2)
    if request.street_level:
        found = found.filter(street_level=True)
    area_ids = [area.pk for area in request.areas.all()]
    if area_ids:
        found = found.filter(property__area_id__in=area_ids)
    return found.select_related("property", "property__owner")


def requests_and_matches() -> QuerySet[PremisesRequest]:
    """Every search request, newest first, with its matches (the secretariat)."""
    return PremisesRequest.objects.select_related("organisation").prefetch_related(
        "areas", "matches__premises__property__owner"
    )
