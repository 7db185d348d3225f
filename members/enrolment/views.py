"""The applicant's side of an application: register the organisation, choose
properties, accept terms, send."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bid.actions import reported
from bid.forms import add_errors, submitted
from bid.ratelimit import ratelimit
from members.enrolment import services
from members.enrolment.forms import EnrolmentForm, SubmitForm
from members.enrolment.models import Agreement, MembershipTerms
from members.enrolment.selectors import current_terms, enrolments_for
from members.enrolment.services import (
    agreement_cancel,
    enrolment_start,
    enrolment_update,
    properties_required,
)
from members.organisations import services as organisation_services
from members.organisations.forms import OrganisationForm, PropertyForm
from members.organisations.selectors import is_admin_of, organisations_for


def _application(enrolment) -> str:
    return reverse("portal:enrolment", args=[enrolment.pk])


@login_required
@ratelimit("organisation_create")
def organisation_create(request):
    """Register an organisation and open its application."""
    form = OrganisationForm(request.POST or None, request.FILES or None)

    def register():
        organisation = organisation_services.organisation_create(
            by=request.user, **form.cleaned_data
        )
        return enrolment_start(organisation=organisation, by=request.user)

    registered = submitted(
        request,
        form,
        register,
        done=lambda enrolment: (
            _(
                "%(name)s is registered. "
                "Now add its properties and send the application."
            )
            % {"name": enrolment.organisation.legal_name}
        ),
        to=_application,
    )
    return registered or TemplateResponse(
        request, "organisations/organisation_form.html", {"form": form}
    )


def _application_page(request, enrolment, *, form=None, submit_form=None):
    """The application page, with the forms as posted when they come back with
    errors."""
    organisation = enrolment.organisation
    is_admin = is_admin_of(user=request.user, organisation=organisation)
    terms = current_terms()
    form = form or EnrolmentForm(
        organisation=organisation,
        initial={
            "properties": list(enrolment.properties.values_list("pk", flat=True)),
            "message": enrolment.message,
        },
    )
    submit_form = submit_form or SubmitForm(
        initial={"terms": terms.pk if terms else None}
    )
    return TemplateResponse(
        request,
        "enrolment/enrolment_detail.html",
        {
            "enrolment": enrolment,
            "organisation": organisation,
            "is_admin": is_admin,
            "editable": is_admin and enrolment.is_editable_by_applicant,
            "properties_required": properties_required(organisation),
            "form": form,
            "terms": terms,
            "submit_form": submit_form,
            "transitions": enrolment.transitions.all(),
            "last_request": enrolment.last_request,
        },
        status=400 if form.errors or submit_form.errors else 200,
    )


@login_required
def enrolment_detail(request, pk):
    """The application: save the chosen properties and message as a draft."""
    enrolment = get_object_or_404(enrolments_for(user=request.user), pk=pk)
    if request.method != "POST":
        return _application_page(request, enrolment)
    form = EnrolmentForm(request.POST, organisation=enrolment.organisation)
    saved = submitted(
        request,
        form,
        lambda: enrolment_update(
            enrolment=enrolment,
            by=request.user,
            property_ids=[p.pk for p in form.cleaned_data["properties"]],
            message=form.cleaned_data["message"],
        ),
        done=_("The application is saved."),
        to=_application(enrolment),
    )
    return saved or _application_page(request, enrolment, form=form)


@login_required
@require_POST
@ratelimit("enrolment_send")
def enrolment_send(request, pk):
    """Send the application with the properties and message as ticked on the
    page: one form, one step; nothing is saved when it cannot be sent."""
    enrolment = get_object_or_404(enrolments_for(user=request.user), pk=pk)
    form = EnrolmentForm(request.POST, organisation=enrolment.organisation)
    submit_form = SubmitForm(request.POST)
    if form.is_valid() and submit_form.is_valid():
        terms = MembershipTerms.objects.filter(
            pk=submit_form.cleaned_data["terms"]
        ).first()
        try:
            services.enrolment_send(
                enrolment=enrolment,
                by=request.user,
                property_ids=[p.pk for p in form.cleaned_data["properties"]],
                message=form.cleaned_data["message"],
                terms=terms,
                accept_terms=submit_form.cleaned_data["accept_terms"],
            )
        except ValidationError as error:
            # The terms' box is on the sending form; the rest on the application.
            if "accept_terms" in getattr(error, "error_dict", {}):
                submit_form.add_error(
                    "accept_terms", error.error_dict.pop("accept_terms")
                )
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The application is sent. We will email you about the review."),
            )
            return redirect("portal:dashboard")
    return _application_page(request, enrolment, form=form, submit_form=submit_form)


@login_required
def enrolment_property_add(request, pk):
    """Register a property from the application page; it joins the application."""
    enrolment = get_object_or_404(enrolments_for(user=request.user), pk=pk)
    services.APPLICANT.require(request.user, enrolment)
    if not enrolment.is_editable_by_applicant:
        messages.error(request, _("The application can no longer be changed."))
        return redirect("portal:enrolment", enrolment.pk)
    form = PropertyForm(request.POST or None)
    added = submitted(
        request,
        form,
        lambda: services.enrolment_property_add(
            enrolment=enrolment, by=request.user, **form.cleaned_data
        ),
        done=lambda prop: (
            _("%(property)s is added to the application.") % {"property": prop}
        ),
        to=_application(enrolment),
    )
    return added or TemplateResponse(
        request,
        "organisations/property_form.html",
        {"form": form, "organisation": enrolment.organisation},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def agreement_give_notice(request, pk):
    agreement = get_object_or_404(
        Agreement.objects.filter(
            membership__organisation__in=organisations_for(user=request.user)
        ),
        pk=pk,
    )
    return reported(
        request,
        lambda: agreement_cancel(agreement=agreement, by=request.user),
        done=lambda cancelled: (
            _("Notice is given. The membership ends on %(date)s.")
            % {"date": cancelled.ends_on.isoformat()}
        ),
        to=reverse("portal:organisation", args=[agreement.membership.organisation_id]),
    )
