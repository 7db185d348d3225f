"""The admin side of membership: applications to review and the membership terms."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from bid import dashboard
from members.enrolment.admin_views import EnrolmentIndexView, EnrolmentReviewView
from members.enrolment.models import Agreement, Enrolment, MembershipTerms
from members.enrolment.selectors import enrolments_to_decide_count
from members.organisations.wagtail_hooks import OrganisationViewSet, PropertyViewSet


class EnrolmentViewSet(ModelViewSet):
    model = Enrolment
    name = "enrolment_review"
    icon = "tasks"
    menu_label = _("Applications")
    index_view_class = EnrolmentIndexView
    inspect_view_class = EnrolmentReviewView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["organisation", "status", "submitted_at", "applicant"]
    list_filter = ["status", "organisation__type", "organisation__country"]
    search_fields = ["organisation__legal_name", "organisation__org_number"]
    ordering = ["-submitted_at"]
    form_fields = []


class AgreementViewSet(ModelViewSet):
    model = Agreement
    name = "agreements"
    icon = "doc-full"
    menu_label = _("Agreements")
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["membership", "renewal_date", "notice_months", "cancelled_on"]
    list_filter = ["cancelled_on"]
    ordering = ["renewal_date"]
    form_fields = ["renewal_date", "cancelled_on"]


class MembershipTermsViewSet(SnippetViewSet):
    model = MembershipTerms
    icon = "doc-full-inverse"
    menu_label = _("Membership terms")
    list_display = ["title", "version", "effective_from", "locale"]


class MembersGroup(ViewSetGroup):
    menu_label = _("Members")
    menu_icon = "group"
    menu_order = 150
    items = (
        EnrolmentViewSet,
        OrganisationViewSet,
        PropertyViewSet,
        AgreementViewSet,
        MembershipTermsViewSet,
    )


@hooks.register("register_admin_viewset")
def register_members_group():
    return MembersGroup()


dashboard.register_count(
    name="applications",
    order=10,
    permission="enrolment.review_enrolment",
    label=_("Applications to decide"),
    count=enrolments_to_decide_count,
    url="enrolment_review:index",
    query="?status=submitted",
)
