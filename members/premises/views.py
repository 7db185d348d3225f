"""The portal's premises pages: owners add and edit their premises; a member
business leaves a search request and sees its requests and their matches."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bid.forms import submitted
from members.organisations.models import Organisation
from members.organisations.selectors import properties_for
from members.premises import services
from members.premises.forms import PremisesForm, RequestForm
from members.premises.models import Premises
from members.premises.selectors import premises_editable_by, requests_of


def _saved(premises) -> str:
    return _("%(premises)s is saved.") % {"premises": premises}


@login_required
def premises_add(request, pk):
    # The owner's people find the property; only its administrators may add.
    prop = get_object_or_404(properties_for(user=request.user), pk=pk)
    services.require_owner(user=request.user, prop=prop)
    form = PremisesForm(request.POST or None)
    saved = submitted(
        request,
        form,
        lambda: services.premises_create(
            prop=prop, by=request.user, **form.cleaned_data
        ),
        done=_saved,
        to=reverse("portal:organisation", args=[prop.owner_id]),
    )
    return saved or TemplateResponse(
        request,
        "premises/premises_form.html",
        {"form": form, "property": prop, "organisation": prop.owner},
    )


@login_required
def premises_edit(request, pk):
    # Premises of another organisation do not exist for this person (404).
    premises = get_object_or_404(premises_editable_by(user=request.user), pk=pk)
    form = PremisesForm(request.POST or None, instance=premises)
    saved = submitted(
        request,
        form,
        lambda: services.premises_update(
            premises=premises, by=request.user, **form.cleaned_data
        ),
        done=lambda _updated: _saved(premises),
        to=lambda _updated: reverse(
            "portal:organisation", args=[premises.property.owner_id]
        ),
    )
    return saved or TemplateResponse(
        request,
        "premises/premises_form.html",
        {
            "form": form,
            "premises": premises,
            "property": premises.property,
            "organisation": premises.property.owner,
        },
    )


@login_required
@require_POST
def premises_status(request, pk):
    """Mark premises let, vacant (from today) or reserved in one step."""
    premises = get_object_or_404(premises_editable_by(user=request.user), pk=pk)
    status = request.POST.get("status", "")
    if status not in Premises.Status.values:
        messages.error(request, _("Choose let, vacant or reserved."))
    elif status != premises.status:
        services.premises_set_status(premises=premises, by=request.user, status=status)
        messages.success(
            request,
            _("%(premises)s is marked %(status)s.")
            % {"premises": premises, "status": premises.get_status_display().lower()},
        )
    return redirect("portal:organisation", premises.property.owner_id)


def _organisations(user):
    return Organisation.objects.filter(members__user=user).order_by("legal_name")


@login_required
def request_list(request):
    return TemplateResponse(
        request,
        "premises/request_list.html",
        {
            "requests": requests_of(user=request.user),
            "may_ask": _organisations(request.user).exists(),
        },
    )


@login_required
def request_new(request):
    organisations = _organisations(request.user)
    form = (
        RequestForm(request.POST or None, organisations=organisations)
        if organisations.exists()
        else None
    )
    saved = form is not None and submitted(
        request,
        form,
        lambda: services.request_create(by=request.user, **form.cleaned_data),
        done=_(
            "Your search request is saved. The owners of premises that fit it are told."
        ),
        to=reverse("portal:premises_requests"),
    )
    return saved or TemplateResponse(
        request, "premises/request_form.html", {"form": form}
    )


@login_required
@require_POST
def request_close(request, pk):
    found = get_object_or_404(requests_of(user=request.user), pk=pk)
    services.request_close(by=request.user, request=found)
    messages.success(
        request,
        _("The search request is closed: no owner is told of it any longer."),
    )
    return redirect("portal:premises_requests")
