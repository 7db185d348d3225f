"""The proposals review queue in the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from members.proposals.admin_views import ProposalIndexView, ProposalReviewView
from members.proposals.models import Proposal


class ProposalViewSet(ModelViewSet):
    model = Proposal
    name = "proposal_review"
    icon = "tasks"
    menu_label = _("Proposals")
    menu_order = 170
    add_to_admin_menu = True
    index_view_class = ProposalIndexView
    inspect_view_class = ProposalReviewView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["title", "organisation", "status", "priority", "submitted_at"]
    list_filter = ["status", "priority"]
    search_fields = ["title", "summary"]
    form_fields = ["decision_reference"]


@hooks.register("register_admin_viewset")
def register_proposals():
    return ProposalViewSet()
