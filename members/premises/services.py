"""Writes of the premises register: owners keep their premises current, a
business leaves a search request, matching vacancies are found and their
owners told once, and the vacancy indicators get today's measurement.

Owners are the administrators of the organisation that owns the property.
Whenever premises change, the plan's vacancy indicators are measured again
once the transaction commits.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bid import events
from bid.access import ASK_ADMIN, Refusal, require_permission
from bid.emails import absolute_url, send_email_on_commit
from members.organisations.models import OrganisationMember, Property
from members.organisations.selectors import is_admin_of
from members.premises import notices
from members.premises.models import Match, Premises, PremisesRequest, VacancyIndicator
from members.premises.selectors import (
    matching_premises,
    matching_requests,
    requests_of,
    vacancy_share,
)

PREMISES_FIELDS = (
    "name",
    "use",
    "floor_area_m2",
    "street_level",
    "status",
    "vacant_since",
    "rent_band",
    "rent_public",
    "contact_name",
    "contact_email",
    "contact_phone",
    "description",
)
REQUEST_FIELDS = ("use", "min_m2", "max_m2", "street_level", "note")
# The key of the PostgreSQL advisory lock that queues matching (any constant
# no other code uses).
MATCHING_LOCK = 7_301_001


def require_owner(*, user, prop: Property) -> None:
    if user is not None and not is_admin_of(user=user, organisation=prop.owner):
        raise Refusal(
            _("Only the property owner's administrators may do this."),
            advice=ASK_ADMIN,
        )


def premises_create(*, prop: Property, by, **fields) -> Premises:
    require_owner(user=by, prop=prop)
    with transaction.atomic():
        premises = Premises(property=prop, **fields)
        premises.full_clean()
        premises.save()
        _changed(premises)
    return premises


def premises_update(*, premises: Premises, by, **fields) -> Premises:
    require_owner(user=by, prop=premises.property)
    for name in fields:
        if name not in PREMISES_FIELDS:
            raise TypeError(name)
    with transaction.atomic():
        # The given fields go onto the row as it is now, so a change made
        # meanwhile by someone else to other fields is kept.
        locked = Premises.objects.select_for_update().get(pk=premises.pk)
        was_vacant = locked.status == Premises.Status.VACANT
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        _changed(locked, became_vacant=not was_vacant)
    for name in (*PREMISES_FIELDS, "updated_at"):
        setattr(premises, name, getattr(locked, name))
    return premises


def premises_set_status(
    *, premises: Premises, by, status: str, since: datetime.date | None = None
) -> Premises:
    """Mark premises let, vacant (since `since`, today unless given) or reserved."""
    since = since or timezone.localdate()
    return premises_update(
        premises=premises,
        by=by,
        status=status,
        vacant_since=since if status == Premises.Status.VACANT else None,
    )


def _matching_lock() -> None:
    """Queue the matching of requests and vacancies until the transaction
    ends. A new request and a premises becoming vacant each look only at what
    the other has committed, so at the same moment both would miss each
    other; one at a time, the later one sees the earlier. The lock is on the
    matching rather than on a row, as the row that would meet a request may
    not exist yet (premises added vacant). SQLite runs one writer at a time
    already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [MATCHING_LOCK])


def _changed(premises: Premises, *, became_vacant: bool = True) -> None:
    if premises.status == Premises.Status.VACANT and became_vacant:
        _matching_lock()
        for request in matching_requests(premises=premises):
            _match(request=request, premises=premises)
    transaction.on_commit(vacancy_record)


# Search requests and matching


def request_create(*, by, organisation=None, areas=(), **fields) -> PremisesRequest:
    """Record a business's search request and tell the owners of the vacancies
    that fit it. `organisation` must be one the person acts for; without one,
    `name` and `email` say who is looking."""
    if organisation is not None and not (
        by is not None
        and OrganisationMember.objects.filter(
            organisation=organisation, user=by
        ).exists()
    ):
        raise Refusal(_("You may only ask for premises for your own organisation."))
    with transaction.atomic():
        request = PremisesRequest(
            organisation=organisation,
            created_by=by if by is not None and by.is_authenticated else None,
            **fields,
        )
        request.full_clean()
        request.save()
        request.areas.set(areas)
        _matching_lock()
        for premises in matching_premises(request=request):
            _match(request=request, premises=premises)
    return request


