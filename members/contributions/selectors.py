"""Reads of contributions: a member's own, and the board's overview of a year."""

import datetime
from collections import defaultdict

from django.db.models import Count, Min, QuerySet, Sum
from django.utils import timezone

from members.contributions.calculation import PropertyInput, Rates, calculate
from members.contributions.models import (
    PAYMENT_KINDS,
    Contribution,
    ContributionScheme,
    LedgerEntry,
    PaymentReview,
    vat_of,
)
from members.enrolment.selectors import active_members
from members.organisations.selectors import organisations_for


def contributions_for(*, user) -> QuerySet[Contribution]:
    """The contributions of the organisations this person acts for."""
    return (
        Contribution.objects.filter(organisation__in=organisations_for(user=user))
        .with_balance()
        .select_related("organisation")
        .order_by("-year", "number")
    )


def receipts_for(*, user) -> QuerySet[LedgerEntry]:
    return LedgerEntry.objects.filter(
        contribution__organisation__in=organisations_for(user=user),
        kind__in=[LedgerEntry.Kind.CARD_PAYMENT, LedgerEntry.Kind.BANK_PAYMENT],
    ).select_related("contribution__organisation")


def _collected(year: int) -> int:
    entries = LedgerEntry.objects.filter(
        contribution__kind=Contribution.Kind.ANNUAL,
        contribution__year=year,
        contribution__voided_at__isnull=True,
    )
    payments = entries.filter(kind__in=PAYMENT_KINDS).aggregate(t=Sum("amount_minor"))[
        "t"
    ]
    refunds = entries.filter(kind=LedgerEntry.Kind.REFUND).aggregate(
        t=Sum("amount_minor")
    )["t"]
    return (payments or 0) - (refunds or 0)


def annual_contributions():
    """The members' annual contributions: what "the year's contributions"
    means, project invoices left out."""
    return Contribution.objects.filter(kind=Contribution.Kind.ANNUAL)


def years_overview() -> list[dict]:
    """Due, collected and outstanding per year of the annual contributions,
    void contributions left out."""
    rows = []
    years = (
        annual_contributions()
        .filter(voided_at__isnull=True)
        .values_list("year", flat=True)
        .distinct()
        .order_by("year")
    )
    for year in years:
        contributions = annual_contributions().filter(year=year, voided_at__isnull=True)
        due = contributions.aggregate(total=Sum("amount_minor"))["total"] or 0
        paid = _collected(year)
        rows.append(
            {
                "year": year,
                "currency": contributions.values_list("currency", flat=True).first(),
                "count": contributions.count(),
                "due": due,
                "collected": paid,
                "outstanding": max(due - paid, 0),
                "overdue_count": annual_contributions()
                .filter(year=year)
                .overdue()
                .count(),
            }
        )
    return rows


def collection_by_use(*, year: int) -> list[dict]:
    """Due and collected per use category; a contribution's payments are shared
    out over its lines in proportion to their amounts."""
    due = defaultdict(int)
    collected = defaultdict(float)
    contributions = (
        annual_contributions()
        .filter(year=year, voided_at__isnull=True)
        .with_balance()
        .prefetch_related("lines__property")
    )
    for contribution in contributions:
        share = (
            contribution.paid_minor / contribution.amount_minor
            if contribution.amount_minor
            else 0
        )
        for line in contribution.lines.all():
            key = (
                line.property.use_category
                if line.property_id and line.property
                else line.kind
            )
            due[key] += line.amount_minor
            collected[key] += line.amount_minor * share
    return [
        {"key": key, "due": due[key], "collected": round(collected[key])}
        for key in sorted(due)
    ]


def overdue_contributions(
    *, year: int | None = None, today: datetime.date | None = None
):
    queryset = Contribution.objects.overdue(today or timezone.localdate())
    if year:
        queryset = queryset.filter(year=year)
    return queryset.select_related("organisation").order_by("due_date", "number")


def overdue_tally(*, today: datetime.date | None = None) -> tuple[int, int | None]:
    """How many invoices are overdue, and the earliest year they are from."""
    tally = Contribution.objects.overdue(today or timezone.localdate()).aggregate(
        count=Count("pk"), oldest=Min("year")
    )
    return tally["count"], tally["oldest"]


def payments_to_review_count() -> int:
    """Payments from the bank or Stripe that matched no invoice as they were."""
    return PaymentReview.objects.filter(status=PaymentReview.Status.OPEN).count()


def invoicing_preview(*, scheme, on: datetime.date | None = None) -> dict:
    """What issuing the scheme now would do: how many members get an invoice,
    what they come to, and how many of them would be emailed."""
    on = on or timezone.localdate()
    rates = scheme_rates(scheme)
    organisations = list(members_to_invoice(scheme, on))
    net = vat = 0
    for organisation in organisations:
        total = calculate(
            rates=rates,
            properties=[
                PropertyInput(p.designation, p.gross_floor_area_m2, p.use_category)
                for p in organisation.properties.all()
            ],
        ).total_minor
        net += total
        vat += vat_of(total, scheme.vat_rate)
    return {
        "members": len(organisations),
        "net_minor": net,
        "vat_minor": vat,
        "total_minor": net + vat,
        "already_issued": annual_contributions().filter(year=scheme.year).count(),
    }


def scheme_rates(scheme: ContributionScheme) -> Rates:
    return Rates(
        base_fee_minor=scheme.base_fee_minor,
        floor_minor=scheme.floor_minor,
        cap_minor=scheme.cap_minor,
        per_m2_minor={r.use_category: r.rate_minor_per_m2 for r in scheme.rates.all()},
    )


def members_to_invoice(scheme: ContributionScheme, on: datetime.date):
    already = annual_contributions().filter(year=scheme.year).values("organisation_id")
    return (
        active_members(on=on)
        .exclude(pk__in=already)
        .order_by("pk")
        .prefetch_related("properties")
    )
