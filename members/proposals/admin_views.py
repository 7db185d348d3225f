"""The board's review queue: every proposal past draft, decided with reasoning."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.admin.views.generic.models import IndexView, InspectView

from members.proposals import services
from members.proposals.forms import DecisionForm, HideCommentForm
from members.proposals.models import Proposal


def reviewable():
    return (
        Proposal.objects.exclude(status=Proposal.Status.DRAFT)
        .select_related("organisation", "priority")
        .with_support_count()
    )


class ProposalIndexView(IndexView):
    def get_base_queryset(self):
        return reviewable()


class ProposalReviewView(InspectView):
    template_name = "proposals/admin/review.html"

    def get_object(self, queryset=None):
        return get_object_or_404(reviewable(), pk=self.pk)

    def get_page_title(self):
        return _("Review the proposal")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.object
        steps = services.allowed_steps(proposal=proposal, user=self.request.user)
        form = kwargs.get("decision_form") or DecisionForm()
        form.fields["action"].choices = [
            (value, label) for value, label in DecisionForm.ACTIONS if value in steps
        ]
        context.update(
            {
                "proposal": proposal,
                "decision_form": form if steps else None,
                "hide_form": kwargs.get("hide_form") or HideCommentForm(),
                "comments": proposal.comments.all(),
                "transitions": proposal.transitions.all(),
                "attachments": proposal.attachments.all(),
                "supports": proposal.supports.select_related("organisation"),
                "progress": proposal.progress_updates.all(),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        proposal = self.object
        if "comment_id" in request.POST:
            form = HideCommentForm(request.POST)
            if form.is_valid():
                comment = get_object_or_404(
                    proposal.comments, pk=form.cleaned_data["comment_id"]
                )
                services.comment_hide(
                    comment=comment, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The comment is hidden."))
                return redirect(request.path)
            return self.render_to_response(self.get_context_data(hide_form=form))
        form = DecisionForm(request.POST)
        steps = services.allowed_steps(proposal=proposal, user=request.user)
        form.fields["action"].choices = [
            (value, label) for value, label in DecisionForm.ACTIONS if value in steps
        ]
        if form.is_valid():
            try:
                services.proposal_transition(
                    proposal=proposal,
                    to=form.cleaned_data["action"],
                    by=request.user,
                    comment=form.cleaned_data["comment"],
                    decision_reference=form.cleaned_data["decision_reference"],
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
            else:
                messages.success(
                    request, _("The decision is recorded and the proposer told.")
                )
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(decision_form=form))