def request_close(*, by, request: PremisesRequest) -> PremisesRequest:
    """Close a search request (the business found premises, or gave up): it
    meets no more vacancies and no owner is told of it again. Its own people
    close it in the portal. Idempotent: closing it again changes nothing."""
    if not requests_of(user=by).filter(pk=request.pk).exists():
        raise Refusal(_("Only the business's own people close its search request."))
    PremisesRequest.objects.filter(pk=request.pk, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )
    request.refresh_from_db(fields=["closed_at"])
    return request


def request_remove(*, by, request: PremisesRequest) -> None:
    """Remove a search request and its matches, with the business's name and
    address: what the secretariat does when a business outside the register
    asks to have its request removed."""
    require_permission(
        by,
        "premises.view_premisesrequest",
        _("Only the board and the secretariat remove search requests."),
    )
    PremisesRequest.objects.filter(pk=request.pk).delete()


def _owners(premises: Premises) -> list:
    return [
        member.user
        for member in premises.property.owner.members.filter(
            role=OrganisationMember.Role.ADMIN, user__is_active=True
        ).select_related("user")
    ]


def _match(*, request: PremisesRequest, premises: Premises) -> Match | None:
    """Record the match and tell the owner's administrators, once per pair."""
    try:
        with transaction.atomic():
            match, created = Match.objects.get_or_create(
                request=request, premises=premises
            )
    except IntegrityError:
        return None
    if not created or match.notified_at is not None:
        return match
    match.notified_at = timezone.now()
    match.save(update_fields=["notified_at"])
    people = _owners(premises)
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("portal:premises_edit", args=[premises.pk])
    context = {
        "premises": premises.name,
        "request": str(request),
        "size": _size(request),
        "note": request.note,
        "contact": request.email
        or (request.created_by.email if request.created_by_id else ""),
        "url": absolute_url(url),
    }
    for person in people:
        send_email_on_commit(
            to=[person.email],
            template="premises/email/match",
            context=context,
            language=person.language,
        )
    notices.MATCH_FOUND.publish(
        subject=premises,
        visibility=events.ORGANISATION,
        organisations=[premises.property.owner],
        recipients=people,
        emailed=people,
        params={"premises": premises.name, "request": str(request)},
        url=url,
    )
    return match


def _size(request: PremisesRequest) -> str:
    if request.max_m2 is not None:
        return f"{request.min_m2}–{request.max_m2} m²"
    return f"≥ {request.min_m2} m²"


# The vacancy indicators


def at_precision(share: Decimal, indicator) -> Decimal:
    """The share as precise as the board set the indicator: in whole per cent
    when its baseline and target are whole numbers (as the plan shows them),
    else with two decimals. The premises page shows the exact shares."""
    if indicator.baseline_value % 1 == 0 and indicator.target_value % 1 == 0:
        return share.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return share


def vacancy_record(*, on: datetime.date | None = None) -> int:
    """Record today's share of vacant street-level floor area on every vacancy
    indicator (one measurement a day, replaced while the day lasts); returns
    how many were recorded."""
    today = on or timezone.localdate()
    measurement_model = apps.get_model("home", "Measurement")
    # Stored in the plan's main language, like the rest of its figures.
    with translation.override(settings.LANGUAGE_CODE):
        source = _("The members' premises register")
    recorded = 0
    for feed in VacancyIndicator.objects.select_related("indicator"):
        share = vacancy_share(area_id=feed.area_id)
        if share is None:
            continue
        measurement_model.objects.update_or_create(
            indicator_id=feed.indicator_id,
            measured_on=today,
            defaults={"value": at_precision(share, feed.indicator), "source": source},
        )
        recorded += 1
    return recorded
