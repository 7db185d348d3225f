"""The member portal: dashboard, organisation, people, invitations, properties.

Every object is looked up through the viewer's own organisations, so another
organisation's records answer 404; admin-only actions answer 403 to contacts.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bid.access import ASK_ADMIN, Refusal
from bid.actions import reported
from bid.forms import submitted
from bid.ratelimit import ratelimit
from members.organisations import panels, services
from members.organisations.forms import (
    InvitationForm,
    OrganisationForm,
    PropertyForm,
    RoleForm,
)
from members.organisations.models import Invitation, OrganisationMember
from members.organisations.selectors import (
    is_admin_of,
    open_invitations_of,
    organisations_for,
    people_of,
    properties_for,
    properties_of,
)


def _organisation(request, pk):
    return get_object_or_404(organisations_for(user=request.user), pk=pk)


def _require_admin(request, organisation):
    if not is_admin_of(user=request.user, organisation=organisation):
        raise Refusal(
            _("Only the organisation's administrators may do this."), advice=ASK_ADMIN
        )


def _next_or(request, url: str) -> str:
    """A safe local `next` address from the request, or the given one."""
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return url


@login_required
def dashboard(request):
    """The portal's start: the panels each app shows this person."""
    return TemplateResponse(
        request,
        "organisations/dashboard.html",
        {"panels": panels.shown(panels.DASHBOARD, request)},
    )


@login_required
def organisation_detail(request, pk):
    organisation = _organisation(request, pk)
    people = list(people_of(organisation=organisation))
    is_admin = any(
        person.user_id == request.user.pk
        and person.role == OrganisationMember.Role.ADMIN
        for person in people
    )
    return TemplateResponse(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "is_admin": is_admin,
            "panels": panels.shown(panels.ORGANISATION, request, organisation),
            "properties": properties_of(organisation=organisation),
            "people": people,
            "invitations": open_invitations_of(organisation=organisation)
            if is_admin
            else [],
            "invitation_form": InvitationForm(),
            "role_choices": OrganisationMember.Role.choices,
        },
    )


@login_required
def organisation_edit(request, pk):
    organisation = _organisation(request, pk)
    _require_admin(request, organisation)
    form = OrganisationForm(
        request.POST or None, request.FILES or None, instance=organisation
    )
    saved = submitted(
        request,
        form,
        lambda: services.organisation_update(
            organisation=organisation, by=request.user, **form.cleaned_data
        ),
        done=_("The organisation's details are saved."),
        to=reverse("portal:organisation", args=[organisation.pk]),
    )
    return saved or TemplateResponse(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
def property_add(request, pk):
    organisation = _organisation(request, pk)
    _require_admin(request, organisation)
    form = PropertyForm(request.POST or None)
    added = submitted(
        request,
        form,
        lambda: services.property_add(
            organisation=organisation, by=request.user, **form.cleaned_data
        ),
        done=lambda prop: _("%(property)s is added.") % {"property": prop},
        to=_next_or(request, reverse("portal:organisation", args=[organisation.pk])),
    )
    return added or TemplateResponse(
        request,
        "organisations/property_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
def property_edit(request, pk):
    prop = get_object_or_404(properties_for(user=request.user), pk=pk)
    _require_admin(request, prop.owner)
    form = PropertyForm(request.POST or None, instance=prop)
    saved = submitted(
        request,
        form,
        lambda: services.property_update(
            prop=prop, by=request.user, **form.cleaned_data
        ),
        done=lambda _saved: _("%(property)s is saved.") % {"property": prop},
        to=lambda _saved: _next_or(
            request, reverse("portal:organisation", args=[prop.owner_id])
        ),
    )
    return saved or TemplateResponse(
        request,
        "organisations/property_form.html",
        {"form": form, "organisation": prop.owner, "property": prop},
    )


@login_required
@require_POST
def property_delete(request, pk):
    prop = get_object_or_404(properties_for(user=request.user), pk=pk)
    return reported(
        request,
        lambda: services.property_remove(prop=prop, by=request.user),
        done=_("The property is removed."),
        to=_next_or(request, reverse("portal:organisation", args=[prop.owner_id])),
    )


@login_required
@require_POST
@ratelimit("invitation")
def invite(request, pk):
    organisation = _organisation(request, pk)
    _require_admin(request, organisation)
    form = InvitationForm(request.POST)
    if form.is_valid():
        return reported(
            request,
            lambda: services.invitation_create(
                organisation=organisation, by=request.user, **form.cleaned_data
            ),
            done=lambda invitation: (
                _("An invitation is sent to %(email)s.") % {"email": invitation.email}
            ),
            to=reverse("portal:organisation", args=[organisation.pk]),
        )
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
    return redirect("portal:organisation", organisation.pk)


@login_required
@require_POST
def invitation_revoke(request, pk):
    invitation = get_object_or_404(
        Invitation.objects.filter(
            organisation__in=organisations_for(user=request.user)
        ),
        pk=pk,
    )
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation is withdrawn."))
    return redirect("portal:organisation", invitation.organisation_id)


def _member(request, pk) -> OrganisationMember:
    return get_object_or_404(
        OrganisationMember.objects.filter(
            organisation__in=organisations_for(user=request.user)
        ).select_related("organisation", "user"),
        pk=pk,
    )


@login_required
@require_POST
def member_role(request, pk):
    member = _member(request, pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        return reported(
            request,
            lambda: services.member_set_role(
                member=member, role=form.cleaned_data["role"], by=request.user
            ),
            done=_("The role is changed."),
            to=reverse("portal:organisation", args=[member.organisation_id]),
        )
    return redirect("portal:organisation", member.organisation_id)


@login_required
@require_POST
def member_remove(request, pk):
    member = _member(request, pk)
    return reported(
        request,
        lambda: services.member_remove(member=member, by=request.user),
        done=_("The person no longer acts for the organisation."),
        to=reverse("portal:organisation", args=[member.organisation_id]),
    )


@login_required
def invitation_accept(request, token):
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation"), token=token
    )
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("You now act for %(name)s.")
                % {"name": invitation.organisation.legal_name},
            )
            return redirect("portal:organisation", invitation.organisation_id)
    return TemplateResponse(
        request, "organisations/invitation.html", {"invitation": invitation}
    )
