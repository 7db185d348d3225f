"""The library of lessons: the evaluations of closed projects, public or for
members, as a section of the site."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from bid.access import hidden
from bid.pages import SectionPage
from bid.params import id_or_none
from members.areas.models import Area
from members.projects.selectors.evaluations import (
    evaluation_visibility,
    evaluations_visible_to,
    library,
)
from members.proposals.models import Proposal
from members.proposals.pages import ProjectIndexPage
from members.proposals.selectors import (
    priorities_for_choice,
    with_localized_priorities,
)

PER_PAGE = 20


class LessonsIndexPage(RoutablePageMixin, SectionPage):
    # Evaluations with their projects, priorities and areas (bid/cache.py).
    # Only anonymous responses are kept, and they hold public cases only.
    cache_tags = ("projects", "proposals", "home.prioritypage", "areas.area")

    class Meta:
        verbose_name = _("library of lessons")

    def evaluation_url(self, evaluation) -> str:
        return self.url + self.reverse_subpage("evaluation", args=[evaluation.pk])

    def _project_index(self):
        return (
            ProjectIndexPage.objects.live().filter(locale_id=self.locale_id).first()
            or ProjectIndexPage.objects.live().first()
        )

    @path("")
    def index_route(self, request):
        priorities = priorities_for_choice()
        priority_id = id_or_none(request.GET.get("priority"))
        priority = (
            Proposal._meta.get_field("priority")
            .related_model.objects.live()
            .filter(pk=priority_id)
            .first()
            if priority_id
            else None
        )
        areas = Area.objects.only("pk", "name")
        area_id = id_or_none(request.GET.get("area"))
        outcome = request.GET.get("outcome", "")
        if outcome not in (Proposal.Status.COMPLETED, Proposal.Status.DISCONTINUED):
            outcome = ""
        text = request.GET.get("q", "").replace("\x00", "").strip()[:100]
        cases = library(
            user=request.user,
            priority=priority,
            area_id=area_id,
            outcome=outcome,
            text=text,
        )
        shown = Paginator(cases, PER_PAGE).get_page(request.GET.get("page"))
        shown.object_list = list(shown.object_list)
        # Gives each project its priority in the reader's language, in place.
        with_localized_priorities([e.project for e in shown.object_list])
        return self.render(
            request,
            context_overrides={
                "evaluations": shown,
                "priorities": priorities,
                "chosen_priority": priority,
                "areas": areas,
                "chosen_area": area_id,
                "outcomes": [
                    (status, Proposal.Status(status).label)
                    for status in (
                        Proposal.Status.COMPLETED,
                        Proposal.Status.DISCONTINUED,
                    )
                ],
                "chosen_outcome": outcome,
                "query": text,
            },
        )

    @path("<int:evaluation_id>/", name="evaluation")
    def evaluation_route(self, request, evaluation_id):
        evaluation = (
            evaluations_visible_to(user=request.user).filter(pk=evaluation_id).first()
        )
        if evaluation is None:
            return hidden(
                request,
                visibility=evaluation_visibility(evaluation_id=evaluation_id),
            )
        (project,) = with_localized_priorities([evaluation.project])
        index = self._project_index()
        return self.render(
            request,
            context_overrides={
                "evaluation": evaluation,
                "project": project,
                "project_url": index.url
                + index.reverse_subpage("project", args=[project.pk])
                if index
                else "",
            },
            template="projects/lesson_page.html",
        )
