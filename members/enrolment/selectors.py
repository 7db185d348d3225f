"""Reads of the enrolment workflow."""

import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from wagtail.models import Locale

from members.enrolment.models import (
    Agreement,
    Enrolment,
    Membership,
    MembershipTerms,
    ReminderSent,
)
from members.organisations.models import Organisation, OrganisationMember
from members.organisations.selectors import organisations_for


def current_terms(*, locale: Locale | None = None) -> MembershipTerms | None:
    """The terms in force today, in the language asked for if translated."""
    today = timezone.localdate()
    in_force = MembershipTerms.objects.filter(effective_from__lte=today)
    locale = locale or Locale.get_active()
    return (
        in_force.filter(locale=locale).first()
        or in_force.filter(locale=Locale.get_default()).first()
    )


def active_membership(
    *, organisation: Organisation, on: datetime.date | None = None
) -> Membership | None:
    on = on or timezone.localdate()
    memberships = organisation.bid_memberships.select_related("agreement", "enrolment")
    for membership in memberships:
        if membership.is_active_on(on):
            return membership
    return None


def enrolments_for(*, user) -> QuerySet[Enrolment]:
    """Applications of the organisations this person acts for."""
    return Enrolment.objects.filter(
        organisation__in=organisations_for(user=user)
    ).select_related("organisation")


def enrolments_in_review() -> QuerySet[Enrolment]:
    return Enrolment.objects.exclude(status=Enrolment.Status.DRAFT).select_related(
        "organisation", "applicant"
    )


def enrolments_to_decide_count() -> int:
    """Applications sent to the board and waiting for its decision."""
    return Enrolment.objects.filter(status=Enrolment.Status.SUBMITTED).count()


def agreements_running(*, today: datetime.date | None = None) -> QuerySet[Agreement]:
    """Agreements of current memberships, not yet ended."""
    today = today or timezone.localdate()
    return (
        Agreement.objects.select_related("membership__organisation")
        .filter(membership__starts_on__lte=today)
        .exclude(membership__ends_on__lte=today)
    )


def agreement_dates_within(
    *, agreement: Agreement, start: datetime.date, end: datetime.date
) -> list[tuple[str, datetime.date]]:
    """The renewal and notice dates of an agreement not cancelled that fall
    between start and end, both included, as (reminder kind, date)."""
    if agreement.cancelled_on is not None:
        return []
    return [
        (kind, date)
        for kind, date in (
            (ReminderSent.Kind.RENEWAL, agreement.renewal_date),
            (ReminderSent.Kind.NOTICE, agreement.notice_date),
        )
        if start <= date <= end
    ]


def members_listed_publicly(*, type: str | None = None) -> QuerySet[Organisation]:
    """Member organisations that chose to appear in the public directory."""
    today = timezone.localdate()
    queryset = Organisation.objects.filter(
        listed_publicly=True,
        bid_memberships__starts_on__lte=today,
    ).exclude(bid_memberships__ends_on__lte=today)
    if type:
        queryset = queryset.filter(type=type)
    return queryset.distinct().order_by("legal_name")


def active_members(*, on: datetime.date | None = None) -> QuerySet[Organisation]:
    """Organisations whose membership is running on the day."""
    on = on or timezone.localdate()
    running = Membership.objects.filter(starts_on__lte=on).exclude(ends_on__lte=on)
    return Organisation.objects.filter(pk__in=running.values("organisation_id"))


def memberships_of(
    user_ids,
) -> dict[int, tuple[frozenset[int], frozenset[int]]]:
    """For each person, the organisations they act for and those of them that
    are members today, in one query; registered with `bid.access`."""
    member_today = Exists(active_members().filter(pk=OuterRef("organisation_id")))
    rows = (
        OrganisationMember.objects.filter(user_id__in=user_ids)
        .annotate(member_today=member_today)
        .values_list("user_id", "organisation_id", "member_today")
    )
    found: dict[int, tuple[set[int], set[int]]] = {}
    for user_id, organisation_id, member in rows:
        acts_for, members = found.setdefault(user_id, (set(), set()))
        acts_for.add(organisation_id)
        if member:
            members.add(organisation_id)
    return {
        user_id: (frozenset(acts_for), frozenset(members))
        for user_id, (acts_for, members) in found.items()
    }
