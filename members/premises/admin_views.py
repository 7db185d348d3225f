"""The board's and the secretariat's view of the search requests for premises
and their matches over time."""

from django.contrib import messages
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required

from members.premises import services
from members.premises.models import Match, PremisesRequest
from members.premises.selectors import requests_and_matches

PERMISSION = "premises.view_premisesrequest"


@permission_required(PERMISSION)
def requests(request):
    """Every search request with its matches, and both counted by month."""
    months: dict = {}
    for model, key in ((PremisesRequest, "requests"), (Match, "matches")):
        for row in (
            model.objects.annotate(month=TruncMonth("created_at"))
            .values("month")
            .annotate(count=Count("pk"))
            .order_by()
        ):
            months.setdefault(row["month"], {"requests": 0, "matches": 0})
            months[row["month"]][key] = row["count"]
    return TemplateResponse(
        request,
        "premises/admin/requests.html",
        {
            "requests": requests_and_matches()[:200],
            "months": sorted(months.items(), key=lambda item: item[0], reverse=True),
        },
    )


@permission_required(PERMISSION)
@require_POST
def remove(request, pk):
    """Remove a search request on its business's request (its name and
    address go with it)."""
    found = get_object_or_404(PremisesRequest, pk=pk)
    services.request_remove(by=request.user, request=found)
    messages.success(request, _("The search request is removed."))
    return redirect("premises_admin_requests")
