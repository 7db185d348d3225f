"""Reads of the agreements register: who sees which agreements, what is
expiring or due, and the contracted value per year and per priority.

The contracted value of a year: an agreement valued per year counts in every
year it is in force (from its start year to its end year; one without an end
counts every year from its start); an agreement valued in total counts once,
in the year it starts.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone, translation
from wagtail.coreutils import get_supported_content_language_variant

from bid.access import is_staff, organisations_of
from members.accounts import roles
from members.agreements.models import Agreement, AgreementDocument, Obligation

NOTICE_SOON_DAYS = 60  # the dashboard and the reminder: a notice deadline this close
OBLIGATION_SOON_DAYS = 14  # an obligation is reminded of this many days before
EXPIRING_DAYS = 90  # the "expiring" list


def _today(on) -> datetime.date:
    return on or timezone.localdate()


def agreements_visible_to(*, user) -> QuerySet:
    """Staff see every agreement; a member sees the agreements whose
    counterparty is one of their organisations; others none."""
    agreements = Agreement.objects.select_related("counterparty")
    if is_staff(user):
        return agreements
    organisations = organisations_of(user)
    if not organisations:
        return agreements.none()
    return agreements.filter(counterparty_id__in=organisations)


def may_see_section(user) -> bool:
    """Whether the portal shows the agreements section: to staff and to the
    people of organisations (no query beyond the person's memberships, which
    every portal page reads already)."""
    return is_staff(user) or bool(organisations_of(user))


def agreements_listed(*, kind: str = "", expiring_days: int | None = None, on=None):
    """The register as the admin lists it, optionally of one kind or ending
    within `expiring_days`."""
    agreements = Agreement.objects.select_related("counterparty", "responsible")
    if kind:
        agreements = agreements.filter(kind=kind)
    if expiring_days is not None:
        agreements = agreements_expiring(within_days=expiring_days, on=on).filter(
            pk__in=agreements.values("pk")
        )
    return agreements.order_by("ends_on", "title", "pk")


def agreements_expiring(*, within_days: int = EXPIRING_DAYS, on=None) -> QuerySet:
    """Agreements that end today or within the coming `within_days` days."""
    today = _today(on)
    return (
        Agreement.objects.select_related("counterparty", "responsible")
        .filter(
            ends_on__gte=today, ends_on__lte=today + datetime.timedelta(within_days)
        )
        .order_by("ends_on", "pk")
    )


def notice_deadlines_within(*, days: int = NOTICE_SOON_DAYS, on=None) -> QuerySet:
    today = _today(on)
    return Agreement.objects.filter(
        notice_deadline__gte=today,
        notice_deadline__lte=today + datetime.timedelta(days),
    )


def obligations_due_within(*, days: int = OBLIGATION_SOON_DAYS, on=None) -> QuerySet:
    today = _today(on)
    return Obligation.objects.filter(
        done_on__isnull=True,
        due_on__gte=today,
        due_on__lte=today + datetime.timedelta(days),
    )


def obligations_overdue(*, on=None) -> QuerySet:
    return Obligation.objects.filter(done_on__isnull=True, due_on__lt=_today(on))


def to_act_on_count(*, on=None) -> int:
    """Notice deadlines within 60 days and overdue obligations, in one query."""
    today = _today(on)
    counts = Agreement.objects.aggregate(
        notice=Count(
            "pk",
            filter=Q(
                notice_deadline__gte=today,
                notice_deadline__lte=today + datetime.timedelta(NOTICE_SOON_DAYS),
            ),
            distinct=True,
        ),
        overdue=Count(
            "obligations",
            filter=Q(obligations__done_on__isnull=True, obligations__due_on__lt=today),
            distinct=True,
        ),
    )
    return counts["notice"] + counts["overdue"]


def to_act_on(*, on=None) -> tuple[list, list]:
    """The agreements whose notice deadline is within 60 days, and the
    overdue obligations."""
    notice = list(
        notice_deadlines_within(on=on)
        .select_related("counterparty", "responsible")
        .order_by("notice_deadline", "pk")
    )
    overdue = list(
        obligations_overdue(on=on)
        .select_related("agreement", "agreement__counterparty")
        .order_by("due_on", "pk")
    )
    return notice, overdue


def agreement_detail(*, agreement: Agreement) -> dict:
    """What the agreement's admin page shows besides the agreement."""
    return {
        "obligations": list(agreement.obligations.all()),
        "documents": list(agreement.documents.all()),
        "follow_ups": list(agreement.follow_ups.select_related("by")),
    }


