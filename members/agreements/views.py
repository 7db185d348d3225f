"""The portal's agreements: a member sees the agreements its organisations
are party to, with their obligations and signed documents."""

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from bid.access import hidden
from members.agreements import selectors
from members.agreements.admin_views import serve_document
from members.agreements.models import AgreementDocument


@login_required
def agreement_list(request):
    return TemplateResponse(
        request,
        "agreements/portal/list.html",
        {
            "agreements": selectors.agreements_visible_to(user=request.user).order_by(
                "ends_on", "title", "pk"
            )
        },
    )


@login_required
def agreement_detail(request, pk: int):
    agreement = selectors.portal_agreement(user=request.user, pk=pk)
    if agreement is None:
        return hidden(request, visibility=None)
    return TemplateResponse(
        request,
        "agreements/portal/detail.html",
        {
            "agreement": agreement,
            **selectors.portal_agreement_detail(agreement=agreement),
        },
    )


@login_required
def agreement_document(request, pk: int):
    document = AgreementDocument.objects.filter(
        agreement__in=selectors.agreements_visible_to(user=request.user).values("pk"),
        pk=pk,
    ).first()
    if document is None:
        return hidden(request, visibility=None)
    return serve_document(document)
