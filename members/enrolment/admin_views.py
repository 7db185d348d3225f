"""Reviewing applications in the Wagtail admin: the listing and the decision view."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.admin.views.generic.models import IndexView, InspectView

from members.enrolment.forms import ReviewForm
from members.enrolment.models import Enrolment
from members.enrolment.selectors import enrolments_in_review
from members.enrolment.services import (
    can_review,
    enrolment_approve,
    enrolment_reject,
    enrolment_request_information,
)

DECIDABLE = (Enrolment.Status.SUBMITTED, Enrolment.Status.NEEDS_INFORMATION)


class EnrolmentIndexView(IndexView):
    def get_base_queryset(self):
        # Drafts belong to the applicant until they are sent.
        return enrolments_in_review()


class EnrolmentReviewView(InspectView):
    template_name = "enrolment/admin/review.html"

    def get_object(self, queryset=None):
        return get_object_or_404(enrolments_in_review(), pk=self.pk)

    def get_page_title(self):
        return _("Review the application")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enrolment = self.object
        context.update(
            {
                "enrolment": enrolment,
                "organisation": enrolment.organisation,
                "properties": enrolment.properties.all(),
                "transitions": enrolment.transitions.all(),
                "can_decide": can_review(self.request.user)
                and enrolment.status in DECIDABLE,
                "review_form": kwargs.get("review_form") or ReviewForm(),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        if not can_review(request.user):
            raise PermissionDenied
        form = ReviewForm(request.POST)
        if form.is_valid():
            action = form.cleaned_data["action"]
            comment = form.cleaned_data["comment"]
            try:
                if action == "approve":
                    enrolment_approve(
                        enrolment=self.object, by=request.user, comment=comment
                    )
                    messages.success(
                        request, _("Approved: the organisation is now a member.")
                    )
                elif action == "reject":
                    enrolment_reject(
                        enrolment=self.object, by=request.user, reason=comment
                    )
                    messages.success(
                        request, _("Rejected; the applicant has been told why.")
                    )
                else:
                    enrolment_request_information(
                        enrolment=self.object, by=request.user, comment=comment
                    )
                    messages.success(
                        request, _("The applicant has been asked for more information.")
                    )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
            else:
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(review_form=form))
