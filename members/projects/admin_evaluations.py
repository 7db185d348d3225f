"""Evaluating closed projects in the admin: the projects that wait for an
evaluation, and the evaluation form of each."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_required

from bid.forms import submitted
from bid.money import MajorUnitsField
from members.projects.models import Evaluation
from members.projects.selectors.evaluations import closed_projects, spending_of
from members.projects.services.evaluations import evaluation_write
from members.proposals.models import CLOSED_STATUSES, Proposal

PERMISSION = "projects.change_evaluation"


def _text(label, *, required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=4000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class EvaluationForm(forms.Form):
    what_was_done = _text(gettext_lazy("What was done"), required=True)
    cost_minor = MajorUnitsField(
        label=gettext_lazy("What it cost"),
        required=False,
        help_text=gettext_lazy(
            "Left empty, the cost is what the project recorded as spent."
        ),
    )
    indicator_findings = _text(gettext_lazy("What the indicators show"))
    repeat = _text(gettext_lazy("What to repeat"))
    avoid = _text(gettext_lazy("What to avoid"))
    visibility = forms.ChoiceField(
        label=gettext_lazy("Who may read it"),
        choices=Evaluation.Visibility.choices,
        initial=Evaluation.Visibility.MEMBERS,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "A public evaluation is in the library and the search for everyone; "
            "a members-only one for members, the board and the secretariat."
        ),
    )


def _initial(evaluation: Evaluation | None, spending: int | None) -> dict:
    if evaluation is None:
        return {"cost_minor": spending}
    return {
        name: getattr(evaluation, name)
        for name in (
            "what_was_done",
            "cost_minor",
            "indicator_findings",
            "repeat",
            "avoid",
            "visibility",
        )
    }


@permission_required(PERMISSION)
def evaluations(request):
    return TemplateResponse(
        request,
        "projects/admin/evaluations.html",
        {"projects": closed_projects()},
    )


@permission_required(PERMISSION)
def evaluation_edit(request, pk: int):
    project = get_object_or_404(
        Proposal.objects.select_related("organisation", "evaluation"), pk=pk
    )
    if project.status not in CLOSED_STATUSES:
        messages.error(
            request, _("Only a completed or discontinued project is evaluated.")
        )
        return redirect("projects_evaluations")
    evaluation = getattr(project, "evaluation", None)
    spending = spending_of(project=project)
    form = EvaluationForm(request.POST or None, initial=_initial(evaluation, spending))
    saved = submitted(
        request,
        form,
        lambda: evaluation_write(project=project, by=request.user, **form.cleaned_data),
        done=_("The evaluation of “%(title)s” is saved.") % {"title": project.title},
        to=reverse("projects_evaluations"),
    )
    if saved:
        return saved
    return TemplateResponse(
        request,
        "projects/admin/evaluation_edit.html",
        {
            "project": project,
            "evaluation": evaluation,
            "spending": spending,
            "indicators": project.project_indicators.select_related("indicator"),
            "form": form,
        },
    )
