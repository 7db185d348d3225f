"""Downloads of the Peppol e-invoice (UBL XML) of an invoice or its credit note:
in the portal for the organisation's people, in the admin for staff.

The XML is the document the access point sends, in the district's language,
whoever downloads it.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from wagtail.admin.auth import permission_required

from members.contributions import peppol
from members.contributions.models import Contribution, CreditNote
from members.contributions.selectors import contributions_for

view_required = permission_required("contributions.view_contribution")


def xml_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=peppol.MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=0"
    return response


def _invoice(contribution: Contribution) -> HttpResponse:
    return xml_response(
        peppol.file_name(contribution.number, "invoice"),
        peppol.invoice_xml(contribution),
    )


def _credit_note(credit_note: CreditNote) -> HttpResponse:
    return xml_response(
        peppol.file_name(credit_note.number, "credit_note"),
        peppol.credit_note_xml(credit_note),
    )


@login_required
def contribution_ubl(request, pk: int):
    return _invoice(get_object_or_404(contributions_for(user=request.user), pk=pk))


@login_required
def credit_note_ubl(request, pk: int):
    contribution = get_object_or_404(contributions_for(user=request.user), pk=pk)
    return _credit_note(
        get_object_or_404(
            CreditNote.objects.select_related("contribution__organisation"),
            contribution=contribution,
        )
    )


@view_required
def admin_contribution_ubl(request, pk: int):
    return _invoice(
        get_object_or_404(Contribution.objects.select_related("organisation"), pk=pk)
    )


@view_required
def admin_credit_note_ubl(request, pk: int):
    return _credit_note(
        get_object_or_404(
            CreditNote.objects.select_related("contribution__organisation"),
            contribution_id=pk,
        )
    )
