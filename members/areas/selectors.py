"""Who sees what of the operational work: a party sees its areas, the action
items addressed to it and those of its areas; the board and the secretariat
see everything. Every read goes through these, the area pages' too (an area's
picture, projects, action items, members' floor area and indicators)."""

import datetime
import math
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone, translation

from bid import languages
from bid.access import is_member, may
from members.areas.geo import (
    METRES_PER_DEGREE_LAT,
    METRES_PER_DEGREE_LON,
    boundary_contains,
    metres_between,
)
from members.areas.models import (
    ActionItem,
    ActionUpdate,
    Area,
    AreaStatus,
    Observation,
    SafetyWalk,
    WeeklyReport,
    WeekPicture,
    iso_week_of,
)
from members.enrolment.selectors import active_members
from members.organisations.models import Organisation, Property
from members.organisations.selectors import organisations_for
from members.proposals.models import ACTIVE_STATUSES, CLOSED_STATUSES, Proposal
from members.proposals.selectors import proposals_visible_to


def parties_of(user) -> QuerySet[Organisation]:
    """The organisations this person acts for that are parties of an area."""
    return organisations_for(user=user).filter(areas__isnull=False).distinct()


def is_party(user) -> bool:
    """Whether this person acts for a party of an area; asked once per user
    object (one request), like `bid.access` asks for memberships."""
    cached = user.__dict__.get("_areas_is_party")
    if cached is None:
        cached = parties_of(user).exists()
        user.__dict__["_areas_is_party"] = cached
    return cached


def may_see_picture(user) -> bool:
    return may(user, "manage_actions") or is_member(user) or is_party(user)


def areas_for(user) -> QuerySet[Area]:
    """The areas this person reports on: those its organisations are parties of."""
    return Area.objects.filter(parties__in=organisations_for(user=user)).distinct()


def weekly_report(
    *, organisations, organisation_id: int, area_id: int, year: int, week: int
) -> WeeklyReport | None:
    """The report one of these organisations gave for an area and week."""
    return WeeklyReport.objects.filter(
        organisation__in=organisations,
        organisation_id=organisation_id,
        area_id=area_id,
        year=year,
        week=week,
    ).first()


def weekly_reports(*, organisations, year: int, week: int) -> QuerySet[WeeklyReport]:
    """The reports these organisations gave for a week."""
    return WeeklyReport.objects.filter(
        organisation__in=organisations, year=year, week=week
    ).select_related("area", "organisation")


def actions_visible_to(user) -> QuerySet[ActionItem]:
    queryset = ActionItem.objects.select_related("area", "addressed_to")
    if may(user, "manage_actions"):
        return queryset
    own = organisations_for(user=user)
    return queryset.filter(
        Q(addressed_to__in=own) | Q(area__parties__in=own)
    ).distinct()


def actions_updatable_by(user) -> QuerySet[ActionItem]:
    """Items whose status this person may change: addressed to them."""
    queryset = ActionItem.objects.all()
    if may(user, "manage_actions"):
        return queryset
    return queryset.filter(addressed_to__in=organisations_for(user=user))


def actions_with_status(queryset, status: str) -> QuerySet[ActionItem]:
    """The items of a status; "open" means open or in progress, and an
    unknown status filters nothing."""
    if status == "open":
        return queryset.filter(
            status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS]
        )
    if status in ActionItem.Status.values:
        return queryset.filter(status=status)
    return queryset


def action_updates(item: ActionItem) -> QuerySet[ActionUpdate]:
    return item.updates.select_related("by")


def action_observation(item: ActionItem) -> Observation | None:
    """The observation of a safety walk this item was made from, if any."""
    return Observation.objects.filter(action_item=item).first()


def overdue(queryset, on: datetime.date | None = None):
    return queryset.filter(
        status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS],
        due_date__lt=on or timezone.localdate(),
    )


def overdue_actions_count(*, on: datetime.date | None = None) -> int:
    """Open action items, of every party, past their due date."""
    return overdue(ActionItem.objects.all(), on=on).count()


@dataclass(frozen=True)
class WeekToConsolidate:
    year: int
    week: int
    not_reported: list[str]  # the parties without a report for each of their areas


