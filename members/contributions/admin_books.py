"""The books in the admin: the years' SIE files for the secretariat to download
into its bookkeeping program, and where their accounts are set."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_required

from members.contributions import exports, sie
from members.contributions.models import BookkeepingSettings

books_required = permission_required("contributions.export_books")

SERIES = [
    (sie.INVOICES, _("Invoices")),
    (sie.CREDIT_NOTES, _("Credit notes")),
    (sie.BANK, _("Bank payments")),
    (sie.CARD, _("Card payments")),
    (sie.REFUNDS, _("Refunds")),
    (sie.WRITE_OFFS, _("Write-offs")),
]


@books_required
def books(request):
    settings = BookkeepingSettings.load(request_or_site=request)
    accounts = [
        (field.verbose_name, getattr(settings, field.name))
        for field in BookkeepingSettings._meta.get_fields()
        if field.name.endswith("_account")
    ]
    context = {
        "years": sie.sie_years(),
        "series": SERIES,
        "accounts": accounts,
        "settings_url": reverse(
            "wagtailsettings:edit", args=["contributions", "bookkeepingsettings"]
        ),
        "may_change_accounts": request.user.has_perm(
            "contributions.change_bookkeepingsettings"
        ),
    }
    return TemplateResponse(request, "contributions/admin/books.html", context)


@books_required
def books_download(request, year: int):
    if not 1900 <= year <= 9999:
        raise Http404
    try:
        return exports.sie_download(year=year)
    except sie.SieError as error:
        messages.error(request, str(error))
        return redirect("contributions_books")
