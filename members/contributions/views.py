"""Contributions in the member portal, the pay page, receipts and the Stripe webhook."""

import json
import logging

from csp.decorators import csp_update
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bid.access import ASK_ADMIN, Refusal
from bid.ratelimit import ratelimit
from members.contributions import gateway, stripe_events
from members.contributions.models import CreditNote, InvoiceSettings
from members.contributions.pdf import credit_note_pdf, invoice_pdf, receipt_pdf
from members.contributions.references import payee_lines
from members.contributions.selectors import contributions_for, receipts_for
from members.contributions.services import (
    EventDeferred,
    PaymentError,
    contribution_pay_by_card,
    may_pay,
    stripe_event_apply,
)

logger = logging.getLogger(__name__)


def _contribution(request, pk):
    return get_object_or_404(contributions_for(user=request.user), pk=pk)


@login_required
def contribution_list(request):
    return TemplateResponse(
        request,
        "contributions/contribution_list.html",
        {"contributions": contributions_for(user=request.user)},
    )


@login_required
def contribution_detail(request, pk):
    contribution = _contribution(request, pk)
    return TemplateResponse(
        request,
        "contributions/contribution_detail.html",
        {
            "contribution": contribution,
            "balance": contribution.balance(),
            "lines": contribution.lines.all(),
            "entries": contribution.entries.all(),
            "may_pay": may_pay(user=request.user, contribution=contribution),
            "card_payments": gateway.is_configured(),
            "payee": payee_lines(
                InvoiceSettings.load(request_or_site=request),
                reference=contribution.payment_reference,
            ),
        },
    )


def _pay_page_csp(view):
    """Allow Stripe.js (its URL is a setting) on the pay page only."""

    def wrapped(request, *args, **kwargs):
        return csp_update(gateway.csp_origins())(view)(request, *args, **kwargs)

    return wrapped


@login_required
@_pay_page_csp
@ratelimit("contribution_pay")
def contribution_pay(request, pk):
    contribution = _contribution(request, pk)
    if not may_pay(user=request.user, contribution=contribution):
        raise Refusal(
            _("Only the organisation's administrators pay its contributions."),
            advice=ASK_ADMIN,
        )
    balance = contribution.balance()
    if request.method == "POST":
        try:
            intent = contribution_pay_by_card(
                contribution=contribution,
                by=request.user,
                token=request.POST.get("stripe_token", ""),
            )
        except PaymentError as error:
            return JsonResponse({"error": error.message}, status=400)
        done_url = reverse("portal:contribution", args=[contribution.pk]) + "?paid=1"
        return JsonResponse(
            {
                "status": intent.status,
                "client_secret": intent.client_secret,
                "redirect": done_url,
                "error": intent.last_error or None,
            }
        )
    return TemplateResponse(
        request,
        "contributions/contribution_pay.html",
        {
            "contribution": contribution,
            "balance": balance,
            "card_payments": gateway.is_configured(),
            "stripe_js_url": gateway.js_url(),
            "publishable_key": gateway.publishable_key(),
        },
    )


@login_required
def receipt(request, pk):
    entry = get_object_or_404(receipts_for(user=request.user), pk=pk)
    return TemplateResponse(
        request,
        "contributions/receipt.html",
        {"entry": entry, "contribution": entry.contribution},
    )


def pdf_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=0"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def invoice_download(request, pk):
    contribution = _contribution(request, pk)
    return pdf_response(*invoice_pdf(contribution, language=translation.get_language()))


@login_required
def credit_note_download(request, pk):
    credit_note = get_object_or_404(
        CreditNote.objects.select_related("contribution__organisation"),
        contribution=_contribution(request, pk),
    )
    return pdf_response(
        *credit_note_pdf(credit_note, language=translation.get_language())
    )


@login_required
def receipt_download(request, pk):
    entry = get_object_or_404(receipts_for(user=request.user), pk=pk)
    return pdf_response(*receipt_pdf(entry, language=translation.get_language()))


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Verify the signature, read the event, store it once, apply it.

    A bad or stale signature, or a signed payload that is no event at all,
    answers 400 and writes nothing. An event that is well formed but does not
    fit (unknown invoice, odd amounts) answers 200 with the reason, so Stripe
    stops retrying; 503 only when the event has to wait for Stripe itself.
    """
    if not gateway.is_configured():
        raise Http404
    try:
        gateway.event_verify(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
    except gateway.SignatureError:
        logger.warning("Stripe webhook with a bad signature was refused")
        return HttpResponseBadRequest("bad signature")
    try:
        event = stripe_events.parse_event(request.body)
    except stripe_events.MalformedEvent as error:
        logger.warning("Signed Stripe webhook refused: %s", error)
        return HttpResponseBadRequest("malformed event")
    try:
        outcome = stripe_event_apply(event=event)
    except (gateway.GatewayError, EventDeferred) as error:
        # Nothing was stored; Stripe delivers the event again later.
        logger.warning("Stripe event %s deferred: %s", event.id, error)
        return HttpResponse(status=503)
    if outcome.startswith(("ignored", "review")):
        logger.info("Stripe event %s (%s): %s", event.id, event.type, outcome)
    return HttpResponse(
        json.dumps({"outcome": outcome}), content_type="application/json"
    )
