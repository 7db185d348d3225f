"""A project's milestones and results on its public page."""

from django import template
from django.utils import timezone, translation

from bid.cache import memoise
from members.projects.pages import LessonsIndexPage
from members.projects.selectors.evaluations import public_evaluations
from members.projects.selectors.milestones import milestones_of, project_indicators_of
from members.proposals.models import CLOSED_STATUSES

register = template.Library()

# What the section shows, for the page cache (bid/cache.py): a saved
# milestone, project indicator or measurement purges the pages showing it.
TAGS = ("projects", "proposals", "home.indicator", "home.measurement")


def public_lesson_url(project) -> str | None:
    """Where the library shows the project's evaluation, in the active
    language's library; None when it has none that everyone may read."""
    evaluation = public_evaluations().filter(project=project).first()
    if evaluation is None:
        return None
    library_page = (
        LessonsIndexPage.objects.live()
        .filter(locale__language_code=translation.get_language())
        .first()
    )
    return library_page.evaluation_url(evaluation) if library_page else None


@register.inclusion_tag("projects/includes/project_milestones.html")
def project_milestones(project):
    """The milestones by due date (the overdue flagged), the plan indicators
    the project answers to with its own baseline, target and result, and why
    a discontinued project was stopped."""
    # The same for every reader of the page (the indicators' names are in
    # the reader's language): kept until a milestone, indicator or the
    # project changes.
    milestones, indicators, lesson_url = memoise(
        f"project-milestones:{project.pk}:{translation.get_language()}",
        lambda: (
            list(milestones_of(project=project)),
            list(project_indicators_of(project=project)),
            public_lesson_url(project) if project.status in CLOSED_STATUSES else None,
        ),
        tags=TAGS,
    )
    today = timezone.localdate()
    for milestone in milestones:
        milestone.overdue = milestone.is_overdue(today)
    return {
        "project": project,
        "milestones": milestones,
        "indicators": indicators,
        "lesson_url": lesson_url,
    }
