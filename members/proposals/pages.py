"""The public list of projects: accepted, in-progress, completed and
discontinued proposals, the active ones first."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from bid.pages import SectionPage
from bid.params import id_or_none
from members.proposals.models import PUBLIC_STATUSES, Proposal
from members.proposals.selectors import (
    ACTIVE,
    public_projects,
    with_localized_priorities,
    with_status,
)


class ProjectIndexPage(RoutablePageMixin, SectionPage):
    # Projects with their organisation, priority and decision (bid/cache.py).
    cache_tags = (
        "proposals",
        "organisations.organisation",
        "home.prioritypage",
        "meetings",
    )

    class Meta:
        verbose_name = _("project list")

    @path("")
    def index_route(self, request):
        # The plan's priority pages, reached through the relation: the plan
        # lives in the site layer above the member apps.
        priorities = Proposal._meta.get_field("priority").related_model.objects.live()
        projects = public_projects()
        priority_id = id_or_none(request.GET.get("priority"))
        priority = priorities.filter(pk=priority_id).first() if priority_id else None
        if priority:
            projects = public_projects(priority=priority)
        status = request.GET.get("status", "")
        projects = with_status(projects, status)
        shown = Paginator(projects, 20).get_page(request.GET.get("page"))
        shown.object_list = with_localized_priorities(shown.object_list)
        return self.render(
            request,
            context_overrides={
                "projects": shown,
                "priorities": priorities.filter(locale=self.locale),
                "chosen_priority": priority,
                "chosen_status": status,
                "statuses": [
                    (ACTIVE, _("Active (accepted or in progress)")),
                    *(
                        (value, label)
                        for value, label in Proposal.Status.choices
                        if value in PUBLIC_STATUSES
                    ),
                ],
            },
        )

    @path("<int:proposal_id>/", name="project")
    def project(self, request, proposal_id):
        found = with_localized_priorities(
            public_projects().filter(pk=proposal_id).select_related("decision")
        )
        if not found:
            raise Http404
        project = found[0]
        return self.render(
            request,
            context_overrides={"project": project},
            template="proposals/project_page.html",
        )
