"""Bank files and the payments to review, in the Wagtail admin: the board
looks, the secretariat imports and resolves."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_denied, permission_required
from wagtail.admin.menu import MenuItem

from bid.forms import add_errors
from bid.menu import PermissionMenuItem
from bid.money import MajorUnitsField
from members.contributions import bank
from members.contributions.bankfiles import MAX_FILE_BYTES
from members.contributions.models import BankImport, PaymentReview

TRANSACTIONS_PER_PAGE = 200
RESOLVED_PER_PAGE = 50


class BankFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Bank file"),
        help_text=gettext_lazy(
            "BgMax from Bankgirot (a .txt file), or ISO 20022 camt.054 or camt.053 "
            "from the bank (an .xml file). At most 20 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("The file is larger than %(size)s MB: this is not a bank file.")
                % {"size": MAX_FILE_BYTES // (1024 * 1024)}
            )
        return upload


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignForm(NoteForm):
    invoice = forms.CharField(
        label=gettext_lazy("Invoice"),
        max_length=40,
        help_text=gettext_lazy("The invoice number or its payment reference."),
        widget=forms.TextInput(attrs={"list": "open-invoices", "autocomplete": "off"}),
    )
    amount_minor = MajorUnitsField(
        label=gettext_lazy("Amount in the invoice's currency"),
        required=False,
        min_value=0.01,
        help_text=gettext_lazy("Only for a payment in another currency."),
    )

    def clean_invoice(self):
        invoice = bank.invoice_by_number_or_reference(self.cleaned_data["invoice"])
        if invoice is None:
            raise ValidationError(_("No invoice has this number or reference."))
        return invoice


@permission_required("contributions.view_bankimport")
def bank_files(request):
    may_import = request.user.has_perm("contributions.add_bankimport")
    form = BankFileForm()
    if request.method == "POST":
        if not may_import:
            return permission_denied(request)
        form = BankFileForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = bank.bank_file_import(
                    file_name=upload.name, content=upload.read(), by=request.user
                )
            except ValidationError as error:
                add_errors(form, error, aliases={"contribution": "invoice"})
            else:
                if report.already_imported_file:
                    messages.warning(
                        request,
                        _(
                            "This file was imported on %(date)s; nothing was "
                            "imported again."
                        )
                        % {"date": date_format(report.imported_at, "DATETIME_FORMAT")},
                    )
                else:
                    messages.success(request, _("The bank file is imported."))
                return redirect("contributions_bank_import", report.pk)
    imports = Paginator(
        BankImport.objects.select_related("imported_by"), RESOLVED_PER_PAGE
    ).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "contributions/admin/bank_files.html",
        {"form": form, "may_import": may_import, "imports": imports},
    )


@permission_required("contributions.view_bankimport")
def bank_import_detail(request, import_id: int):
    report = get_object_or_404(
        BankImport.objects.select_related("imported_by"), pk=import_id
    )
    transactions = Paginator(
        report.transactions.select_related("contribution__organisation", "review"),
        TRANSACTIONS_PER_PAGE,
    ).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "contributions/admin/bank_import.html",
        {"report": report, "transactions": transactions},
    )


@permission_required("contributions.view_paymentreview")
def reviews(request):
    resolved = Paginator(bank.reviews_resolved(), RESOLVED_PER_PAGE).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(
        request,
        "contributions/admin/reviews.html",
        {
            "open_reviews": list(bank.reviews_open()),
            "resolved": resolved,
            "may_resolve": request.user.has_perm("contributions.change_paymentreview"),
        },
    )


@permission_required("contributions.view_paymentreview")
def review_detail(request, review_id: int):
    review = get_object_or_404(
        PaymentReview.objects.select_related(
            "contribution__organisation",
            "suggestion__organisation",
            "bank_transaction__bank_import",
            "resolved_by",
        ),
        pk=review_id,
    )
    may_resolve = request.user.has_perm("contributions.change_paymentreview")
    actions = bank.review_actions(review) if may_resolve else []
    suggestion = review.suggestion
    forms_ = {
        "assign": AssignForm(
            initial={"invoice": suggestion.number if suggestion else ""},
            prefix="assign",
        ),
        "refund": NoteForm(prefix="refund"),
        "accept": NoteForm(prefix="accept"),
    }
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in actions:
            messages.error(request, _("This action does not fit this payment."))
            return redirect("contributions_review", review.pk)
        form_class = AssignForm if action == "assign" else NoteForm
        form = form_class(request.POST, prefix=action)
        forms_[action] = form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "assign":
                    bank.review_assign(
                        review=review,
                        contribution=data["invoice"],
                        by=request.user,
                        note=data["note"],
                        amount_minor=data.get("amount_minor"),
                    )
                elif action == "refund":
                    bank.review_refund(
                        review=review, by=request.user, note=data["note"]
                    )
                else:
                    bank.review_accept(
                        review=review, by=request.user, note=data["note"]
                    )
            except ValidationError as error:
                add_errors(form, error, aliases={"contribution": "invoice"})
            else:
                messages.success(request, _("The payment is resolved."))
                return redirect("contributions_reviews")
    return TemplateResponse(
        request,
        "contributions/admin/review.html",
        {
            "review": review,
            "transaction": review.bank_transaction,
            "booked_on": bank.booked_on_of(review),
            "actions": actions,
            "forms": forms_,
            "open_invoices": (
                bank.open_invoices(currency=review.currency)[:300]
                if "assign" in actions
                else []
            ),
        },
    )


def urls() -> list:
    return [
        path("contributions/bank-files/", bank_files, name="contributions_bank_files"),
        path(
            "contributions/bank-files/<int:import_id>/",
            bank_import_detail,
            name="contributions_bank_import",
        ),
        path("contributions/reviews/", reviews, name="contributions_reviews"),
        path(
            "contributions/reviews/<int:review_id>/",
            review_detail,
            name="contributions_review",
        ),
    ]


class ReviewsMenuItem(PermissionMenuItem):
    """ "Payments to review (3)": the open items counted on each admin page, one
    count query on an indexed column."""

    def render_component(self, request):
        component = super().render_component(request)
        count = PaymentReview.objects.filter(status=PaymentReview.Status.OPEN).count()
        if count:
            component.label = _("Payments to review (%(count)s)") % {"count": count}
        return component


def menu_items() -> list[MenuItem]:
    return [
        PermissionMenuItem(
            gettext_lazy("Bank files"),
            reverse("contributions_bank_files"),
            icon_name="upload",
            order=50,
            permission="contributions.view_bankimport",
        ),
        ReviewsMenuItem(
            gettext_lazy("Payments to review"),
            reverse("contributions_reviews"),
            icon_name="warning",
            order=51,
            permission="contributions.view_paymentreview",
        ),
    ]
