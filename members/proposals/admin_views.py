"""The board's review queue: every proposal past draft, decided with reasoning."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic.models import IndexView

from bid.forms import add_errors
from bid.workflow_admin import ReviewView
from members.proposals import services
from members.proposals.forms import DecisionForm, DiscontinueForm, HideCommentForm
from members.proposals.models import ACTIVE_STATUSES, CLOSED_STATUSES, Proposal


def reviewable():
    return (
        Proposal.objects.exclude(status=Proposal.Status.DRAFT)
        .select_related("organisation", "priority")
        .with_support_count()
    )


class ProposalIndexView(IndexView):
    def get_base_queryset(self):
        return reviewable()


class ProposalReviewView(ReviewView):
    template_name = "proposals/admin/review.html"
    page_title = gettext_lazy("Review the proposal")
    form_class = DecisionForm
    form_name = "decision_form"

    def get_review_queryset(self):
        return reviewable()

    @cached_property
    def steps(self) -> list[str]:
        return services.allowed_steps(proposal=self.object, user=self.request.user)

    def get_form(self, data=None):
        # Only the steps this person may take now are offered.
        form = DecisionForm(data)
        form.fields["action"].choices = [
            (value, label)
            for value, label in DecisionForm.ACTIONS
            if value in self.steps
        ]
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.object
        context.update(
            {
                "proposal": proposal,
                "decision_form": context["decision_form"] if self.steps else None,
                "hide_form": kwargs.get("hide_form") or HideCommentForm(),
                "discontinue_form": (
                    kwargs.get("discontinue_form") or DiscontinueForm()
                    if Proposal.Status.DISCONTINUED in self.steps
                    else None
                ),
                "is_active": proposal.status in ACTIVE_STATUSES,
                "is_closed": proposal.status in CLOSED_STATUSES,
                "comments": proposal.comments.all(),
                "attachments": proposal.attachments.all(),
                "supports": proposal.supports.select_related("organisation"),
                "progress": proposal.progress_updates.all(),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        if "discontinue" in request.POST:
            return self.discontinue(request)
        if "comment_id" not in request.POST:
            return super().post(request, *args, **kwargs)
        form = HideCommentForm(request.POST)
        if form.is_valid():
            comment = get_object_or_404(
                self.object.comments, pk=form.cleaned_data["comment_id"]
            )
            services.comment_hide(
                comment=comment, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("The comment is hidden."))
            return redirect(request.path)
        return self.render_to_response(self.get_context_data(hide_form=form))

    def discontinue(self, request):
        form = DiscontinueForm(request.POST)
        if form.is_valid():
            try:
                services.proposal_discontinue(
                    proposal=self.object,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_errors(form, error, aliases={"comment": "reason"})
            else:
                messages.success(
                    request,
                    _(
                        "The project is discontinued and the proposer told. "
                        "Write its evaluation next."
                    ),
                )
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(discontinue_form=form))

    def decide(self, form) -> str:
        services.proposal_transition(
            proposal=self.object,
            to=form.cleaned_data["action"],
            by=self.request.user,
            comment=form.cleaned_data["comment"],
            decision_reference=form.cleaned_data["decision_reference"],
        )
        return _("The decision is recorded and the proposer told.")
