"""Admin views of the plan: reranking the priorities with a rationale."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home.forms import ReorderPrioritiesForm
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
            {"url": "", "label": _("Rank the priorities")},
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
