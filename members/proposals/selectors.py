"""Who sees which proposals, decided in the query.

Anonymous visitors see accepted, in-progress, completed and discontinued
proposals (the projects). Members (people of an organisation with a running
membership) and staff also see submitted, under-review, rejected and withdrawn
ones. Drafts are seen only by the proposing organisation.
"""

from django.conf import settings
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant

from bid.access import is_member
from members.organisations.selectors import organisations_for
from members.proposals.models import (
    ACTIVE_STATUSES,
    PUBLIC_STATUSES,
    ProgressUpdate,
    Proposal,
)

# The public filter for projects being carried out (accepted or in progress).
ACTIVE = "active"


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
        .select_related("organisation", "priority__locale")
        .with_support_count()
        .prefetch_related(
            "areas",
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.order_by("-reported_on", "-pk"),
                to_attr="prefetched_progress",
            ),
        )
    )


def public_projects(*, priority=None) -> QuerySet[Proposal]:
    """Accepted, in-progress, completed and discontinued proposals, for the
    public site: the active ones first, then the closed, newest decision first."""
    queryset = (
        Proposal.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organisation", "priority__locale")
        .prefetch_related(
            "areas",
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.order_by("-reported_on", "-pk"),
                to_attr="prefetched_progress",
            ),
        )
        .order_by(
            Case(When(status__in=ACTIVE_STATUSES, then=Value(0)), default=Value(1)),
            "-decided_at",
            "-pk",
        )
    )
    if priority is not None:
        queryset = queryset.filter(priority__translation_key=priority.translation_key)
    return queryset


def active_projects(*, priority=None) -> QuerySet[Proposal]:
    """The public projects being carried out: accepted or in progress."""
    return public_projects(priority=priority).filter(status__in=ACTIVE_STATUSES)


def with_status(queryset: QuerySet[Proposal], status: str) -> QuerySet[Proposal]:
    """The projects of one status, or the active ones for `ACTIVE`; any other
    value leaves the list as it is."""
    if status == ACTIVE:
        return queryset.filter(status__in=ACTIVE_STATUSES)
    if status in Proposal.Status.values:
        return queryset.filter(status=status)
    return queryset


def filter_and_sort(queryset, *, priority_id=None, area="", status="", sort="newest"):
    if priority_id:
        queryset = queryset.filter(priority_id=priority_id)
    if area:
        # Of the area's name or short name; a proposal in two such areas
        # is listed once.
        named = Proposal.areas.through.objects.filter(
            Q(area__name__icontains=area) | Q(area__slug=area.lower()),
            proposal=OuterRef("pk"),
        )
        queryset = queryset.filter(Exists(named))
    queryset = with_status(queryset, status)
    if sort == "support":
        return queryset.order_by("-support_count", "-submitted_at", "-pk")
    return queryset.order_by("-submitted_at", "-created_at", "-pk")


def _content_language(code: str) -> str:
    try:
        return get_supported_content_language_variant(code)
    except LookupError:
        return code


def priorities_for_choice() -> QuerySet:
    """The plan's live priorities in the reader's language, or in the main
    language if the plan is not translated: one query, no locale lookups."""
    pages = Proposal._meta.get_field("priority").related_model.objects.live()
    active = _content_language(translation.get_language() or settings.LANGUAGE_CODE)
    main = _content_language(settings.LANGUAGE_CODE)
    translated = pages.filter(locale__language_code=active)
    return pages.filter(
        Q(locale__language_code=active)
        | Q(locale__language_code=main) & ~Exists(translated)
    ).order_by("path")


def with_localized_priorities(proposals) -> list[Proposal]:
    """The proposals, each with `localized_priority`: its priority in the
    reader's language when that translation is live, else the priority itself
    (what Wagtail's `Page.localized` gives), in one query however many."""
    proposals = list(proposals)
    active = _content_language(translation.get_language() or settings.LANGUAGE_CODE)
    model = Proposal._meta.get_field("priority").related_model
    # A priority already in the reader's language (its locale fetched with
    # it) is its own translation: no query when every card's is.
    keys = {
        p.priority.translation_key
        for p in proposals
        if p.priority_id
        and not (
            model.locale.is_cached(p.priority)
            and p.priority.locale.language_code == active
        )
    }
    translations = (
        {
            page.translation_key: page
            for page in model.objects.live().filter(
                translation_key__in=keys, locale__language_code=active
            )
        }
        if keys
        else {}
    )
    for proposal in proposals:
        priority = proposal.priority
        proposal.localized_priority = (
            translations.get(priority.translation_key, priority) if priority else None
        )
    return proposals
