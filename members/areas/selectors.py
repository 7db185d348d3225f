"""Who sees what of the operational work: a party sees its areas, the action
items addressed to it and those of its areas; the board and the secretariat
see everything. Every read goes through these."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from members.areas.models import ActionItem, Area, SafetyWalk, WeekPicture
from members.organisations.models import Organisation, Property
from members.organisations.selectors import organisations_for


def is_manager(user) -> bool:
    """Board, secretariat and administrators: address actions, see all."""
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("areas.manage_actions")
    )


def may_consolidate(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("areas.consolidate_week")
    )


def parties_of(user) -> QuerySet[Organisation]:
    """The organisations this person acts for that are parties of an area."""
    return organisations_for(user=user).filter(areas__isnull=False).distinct()


def may_see_picture(user) -> bool:
    from members.proposals.selectors import is_member

    return is_manager(user) or is_member(user) or parties_of(user).exists()


def areas_for(user) -> QuerySet[Area]:
    """The areas this person reports on (all, for the board)."""
    if is_manager(user):
        return Area.objects.all()
    return Area.objects.filter(parties__in=organisations_for(user=user)).distinct()


def actions_visible_to(user) -> QuerySet[ActionItem]:
    queryset = ActionItem.objects.select_related("area", "addressed_to")
    if is_manager(user):
        return queryset
    own = organisations_for(user=user)
    return queryset.filter(
        Q(addressed_to__in=own) | Q(area__parties__in=own)
    ).distinct()


def actions_updatable_by(user) -> QuerySet[ActionItem]:
    """Items whose status this person may change: addressed to them."""
    queryset = ActionItem.objects.all()
    if is_manager(user):
        return queryset
    return queryset.filter(addressed_to__in=organisations_for(user=user))


def overdue(queryset, on: datetime.date | None = None):
    return queryset.filter(
        status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS],
        due_date__lt=on or timezone.localdate(),
    )


def walks_visible_to(user) -> QuerySet[SafetyWalk]:
    queryset = SafetyWalk.objects.select_related("area")
    if is_manager(user):
        return queryset
    own = organisations_for(user=user)
    return queryset.filter(Q(parties__in=own) | Q(area__parties__in=own)).distinct()


def walk_participant(user, walk: SafetyWalk) -> bool:
    return (
        is_manager(user)
        or walk.parties.filter(pk__in=organisations_for(user=user)).exists()
    )


def land_owners(area: Area) -> QuerySet[Organisation]:
    """Who may own the land of an observation: the current owners of the
    registered properties in the area, and the municipality."""
    owners = Property.objects.filter(area__iexact=area.name).values("owner")
    return Organisation.objects.filter(
        Q(pk__in=owners) | Q(type=Organisation.Type.MUNICIPALITY)
    ).order_by("legal_name")


def latest_picture() -> WeekPicture | None:
    return WeekPicture.objects.order_by("-year", "-week").first()


def previous_open_observations(walk: SafetyWalk):
    """The open observations of the area's previous walk, to re-check."""
    from members.areas.models import Observation

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
