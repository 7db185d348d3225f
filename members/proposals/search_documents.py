"""Proposals in the search: drafts for their own organisation, open and
decided ones for members, accepted projects for everyone."""

from django.urls import reverse
from django.utils import timezone

from bid.access import MEMBERS, ORGANISATION, PUBLIC
from members.proposals.models import PUBLIC_STATUSES, Proposal
from members.proposals.pages import ProjectIndexPage
from search.documents import SearchDocument, plain_text
from search.registry import (
    SearchSource,
    index_page,
    register,
    swap_prefix,
    translated_path,
)


def _project_url(proposal) -> str:
    index = index_page(ProjectIndexPage)
    if index is None:
        return ""
    return index.url + index.reverse_subpage("project", args=[proposal.pk])


@register
class ProposalSource(SearchSource):
    model = Proposal

    def queryset(self):
        return Proposal.objects.select_related(
            "organisation", "priority"
        ).prefetch_related("areas")

    def localize_url(self, url: str, language: str) -> str:
        if "/portal/" in url:
            return translated_path(url, language)
        return swap_prefix(url, ProjectIndexPage, language)

    def documents(self, proposal) -> list[SearchDocument]:
        if proposal.status == Proposal.Status.DRAFT:
            visibility = ORGANISATION
        elif proposal.status in PUBLIC_STATUSES:
            visibility = PUBLIC
        else:
            visibility = MEMBERS
        url = (_project_url(proposal) if visibility == PUBLIC else "") or reverse(
            "portal:proposal", args=[proposal.pk]
        )
        moment = proposal.submitted_at or proposal.created_at
        return [
            SearchDocument(
                id=f"proposal:{proposal.pk}",
                group=self.group(proposal.pk),
                type="proposal",
                title=proposal.title,
                body=plain_text(f"{proposal.summary} {proposal.description}"),
                language="sv",
                url=url,
                visibility=visibility,
                organisation_id=proposal.organisation_id,
                areas=proposal.area_names,
                priorities=[proposal.priority.title] if proposal.priority_id else [],
                date=timezone.localdate(moment) if moment else None,
            )
        ]
