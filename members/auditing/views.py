"""The auditor's pages in the portal: the years they are given, and for each
year the agreements in force, the recorded decisions, the ledger and the
exports. Read-only; every page an auditor opens is logged (`audited`)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from bid.access import Refusal
from members.agreements.admin_views import serve_document
from members.agreements.exports import agreements_csv
from members.agreements.models import AgreementDocument
from members.auditing import selectors, services
from members.contributions import sie
from members.contributions.exports import contributions_csv, ledger_csv, sie_download
from members.meetings.exports import decisions_csv

LEDGER_PAGE_SIZE = 100


def audited(view):
    """Only for an auditor, only in their years (another year answers 404),
    never cached, and logged whatever the answer."""

    @login_required
    @require_safe
    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        years = selectors.audit_years(request.user)
        if not years:
            if selectors.shows_audit(request.user):
                services.access_tidy(user=request.user)
                raise Refusal(_("Your access as an auditor has ended."))
            raise Refusal(
                _(
                    "Only an auditor the board has given access to the books "
                    "sees these pages."
                )
            )
        year = kwargs.get("year")
        status = 500
        try:
            if year is not None and year not in years:
                raise Http404
            response = view(request, *args, **kwargs)
            status = response.status_code
            return response
        except Http404:
            status = 404
            raise
        finally:
            services.view_record(
                user=request.user,
                path=request.get_full_path(),
                year=year,
                status=status,
            )

    return wrapper


def _year_page(request, year: int, template: str, **context) -> TemplateResponse:
    """A page of one year, with the years this auditor may switch to."""
    return TemplateResponse(
        request,
        template,
        {
            "year": year,
            "years": sorted(selectors.audit_years(request.user)),
            **context,
        },
    )


def _paged(request, queryset):
    return Paginator(queryset, LEDGER_PAGE_SIZE).get_page(request.GET.get("page"))


@audited
def overview(request):
    years = sorted(selectors.audit_years(request.user), reverse=True)
    return TemplateResponse(
        request,
        "auditing/portal/overview.html",
        {
            "years": [
                {"year": year, **selectors.year_counts(year=year)} for year in years
            ],
            "grants": selectors.active_grants().filter(user=request.user),
        },
    )


@audited
def year_overview(request, year: int):
    return _year_page(
        request,
        year,
        "auditing/portal/year.html",
        counts=selectors.year_counts(year=year),
        totals=selectors.ledger_totals(year=year),
        exports=EXPORTS,
    )


@audited
def agreements(request, year: int):
    return _year_page(
        request,
        year,
        "auditing/portal/agreements.html",
        agreements=selectors.agreements_of(year=year),
    )


@audited
def agreement(request, year: int, pk: int):
    found, detail = selectors.agreement_of(year=year, pk=pk)
    if found is None:
        raise Http404
    return _year_page(
        request, year, "auditing/portal/agreement.html", agreement=found, **detail
    )


@audited
def agreement_document(request, year: int, pk: int):
    document = AgreementDocument.objects.filter(
        pk=pk, agreement__in=selectors.agreements_of(year=year).values("pk")
    ).first()
    if document is None:
        raise Http404
    return serve_document(document)


@audited
def decisions(request, year: int):
    return _year_page(
        request,
        year,
        "auditing/portal/decisions.html",
        decisions=_paged(request, selectors.decisions_of(year=year)),
    )


@audited
def ledger(request, year: int):
    return _year_page(
        request,
        year,
        "auditing/portal/ledger.html",
        entries=_paged(request, selectors.ledger_of(year=year)),
        totals=selectors.ledger_totals(year=year),
    )


# The downloads of a year, by the name in their address.
EXPORTS = {
    "sie": sie_download,
    "ledger": ledger_csv,
    "contributions": contributions_csv,
    "decisions": decisions_csv,
    "agreements": agreements_csv,
}


@audited
def export(request, year: int, kind: str):
    build = EXPORTS.get(kind)
    if build is None:
        raise Http404
    try:
        return build(year=year)
    except sie.SieError as error:
        messages.error(request, str(error))
        return redirect("portal:audit_year", year=year)
