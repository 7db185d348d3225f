"""Two cases in the demo's library of lessons (evaluations.toml): a public
evaluation of a completed project and a members-only one of the discontinued
project, written through the service by the secretariat; then the library's
page in every language."""

from wagtail.models import Page

from bid import demo, languages
from members.accounts import demo as people
from members.projects.models import Evaluation
from members.projects.pages import LessonsIndexPage
from members.projects.selectors.evaluations import spending_of
from members.projects.services.evaluations import evaluation_write
from members.proposals.models import CLOSED_STATUSES, Proposal


def _home() -> Page:
    return Page.objects.get(locale__language_code=languages.default(), depth=2)


def _closed(title: str) -> Proposal | None:
    return Proposal.objects.filter(title=title, status__in=CLOSED_STATUSES).first()


def load() -> None:
    spec = demo.data(__file__, "evaluations")
    demo.page_in_every_language(
        parent=_home(),
        model=LessonsIndexPage,
        text=spec["lessons"],
        show_in_menus=True,
    )
    if Evaluation.objects.exists():
        return
    secretariat = people.person("sekretariat")
    written = 0
    for entry in spec["evaluations"]:
        # The fallback stands in for the discontinued project, if missing.
        if entry.get("fallback") and written >= 2:
            continue
        project = _closed(entry["project"])
        if project is None:
            continue
        evaluation_write(
            project=project,
            by=secretariat,
            what_was_done=entry["what_was_done"],
            cost_minor=None
            if spending_of(project=project) is not None
            else entry.get("cost_minor", project.estimated_cost_minor),
            indicator_findings=entry["indicator_findings"],
            repeat=entry["repeat"],
            avoid=entry["avoid"],
            visibility=entry["visibility"],
        )
        written += 1