def portal_agreement(*, user, pk: int) -> Agreement | None:
    """The agreement as the portal shows it to this person, or None."""
    return (
        agreements_visible_to(user=user)
        .annotate(
            has_documents=Exists(
                AgreementDocument.objects.filter(agreement=OuterRef("pk"))
            )
        )
        .filter(pk=pk)
        .first()
    )


def portal_agreement_detail(*, agreement: Agreement) -> dict:
    """Its obligations and (only when it has any) its documents."""
    return {
        "obligations": list(agreement.obligations.all()),
        "documents": list(agreement.documents.all()) if agreement.has_documents else [],
    }


def secretariat_people() -> QuerySet:
    return get_user_model().objects.filter(
        groups__name=roles.SECRETARIAT, is_active=True
    )


# Contracted value


def _years_counted(agreement: Agreement, years: range) -> list[int]:
    start = agreement.starts_on.year
    if agreement.value_per == Agreement.Per.TOTAL:
        return [start] if start in years else []
    end = agreement.ends_on.year if agreement.ends_on else years.stop - 1
    return [year for year in years if start <= year <= end]


def _in_years(years: range) -> QuerySet:
    first = datetime.date(years.start, 1, 1)
    last = datetime.date(years.stop - 1, 12, 31)
    return Agreement.objects.filter(starts_on__lte=last).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=first)
    )


def in_force(*, year: int) -> QuerySet:
    """The agreements in force some day of the year, with their party and
    the person responsible, ending first first."""
    return (
        _in_years(range(year, year + 1))
        .select_related("counterparty", "responsible", "decision__meeting")
        .order_by("ends_on", "title", "pk")
    )


def contracted_per_year(*, years: range) -> dict[int, dict[str, int]]:
    """{year: {currency: amount in minor units}} for each year of `years`."""
    totals: dict[int, dict[str, int]] = {year: defaultdict(int) for year in years}
    for agreement in _in_years(years).only(
        "starts_on", "ends_on", "value_minor", "currency", "value_per"
    ):
        for year in _years_counted(agreement, years):
            totals[year][agreement.currency] += agreement.value_minor
    return {year: dict(amounts) for year, amounts in totals.items()}


@dataclass
class PriorityValue:
    """One priority's contracted value in a year, beside its budget."""

    priority: object
    amounts: dict[str, int] = field(default_factory=dict)
    budget_minor: int | None = None
    budget_currency: str = ""

    @property
    def title(self) -> str:
        return self.priority.title if self.priority else ""


def contracted_per_priority(*, year: int) -> list[PriorityValue]:
    """Each priority's contracted value in `year`, beside the priority's
    budget when its budget is for that year; agreements serving no priority
    last (`priority` None). A priority and its translations are one row, named
    in the active language where the plan has it (else in the one an agreement
    links to)."""
    years = range(year, year + 1)
    rows: dict[object, PriorityValue] = {}
    for agreement in _in_years(years).select_related("priority"):
        if not _years_counted(agreement, years):
            continue
        priority = agreement.priority
        key = priority.translation_key if priority else None
        row = rows.setdefault(key, PriorityValue(priority=priority))
        row.amounts[agreement.currency] = (
            row.amounts.get(agreement.currency, 0) + agreement.value_minor
        )
    # The plan's priorities live in `home`, above this layer: reached by the link.
    priorities = Agreement._meta.get_field("priority").related_model
    active = get_supported_content_language_variant(translation.get_language())
    for priority in (
        priorities.objects.filter(budget_year=year)
        .exclude(budget_amount_minor__isnull=True)
        .select_related("locale")
    ):
        row = rows.setdefault(
            priority.translation_key, PriorityValue(priority=priority)
        )
        in_active = priority.locale.language_code == active
        if row.budget_minor is None or in_active:
            row.budget_minor = priority.budget_amount_minor
            row.budget_currency = priority.budget_currency
        if in_active:
            row.priority = priority
    return sorted(
        rows.values(),
        key=lambda row: (row.priority is None, row.title.casefold()),
    )
