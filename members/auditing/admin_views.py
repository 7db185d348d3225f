"""Auditors in the admin: the board and the secretariat give an auditor read
access to some years, revoke it, and read the log of what auditors opened."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required

from bid.forms import DATE_INPUT, submitted
from bid.params import id_or_none
from members.auditing import selectors, services
from members.auditing.models import YEAR_VALIDATORS, AuditorGrant

LOG_PAGE_SIZE = 50
managers_only = permission_required(services.PERMISSION)


class GrantForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("The auditor's e-mail address"),
        help_text=gettext_lazy("The address of the auditor's account in the portal."),
    )
    first_year = forms.IntegerField(
        label=gettext_lazy("First year"), validators=YEAR_VALIDATORS
    )
    last_year = forms.IntegerField(
        label=gettext_lazy("Last year"), validators=YEAR_VALIDATORS
    )
    until = forms.DateField(
        label=gettext_lazy("Access until"),
        required=False,
        widget=DATE_INPUT,
        help_text=gettext_lazy("Empty: until you revoke it."),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=200,
        help_text=gettext_lazy(
            "For example the audit firm or the annual meeting that chose the auditor."
        ),
    )


@managers_only
def auditors(request):
    """The grants, current first, and the form to give a new one."""
    year = timezone.localdate().year
    form = GrantForm(
        request.POST or None, initial={"first_year": year - 1, "last_year": year}
    )
    given = submitted(
        request,
        form,
        lambda: services.grant_create(by=request.user, **form.cleaned_data),
        done=lambda grant: (
            _("%(auditor)s may now audit %(first)s–%(last)s.")
            % {
                "auditor": grant.user.email,
                "first": grant.first_year,
                "last": grant.last_year,
            }
        ),
        to=reverse("auditing_auditors"),
    )
    if given:
        return given
    active = set(selectors.active_grants().values_list("pk", flat=True))
    grants = [
        {"grant": grant, "active": grant.pk in active}
        for grant in selectors.grants_listed()
    ]
    return TemplateResponse(
        request, "auditing/admin/auditors.html", {"form": form, "grants": grants}
    )


@managers_only
@require_POST
def revoke(request, pk: int):
    grant = get_object_or_404(AuditorGrant, pk=pk)
    services.grant_revoke(by=request.user, grant=grant)
    messages.success(
        request,
        _("%(auditor)s no longer has access to %(first)s–%(last)s.")
        % {
            "auditor": grant.user.email,
            "first": grant.first_year,
            "last": grant.last_year,
        },
    )
    return redirect("auditing_auditors")


@managers_only
def log(request):
    """Every page an auditor opened, newest first, for one auditor or all."""
    auditor = id_or_none(request.GET.get("auditor"))
    page = Paginator(selectors.views_logged(user_id=auditor), LOG_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "auditing/admin/log.html",
        {
            "views": page,
            "auditors": selectors.auditors_logged(),
            "auditor": auditor,
        },
    )