def week_to_consolidate(
    *, today: datetime.date | None = None
) -> WeekToConsolidate | None:
    """Last week while it is not consolidated, then this week; None once both
    are, or when no area has parties. One query: each party, whether it has
    reported on all its areas in either week, and whether the weeks are
    consolidated."""
    today = today or timezone.localdate()
    weeks = [iso_week_of(today - datetime.timedelta(weeks=1)), iso_week_of(today)]
    membership = Area.parties.through.objects.filter(organisation=OuterRef("pk"))
    flags = {}
    for index, (year, week) in enumerate(weeks):
        reported = WeeklyReport.objects.filter(
            organisation=OuterRef("organisation"),
            area=OuterRef("area"),
            year=year,
            week=week,
        )
        flags[f"missing_{index}"] = Exists(membership.filter(~Exists(reported)))
        flags[f"consolidated_{index}"] = Exists(
            WeekPicture.objects.filter(year=year, week=week)
        )
    parties = list(
        Organisation.objects.filter(Exists(membership))
        .annotate(**flags)
        .order_by("legal_name")
        .values("legal_name", *flags)
    )
    if not parties:
        return None
    for index, (year, week) in enumerate(weeks):
        if not parties[0][f"consolidated_{index}"]:
            return WeekToConsolidate(
                year=year,
                week=week,
                not_reported=[
                    party["legal_name"]
                    for party in parties
                    if party[f"missing_{index}"]
                ],
            )
    return None


def walks_visible_to(user) -> QuerySet[SafetyWalk]:
    queryset = SafetyWalk.objects.select_related("area")
    if may(user, "manage_actions"):
        return queryset
    own = organisations_for(user=user)
    return queryset.filter(Q(parties__in=own) | Q(area__parties__in=own)).distinct()


def observations_visible_to(user) -> QuerySet[Observation]:
    return Observation.objects.filter(walk__in=walks_visible_to(user))


def walk_observations(walk: SafetyWalk) -> QuerySet[Observation]:
    return walk.observations.select_related("land_owner", "action_item")


def walk_participant(user, walk: SafetyWalk) -> bool:
    return (
        may(user, "manage_actions")
        or walk.parties.filter(pk__in=organisations_for(user=user)).exists()
    )


def land_owners(area: Area) -> QuerySet[Organisation]:
    """Who may own the land of an observation: the current owners of the
    registered properties in the area, and the municipality."""
    owners = Property.objects.filter(area=area).values("owner")
    return Organisation.objects.filter(
        Q(pk__in=owners) | Q(type=Organisation.Type.MUNICIPALITY)
    ).order_by("legal_name")


@dataclass(frozen=True)
class OwnerSuggestion:
    owner: Organisation
    property: Property
    metres: float


# How far from an observation's point a registered property may be for its
# owner to be suggested: a building's position is its middle or its door.
OWNER_SUGGESTION_METRES = 100


def owner_near(
    area: Area, *, lat: float, lon: float, within: float = OWNER_SUGGESTION_METRES
) -> OwnerSuggestion | None:
    """The owner of the registered property nearest the point, within
    `within` metres, among the area's land owners (`land_owners`); None when
    no property with a position is that near."""
    # A box around the point first, so only the neighbourhood is compared.
    margin_lat = within / METRES_PER_DEGREE_LAT
    margin_lon = within / (
        METRES_PER_DEGREE_LON * max(math.cos(math.radians(lat)), 0.01)
    )
    candidates = Property.objects.filter(
        owner__in=land_owners(area),
        latitude__range=(lat - margin_lat, lat + margin_lat),
        longitude__range=(lon - margin_lon, lon + margin_lon),
    ).select_related("owner")
    best = None
    for prop in candidates:
        metres = metres_between(lat, lon, float(prop.latitude), float(prop.longitude))
        if metres <= within and (best is None or metres < best.metres):
            best = OwnerSuggestion(owner=prop.owner, property=prop, metres=metres)
    return best


def area_at(areas: QuerySet[Area], *, lat: float, lon: float) -> Area | None:
    """The first of these areas (in their order) whose boundary holds the point."""
    for area in areas:
        if boundary_contains(area.boundary, lon, lat):
            return area
    return None


def quick_report_walk(area: Area, day: datetime.date) -> SafetyWalk | None:
    return SafetyWalk.objects.filter(
        area=area, date=day, kind=SafetyWalk.Kind.QUICK
    ).first()


