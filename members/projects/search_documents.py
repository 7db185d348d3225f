"""Evaluations in the search, as their own kind ("Lessons"): public ones for
everyone, members-only ones for members and staff."""

from django.utils import timezone

from members.projects.models import Evaluation
from members.projects.pages import LessonsIndexPage
from members.proposals.models import CLOSED_STATUSES
from search.documents import SearchDocument, plain_text
from search.registry import SearchSource, index_page, register, swap_prefix


@register
class EvaluationSource(SearchSource):
    model = Evaluation

    def queryset(self):
        return Evaluation.objects.select_related("project__priority")

    def localize_url(self, url: str, language: str) -> str:
        return swap_prefix(url, LessonsIndexPage, language)

    def documents(self, evaluation) -> list[SearchDocument]:
        project = evaluation.project
        if project.status not in CLOSED_STATUSES:
            return []
        index = index_page(LessonsIndexPage)
        closed = project.closed_at or evaluation.created_at
        body = " ".join(
            (
                evaluation.what_was_done,
                project.discontinued_reason,
                evaluation.indicator_findings,
                evaluation.repeat,
                evaluation.avoid,
            )
        )
        return [
            SearchDocument(
                id=f"evaluation:{evaluation.pk}",
                group=self.group(evaluation.pk),
                type="evaluation",
                title=project.title,
                body=plain_text(body),
                language="sv",
                url=index.evaluation_url(evaluation) if index else "",
                visibility=evaluation.visibility,
                areas=project.area_names,
                priorities=[project.priority.title] if project.priority_id else [],
                date=timezone.localdate(closed),
            )
        ]
