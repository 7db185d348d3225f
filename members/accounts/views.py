"""A person's own account: their name, download their data, delete the account."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.accounts.forms import DeleteAccountForm, NameForm
from members.accounts.services import (
    user_data_export,
    user_delete,
    user_name_update,
)


@login_required
def name_edit(request):
    user = request.user
    form = NameForm(
        request.POST or None,
        initial={"first_name": user.first_name, "last_name": user.last_name},
    )
    if request.method == "POST" and form.is_valid():
        user_name_update(user=user, **form.cleaned_data)
        messages.success(request, _("Your name is saved."))
        return redirect("account_name")
    return TemplateResponse(request, "accounts/name.html", {"form": form})


@login_required
def data_overview(request):
    return TemplateResponse(request, "accounts/data.html", {})


@login_required
def data_download(request):
    data = user_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"bid-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            handed_over = user_delete(
                user=request.user, password=form.cleaned_data["password"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            messages.success(request, _("Your account and personal data are deleted."))
            if handed_over:
                messages.info(
                    request,
                    _("The secretariat now looks after: %(names)s.")
                    % {"names": ", ".join(handed_over)},
                )
            return redirect("wagtail_serve", "")
    return TemplateResponse(request, "accounts/delete.html", {"form": form})