def walk_action_items(walk: SafetyWalk) -> QuerySet[ActionItem]:
    """The action items made from the walk's observations."""
    return ActionItem.objects.filter(observation__walk=walk).select_related(
        "addressed_to", "observation"
    )


def quick_reports_by(user, day: datetime.date) -> QuerySet[Observation]:
    """The quick reports this person made on a day, newest first."""
    return (
        Observation.objects.filter(
            recorded_by=user, walk__kind=SafetyWalk.Kind.QUICK, walk__date=day
        )
        .select_related("walk__area", "land_owner")
        .order_by("-pk")
    )


@dataclass(frozen=True)
class WalkSummary:
    """What the follow-up meeting reads of a walk."""

    walk: SafetyWalk
    parties: list[Organisation]
    observations: list[Observation]
    land_owners: list[Organisation]
    action_items: list[ActionItem]
    statuses: list[tuple[str, int]]  # each observation status's label and count


def walk_summary(walk: SafetyWalk) -> WalkSummary:
    observations = list(walk_observations(walk).select_related("action_item"))
    owners = {o.land_owner_id: o.land_owner for o in observations}
    counts: dict[str, int] = {}
    for observation in observations:
        counts[observation.status] = counts.get(observation.status, 0) + 1
    return WalkSummary(
        walk=walk,
        parties=list(walk.parties.order_by("legal_name")),
        observations=observations,
        land_owners=sorted(owners.values(), key=lambda o: o.legal_name),
        action_items=list(walk_action_items(walk).order_by("due_date", "pk")),
        statuses=[
            (label, counts[value])
            for value, label in Observation.Status.choices
            if counts.get(value)
        ],
    )


def week_picture(*, year: int, week: int) -> WeekPicture | None:
    return WeekPicture.objects.filter(year=year, week=week).first()


def picture_neighbours(
    picture: WeekPicture,
) -> tuple[WeekPicture | None, WeekPicture | None]:
    """The consolidated weeks just before and just after this one."""
    backward = WeekPicture.objects.order_by("-year", "-week")
    forward = WeekPicture.objects.order_by("year", "week")
    older = backward.filter(
        Q(year=picture.year, week__lt=picture.week) | Q(year__lt=picture.year)
    ).first()
    newer = forward.filter(
        Q(year=picture.year, week__gt=picture.week) | Q(year__gt=picture.year)
    ).first()
    return older, newer


def picture_statuses(picture: WeekPicture) -> list[AreaStatus]:
    return list(picture.statuses.select_related("area"))


def previous_open_observations(walk: SafetyWalk):
    """The open observations of the area's previous walk, to re-check."""
    previous = (
        SafetyWalk.objects.filter(area=walk.area, date__lt=walk.date)
        .order_by("-date", "-pk")
        .first()
    )
    if previous is None:
        return previous, Observation.objects.none()
    return previous, previous.observations.exclude(
        status=Observation.Status.RESOLVED
    ).select_related("land_owner", "action_item")


def missing_reporters(*, year: int, week: int) -> dict[int, list[Organisation]]:
    """Per area id: its parties that have not reported on it for the week."""
    reported = WeeklyReport.objects.filter(
        year=year,
        week=week,
        area=OuterRef("area_id"),
        organisation=OuterRef("organisation_id"),
    )
    parties = (
        Area.parties.through.objects.filter(~Exists(reported))
        .select_related("organisation")
        .order_by("organisation__legal_name")
    )
    missing: dict[int, list[Organisation]] = {}
    for party in parties:
        missing.setdefault(party.area_id, []).append(party.organisation)
    return missing


# The area page


@dataclass(frozen=True)
class MemberFloorArea:
    """The floor area of the member organisations' properties in an area."""

    floor_area_m2: int
    properties: int
    members: int


def _member_properties():
    """The properties of the area in the outer query owned by organisations
    that are members today."""
    return (
        Property.objects.filter(area=OuterRef("pk"), owner__in=active_members())
        .order_by()
        .values("area")
    )


def _with_member_floor_area(areas: QuerySet[Area]) -> QuerySet[Area]:
    """The areas, each with its members' floor area, how many properties it
    is and how many members own them, in the same query."""
    properties = _member_properties()
    return areas.annotate(
        member_floor_area_m2=Coalesce(
            Subquery(
                properties.annotate(total=Sum("gross_floor_area_m2")).values("total")
            ),
            0,
        ),
        member_properties=Coalesce(
            Subquery(properties.annotate(total=Count("pk")).values("total")), 0
        ),
        members_owning=Coalesce(
            Subquery(
                properties.annotate(total=Count("owner", distinct=True)).values("total")
            ),
            0,
        ),
    )


