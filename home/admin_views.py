"""Admin views of the plan (reranking the priorities with a rationale) and of
the activity report (drafting it from the data)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from bid import access
from home.annual_report import annual_report_generate, default_year
from home.forms import AnnualReportForm, ReorderPrioritiesForm
from home.models import DistrictPlanPage, PriorityPage
from home.services import priorities_reorder


class ReorderPrioritiesView(WagtailAdminTemplateMixin, FormView):
    template_name = "home/admin/reorder_priorities.html"
    form_class = ReorderPrioritiesForm
    header_icon = "list-ol"

    def dispatch(self, request, *args, **kwargs):
        self.plan = get_object_or_404(DistrictPlanPage, pk=kwargs["plan_id"])
        if not self.plan.permissions_for_user(request.user).can_edit():
            raise PermissionDenied(_("You may not edit this plan."))
        self.priorities = list(
            PriorityPage.objects.child_of(self.plan).order_by("path")
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Rank the priorities")

    def get_page_subtitle(self):
        return self.plan.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_explore", args=[self.plan.pk]),
                "label": self.plan.get_admin_display_title(),
            },
            {"url": None, "label": _("Rank the priorities")},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "priorities": self.priorities}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plan"] = self.plan
        context["action_url"] = self.request.path
        context["submit_button_label"] = _("Save the new ranking")
        context["history_url"] = self.plan.url + self.plan.reverse_subpage("history")
        return context

    def form_valid(self, form):
        try:
            priorities_reorder(
                plan=self.plan,
                ordered_ids=form.ordered_ids(),
                by=self.request.user,
                rationale=form.cleaned_data["rationale"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The new ranking is published."))
        return redirect("wagtailadmin_explore", self.plan.pk)


class GenerateAnnualReportView(WagtailAdminTemplateMixin, FormView):
    """The secretariat drafts the year's activity report from the data."""

    template_name = "home/admin/generate_annual_report.html"
    form_class = AnnualReportForm
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not access.is_secretariat(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Generate the activity report")

    def get_initial(self):
        year = self.request.GET.get("year", "")
        return {"year": int(year) if year.isdigit() else default_year()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.request.path
        context["submit_button_label"] = _("Generate the report")
        return context

    def form_valid(self, form):
        try:
            result = annual_report_generate(
                year=form.cleaned_data["year"], by=self.request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, result.message)
        return redirect("wagtailadmin_pages:edit", result.page.pk)
