"""Who sees which proposals, decided in the query.

Anonymous visitors see accepted, in-progress and completed proposals. Members
(people of an organisation with a running membership) and staff also see
submitted, under-review, rejected and withdrawn ones. Drafts are seen only by
the proposing organisation.
"""

from django.db.models import Prefetch, Q, QuerySet

from bid.access import is_member
from members.organisations.selectors import organisations_for
from members.proposals.models import PUBLIC_STATUSES, ProgressUpdate, Proposal


def proposals_visible_to(*, user) -> QuerySet[Proposal]:
    own = organisations_for(user=user)
    if is_member(user):
        visible = ~Q(status=Proposal.Status.DRAFT) | Q(organisation__in=own)
    elif user.is_authenticated:
        visible = Q(status__in=PUBLIC_STATUSES) | Q(organisation__in=own)
    else:
        visible = Q(status__in=PUBLIC_STATUSES)
    return (
        Proposal.objects.filter(visible)
        .select_related("organisation", "priority")
        .with_support_count()
        .prefetch_related(
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.order_by("-reported_on", "-pk"),
                to_attr="prefetched_progress",
            )
        )
    )


def public_projects(*, priority=None) -> QuerySet[Proposal]:
    """Accepted, in-progress and completed proposals, for the public site."""
    queryset = (
        Proposal.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organisation", "priority")
        .prefetch_related(
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.order_by("-reported_on", "-pk"),
                to_attr="prefetched_progress",
            )
        )
        .order_by("-decided_at", "-pk")
    )
    if priority is not None:
        queryset = queryset.filter(priority__translation_key=priority.translation_key)
    return queryset


def filter_and_sort(queryset, *, priority_id=None, area="", status="", sort="newest"):
    if priority_id:
        queryset = queryset.filter(priority_id=priority_id)
    if area:
        queryset = queryset.filter(areas__icontains=area)
    if status in Proposal.Status.values:
        queryset = queryset.filter(status=status)
    if sort == "support":
        return queryset.order_by("-support_count", "-submitted_at", "-pk")
    return queryset.order_by("-submitted_at", "-created_at", "-pk")
