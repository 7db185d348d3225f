"""The applicant's side of an application: register the organisation, choose
properties, accept terms, send."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bid.forms import add_errors
from bid.ratelimit import ratelimit
from members.enrolment.forms import EnrolmentForm, SubmitForm
from members.enrolment.models import Agreement, MembershipTerms
from members.enrolment.selectors import current_terms, enrolments_for
from members.enrolment.services import (
    agreement_cancel,
    enrolment_start,
    enrolment_submit,
    enrolment_update,
)
from members.organisations import services as organisation_services
from members.organisations.forms import OrganisationForm
from members.organisations.selectors import is_admin_of, organisations_for


def _errors_to_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@ratelimit("organisation_create")
def organisation_create(request):
    """Register an organisation and open its application."""
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = organisation_services.organisation_create(
                by=request.user, **form.cleaned_data
            )
            enrolment = enrolment_start(organisation=organisation, by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s is registered. "
                    "Now add its properties and send the application."
                )
                % {"name": organisation.legal_name},
            )
            return redirect("portal:enrolment", enrolment.pk)
    return TemplateResponse(
        request, "organisations/organisation_form.html", {"form": form}
    )


@login_required
def enrolment_detail(request, pk):
    enrolment = get_object_or_404(enrolments_for(user=request.user), pk=pk)
    organisation = enrolment.organisation
    is_admin = is_admin_of(user=request.user, organisation=organisation)
    editable = is_admin and enrolment.is_editable_by_applicant
    form = EnrolmentForm(
        request.POST or None,
        organisation=organisation,
        initial={
            "properties": list(enrolment.properties.values_list("pk", flat=True)),
            "message": enrolment.message,
        },
    )
    if request.method == "POST" and editable and form.is_valid():
        try:
            enrolment_update(
                enrolment=enrolment,
                by=request.user,
                property_ids=[p.pk for p in form.cleaned_data["properties"]],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            _errors_to_messages(request, error)
        else:
            messages.success(request, _("The application is saved."))
            return redirect("portal:enrolment", enrolment.pk)
    terms = current_terms()
    return TemplateResponse(
        request,
        "enrolment/enrolment_detail.html",
        {
            "enrolment": enrolment,
            "organisation": organisation,
            "is_admin": is_admin,
            "editable": editable,
            "form": form,
            "terms": terms,
            "submit_form": SubmitForm(initial={"terms": terms.pk if terms else None}),
            "transitions": enrolment.transitions.all(),
            "last_request": enrolment.last_request,
        },
    )


@login_required
@require_POST
@ratelimit("enrolment_send")
def enrolment_send(request, pk):
    enrolment = get_object_or_404(enrolments_for(user=request.user), pk=pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Accept the membership terms to apply."))
        return redirect("portal:enrolment", enrolment.pk)
    terms = MembershipTerms.objects.filter(pk=form.cleaned_data["terms"]).first()
    try:
        enrolment_submit(
            enrolment=enrolment,
            by=request.user,
            terms=terms,
            accept_terms=form.cleaned_data["accept_terms"],
        )
    except ValidationError as error:
        _errors_to_messages(request, error)
        return redirect("portal:enrolment", enrolment.pk)
    messages.success(
        request, _("The application is sent. We will email you about the review.")
    )
    return redirect("portal:dashboard")


@login_required
@require_POST
def agreement_give_notice(request, pk):
    agreement = get_object_or_404(
        Agreement.objects.filter(
            membership__organisation__in=organisations_for(user=request.user)
        ),
        pk=pk,
    )
    try:
        agreement = agreement_cancel(agreement=agreement, by=request.user)
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(
            request,
            _("Notice is given. The membership ends on %(date)s.")
            % {"date": agreement.ends_on.isoformat()},
        )
    return redirect("portal:organisation", agreement.membership.organisation_id)
