"""The e-invoice panel of an invoice in the admin: where each document stands on
the Peppol network, and its XML."""

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse

from members.contributions.einvoicing import einvoice_state

register = template.Library()


@register.inclusion_tag("contributions/includes/einvoice_admin.html")
def einvoice_admin(contribution):
    organisation = contribution.organisation
    rows = [
        {
            "kind": "invoice",
            "number": contribution.number,
            "document": contribution,
            "state": einvoice_state(contribution, organisation),
            "url": reverse("contributions_invoice_ubl", args=[contribution.pk]),
        }
    ]
    try:
        credit_note = contribution.credit_note
    except ObjectDoesNotExist:
        credit_note = None
    if credit_note is not None:
        rows.append(
            {
                "kind": "credit_note",
                "number": credit_note.number,
                "document": credit_note,
                "state": einvoice_state(credit_note, organisation),
                "url": reverse("contributions_credit_note_ubl", args=[contribution.pk]),
            }
        )
    return {"rows": rows, "peppol_id": organisation.peppol_id}
