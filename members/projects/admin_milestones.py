"""A project's milestones and indicators in the admin: the board and the
secretariat add and edit milestones, mark them done, attach the plan's
indicators with the project's own baseline and target, and record results."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required

from bid.forms import DATE_INPUT, FormsByButton, RecordChoiceField, submitted
from members.organisations.models import Organisation
from members.projects.models import Milestone, ProjectIndicator
from members.projects.selectors.milestones import (
    indicators_for_choice,
    milestones_of,
    overdue_milestones_listed,
    project_indicators_of,
    projects_followed_up,
)
from members.projects.services import milestones as services

PERMISSION = "projects.view_milestone"


class MilestoneForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Milestone"), max_length=200)
    due_on = forms.DateField(label=pgettext_lazy("milestone", "Due"), widget=DATE_INPUT)
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        choices=Milestone.State.choices,
        initial=Milestone.State.PLANNED,
    )
    done_on = forms.DateField(
        label=gettext_lazy("Done on"),
        required=False,
        widget=DATE_INPUT,
        help_text=gettext_lazy("Left empty for a done milestone: today."),
    )
    responsible_organisation = RecordChoiceField(
        label=gettext_lazy("Responsible organisation"),
        queryset=Organisation.objects.order_by("legal_name"),
        required=False,
    )
    responsible_user = RecordChoiceField(
        label=gettext_lazy("Responsible person"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("email"),
        required=False,
        help_text=gettext_lazy(
            "Told when the milestone is overdue; without a person, the people "
            "of the responsible organisation are."
        ),
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_organisation"].label_from_instance = (
            lambda organisation: organisation.legal_name
        )
        self.fields["responsible_user"].label_from_instance = lambda user: (
            f"{user.display_name} <{user.email}>"
        )


class IndicatorForm(forms.Form):
    baseline_value = forms.DecimalField(
        label=gettext_lazy("Baseline value"), max_digits=14, decimal_places=2
    )
    baseline_date = forms.DateField(
        label=gettext_lazy("Baseline date"), widget=DATE_INPUT
    )
    target_value = forms.DecimalField(
        label=gettext_lazy("Target value"), max_digits=14, decimal_places=2
    )
    target_date = forms.DateField(label=gettext_lazy("Target date"), widget=DATE_INPUT)


class AddIndicatorForm(IndicatorForm):
    indicator = RecordChoiceField(
        label=gettext_lazy("Indicator of the plan"), queryset=indicators_for_choice()
    )
    field_order = ["indicator"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].label_from_instance = lambda indicator: (
            f"{indicator.priority.title}: {indicator.name} ({indicator.unit})"
        )


class EditIndicatorForm(IndicatorForm):
    result_value = forms.DecimalField(
        label=gettext_lazy("Result"), max_digits=14, decimal_places=2, required=False
    )
    result_date = forms.DateField(
        label=gettext_lazy("Result date"), required=False, widget=DATE_INPUT
    )


def _project(pk: int):
    return get_object_or_404(
        projects_followed_up().select_related("organisation", "priority"), pk=pk
    )


@permission_required(PERMISSION)
def overdue(request):
    """Every overdue milestone of the projects being carried out."""
    return TemplateResponse(
        request,
        "projects/admin/milestones_overdue.html",
        {"milestones": overdue_milestones_listed()},
    )


@permission_required(PERMISSION)
def milestones(request, pk: int):
    """The project's milestones and indicators, with the forms to add more."""
    project = _project(pk)
    posted = FormsByButton(request, "add_milestone", "add_indicator")
    milestone_form = MilestoneForm(posted.data("add_milestone"), prefix="milestone")
    indicator_form = AddIndicatorForm(posted.data("add_indicator"), prefix="indicator")
    added = posted.submitted(
        {
            "add_milestone": (
                milestone_form,
                lambda: services.milestone_create(
                    by=request.user, project=project, **milestone_form.cleaned_data
                ),
                _("The milestone is added."),
            ),
            "add_indicator": (
                indicator_form,
                lambda: services.project_indicator_add(
                    by=request.user, project=project, **indicator_form.cleaned_data
                ),
                _("The indicator is attached."),
            ),
        },
        to=reverse("projects_milestones", args=[project.pk]),
    )
    if added:
        return added
    today = timezone.localdate()
    rows = list(milestones_of(project=project))
    for milestone in rows:
        milestone.overdue = milestone.is_overdue(today)
    return TemplateResponse(
        request,
        "projects/admin/milestones.html",
        {
            "project": project,
            "milestones": rows,
            "indicators": project_indicators_of(project=project),
            "milestone_form": milestone_form,
            "indicator_form": indicator_form,
        },
    )


@permission_required("projects.change_milestone")
def milestone_edit(request, pk: int):
    milestone = get_object_or_404(
        Milestone.objects.filter(project__in=projects_followed_up()).select_related(
            "project"
        ),
        pk=pk,
    )
    initial = {
        name: getattr(milestone, name)
        for name in services.MILESTONE_FIELDS
        if name not in ("responsible_organisation", "responsible_user")
    }
    initial["responsible_organisation"] = milestone.responsible_organisation_id
    initial["responsible_user"] = milestone.responsible_user_id
    form = MilestoneForm(request.POST or None, initial=initial)
    return _edit_or_delete(
        request,
        form,
        save=lambda: services.milestone_update(
            by=request.user, milestone=milestone, **form.cleaned_data
        ),
        saved=_("The milestone is saved."),
        delete=lambda: services.milestone_delete(by=request.user, milestone=milestone),
        deleted=_("The milestone is deleted."),
        project=milestone.project,
        template="projects/admin/milestone_edit.html",
        context={"milestone": milestone},
    )


@require_POST
@permission_required("projects.change_milestone")
def milestone_done(request, pk: int):
    milestone = get_object_or_404(
        Milestone.objects.filter(project__in=projects_followed_up()), pk=pk
    )
    try:
        services.milestone_mark_done(by=request.user, milestone=milestone)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("“%(title)s” is done.") % {"title": milestone.title}
        )
    return redirect("projects_milestones", milestone.project_id)


@permission_required("projects.change_projectindicator")
def indicator_edit(request, pk: int):
    used = get_object_or_404(
        ProjectIndicator.objects.filter(
            project__in=projects_followed_up()
        ).select_related("project", "indicator"),
        pk=pk,
    )
    form = EditIndicatorForm(
        request.POST or None,
        initial={name: getattr(used, name) for name in services.INDICATOR_FIELDS},
    )
    return _edit_or_delete(
        request,
        form,
        save=lambda: services.project_indicator_update(
            by=request.user, project_indicator=used, **form.cleaned_data
        ),
        saved=_("The indicator is saved."),
        delete=lambda: services.project_indicator_remove(
            by=request.user, project_indicator=used
        ),
        deleted=_("The indicator is removed from the project."),
        project=used.project,
        template="projects/admin/indicator_edit.html",
        context={"used": used},
    )


def _edit_or_delete(
    request, form, *, save, saved, delete, deleted, project, template, context
):
    """The edit page of a milestone or an indicator: "delete" in the post
    deletes, a valid form saves; either returns to the project's follow-up."""
    to = reverse("projects_milestones", args=[project.pk])
    if request.method == "POST" and "delete" in request.POST:
        delete()
        messages.success(request, deleted)
        return redirect(to)
    return submitted(request, form, save, done=saved, to=to) or TemplateResponse(
        request, template, {**context, "project": project, "form": form}
    )
