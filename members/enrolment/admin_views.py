"""Reviewing applications in the Wagtail admin: the listing and the decision view."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic.models import IndexView

from bid.access import may
from bid.workflow_admin import ReviewView
from members.enrolment.forms import ReviewForm
from members.enrolment.models import Enrolment
from members.enrolment.selectors import enrolments_in_review
from members.enrolment.services import (
    enrolment_approve,
    enrolment_reject,
    enrolment_request_information,
)

DECIDABLE = (Enrolment.Status.SUBMITTED, Enrolment.Status.NEEDS_INFORMATION)


class EnrolmentIndexView(IndexView):
    def get_base_queryset(self):
        # Drafts belong to the applicant until they are sent.
        return enrolments_in_review()


class EnrolmentReviewView(ReviewView):
    template_name = "enrolment/admin/review.html"
    page_title = gettext_lazy("Review the application")
    form_class = ReviewForm

    def get_review_queryset(self):
        return enrolments_in_review()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enrolment = self.object
        context.update(
            {
                "enrolment": enrolment,
                "organisation": enrolment.organisation,
                "properties": enrolment.properties.select_related("area"),
                "can_decide": may(self.request.user, "review_enrolment")
                and enrolment.status in DECIDABLE,
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        if not may(request.user, "review_enrolment"):
            raise PermissionDenied(_("Only the secretariat reviews applications."))
        return super().post(request, *args, **kwargs)

    def decide(self, form) -> str:
        action = form.cleaned_data["action"]
        comment = form.cleaned_data["comment"]
        by = self.request.user
        if action == "approve":
            enrolment_approve(enrolment=self.object, by=by, comment=comment)
            return _("Approved: the organisation is now a member.")
        if action == "reject":
            enrolment_reject(enrolment=self.object, by=by, reason=comment)
            return _("Rejected; the applicant has been told why.")
        enrolment_request_information(enrolment=self.object, by=by, comment=comment)
        return _("The applicant has been asked for more information.")