def area_visible_to(user, slug: str) -> Area | None:
    """An area, for whoever sees the situational picture (`may_see_picture`),
    with its members' floor area (`area_member_floor_area`)."""
    if not may_see_picture(user):
        return None
    return _with_member_floor_area(Area.objects.filter(slug=slug)).first()


def area_member_floor_area(area: Area) -> MemberFloorArea:
    """The properties in the area owned by organisations that are members
    today: their gross floor area, how many, and how many members own them
    (read from the area when `area_visible_to` fetched it)."""
    if not hasattr(area, "member_floor_area_m2"):
        area = _with_member_floor_area(Area.objects.filter(pk=area.pk)).get()
    return MemberFloorArea(
        floor_area_m2=area.member_floor_area_m2,
        properties=area.member_properties,
        members=area.members_owning,
    )


@dataclass(frozen=True)
class AreaRow:
    """An area in the list of areas, with its latest agreed status."""

    area: Area
    status: AreaStatus | None
    member_floor_area_m2: int


def area_rows() -> list[AreaRow]:
    """Every area with its status in the latest consolidated week and its
    members' floor area, in three queries."""
    latest = WeekPicture.objects.order_by("-year", "-week").first()
    statuses = (
        {status.area_id: status for status in latest.statuses.all()} if latest else {}
    )
    return [
        AreaRow(
            area=area,
            status=statuses.get(area.pk),
            member_floor_area_m2=area.member_floor_area_m2,
        )
        for area in _with_member_floor_area(Area.objects.all())
    ]


def area_trend(area: Area, weeks: int = 12) -> list[AreaStatus]:
    """The area's agreed status in the last `weeks` consolidated weeks that
    include it, oldest first, each with its week (`picture`); one query."""
    return list(
        AreaStatus.objects.filter(area=area)
        .select_related("picture")
        .order_by("-picture__year", "-picture__week")[:weeks]
    )[::-1]


# The projects an area page lists: accepted ones, under way or over.
PROJECT_STATUSES = [*ACTIVE_STATUSES, *CLOSED_STATUSES]


def area_projects(user, area: Area) -> QuerySet[Proposal]:
    """The projects in the area that this person may see (the public ones,
    and what the proposals' own rule shows them), newest decision first."""
    return (
        proposals_visible_to(user=user)
        .filter(areas=area, status__in=PROJECT_STATUSES)
        .prefetch_related(None)
        .order_by("-decided_at", "-pk")
    )


# How long a closed action item stays on its area's page.
RECENT_ACTIONS_DAYS = 90


def area_actions(
    user, area: Area, *, today: datetime.date | None = None
) -> QuerySet[ActionItem]:
    """The area's action items this person may see: the open ones, and those
    closed in the last `RECENT_ACTIONS_DAYS` days."""
    since = (today or timezone.localdate()) - datetime.timedelta(
        days=RECENT_ACTIONS_DAYS
    )
    return (
        actions_visible_to(user)
        .filter(area=area)
        .filter(
            Q(status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS])
            | Q(updated_at__date__gte=since)
        )
        .order_by("due_date", "pk")
    )


def area_indicators(area: Area) -> list:
    """The plan's indicators measured in the area, of live priorities, each
    with its measurements and, read in another language than the plan's own,
    its names in every language (`localized_name`); two or three queries.
    The plan sits above the member apps, so its models are reached through
    the area's relation to them."""
    indicators = Area._meta.get_field("indicators").related_model
    measurements = indicators._meta.get_field("measurements").related_model
    related = [
        Prefetch("measurements", queryset=measurements.objects.order_by("measured_on"))
    ]
    language = (translation.get_language() or languages.default()).split("-")[0]
    if language != languages.default():
        texts = indicators._meta.get_field("texts").related_model
        related.append(
            Prefetch("texts", queryset=texts.objects.select_related("locale"))
        )
    return list(
        area.indicators.filter(priority__live=True)
        .select_related("priority")
        .prefetch_related(*related)
        .order_by("priority__path", "-is_headline", "sort_order", "pk")
    )
