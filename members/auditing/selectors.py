"""Reads of the audit: which years an auditor is given today, what each year
holds (agreements, decisions, ledger), and the log of what auditors opened."""

import datetime
from collections import defaultdict

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from bid.access import may
from members.agreements.selectors import in_force
from members.auditing.models import AuditorGrant, AuditView
from members.contributions.exports import ledger_entries
from members.contributions.models import Contribution, LedgerEntry
from members.meetings.exports import recorded_decisions


def active_grants(*, on: datetime.date | None = None) -> QuerySet[AuditorGrant]:
    """Grants neither revoked nor past their last day."""
    today = on or timezone.localdate()
    return AuditorGrant.objects.filter(revoked_at__isnull=True).filter(
        Q(until__isnull=True) | Q(until__gte=today)
    )


def audit_years(user) -> frozenset[int]:
    """The years this person may audit today (none for anyone but an active
    account with a grant); asked once per request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = user.__dict__.get("_audit_years")
    if cached is None:
        cached = frozenset(
            year
            for first, last in active_grants()
            .filter(user=user)
            .values_list("first_year", "last_year")
            for year in range(first, last + 1)
        )
        user.__dict__["_audit_years"] = cached
    return cached


def shows_audit(user) -> bool:
    """Whether the portal shows the audit section: to holders of the audit
    permission (given with a grant), read with the person's other
    permissions in the query every portal page makes; superusers hold every
    permission but audit nothing."""
    return (
        user is not None
        and user.is_authenticated
        and not user.is_superuser
        and may(user, "audit")
    )


def grants_listed() -> QuerySet[AuditorGrant]:
    """Every grant, current ones first, for the admin."""
    return AuditorGrant.objects.select_related("user", "granted_by", "revoked_by")


def views_logged(*, user_id: int | None = None) -> QuerySet[AuditView]:
    views = AuditView.objects.select_related("user")
    if user_id is not None:
        views = views.filter(user_id=user_id)
    return views


def auditors_logged() -> QuerySet:
    """The people with a grant, for the log's filter."""
    return (
        AuditorGrant.objects.values("user_id", "user__email")
        .annotate(grants=Count("pk"))
        .order_by("user__email")
    )


def agreements_of(*, year: int) -> QuerySet:
    return in_force(year=year)


def agreement_of(*, year: int, pk: int):
    """The agreement if it was in force in the year, with its obligations due,
    its follow-up of the year and its documents; None otherwise."""
    agreement = agreements_of(year=year).filter(pk=pk).first()
    if agreement is None:
        return None, {}
    return agreement, {
        "obligations": list(agreement.obligations.filter(due_on__year=year)),
        "follow_ups": list(agreement.follow_ups.filter(year=year).select_related("by")),
        "documents": list(agreement.documents.all()),
    }


def decisions_of(*, year: int) -> QuerySet:
    return recorded_decisions(year=year)


def ledger_of(*, year: int) -> QuerySet:
    return ledger_entries(year=year)


def ledger_totals(*, year: int) -> list[dict]:
    """Per currency: what was invoiced in the year, annual contributions and
    project invoices alike (void invoices left out),
    and, per kind, the money that moved in it."""
    totals: dict[str, dict] = defaultdict(lambda: {"invoiced": 0, "kinds": {}})
    invoiced = (
        Contribution.objects.filter(year=year, voided_at__isnull=True)
        .values("currency")
        .annotate(total=Sum("amount_minor"), count=Count("pk"))
    )
    for row in invoiced:
        totals[row["currency"]]["invoiced"] = row["total"]
        totals[row["currency"]]["invoices"] = row["count"]
    moved = (
        ledger_entries(year=year)
        .order_by()
        .values("currency", "kind")
        .annotate(total=Sum("amount_minor"), count=Count("pk"))
    )
    for row in moved:
        totals[row["currency"]]["kinds"][row["kind"]] = (row["count"], row["total"])
    return [
        {
            "currency": currency,
            "invoiced": values["invoiced"],
            "invoices": values.get("invoices", 0),
            "moved": [
                {
                    "label": label,
                    "count": values["kinds"].get(kind, (0, 0))[0],
                    "total": values["kinds"].get(kind, (0, 0))[1],
                }
                for kind, label in LedgerEntry.Kind.choices
            ],
        }
        for currency, values in sorted(totals.items())
    ]


def year_counts(*, year: int) -> dict[str, int]:
    return {
        "agreements": agreements_of(year=year).count(),
        "decisions": decisions_of(year=year).count(),
        "entries": ledger_of(year=year).count(),
        "invoices": Contribution.objects.filter(year=year).count(),
    }
