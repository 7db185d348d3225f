"""The board's and secretariat's side of contributions in the Wagtail admin."""

import pygal
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_required
from wagtail.admin.views.generic.models import IndexView, InspectView

from bid.charts import new_chart
from bid.forms import DATE_INPUT, submitted
from bid.money import MajorUnitsField, format_money
from bid.params import id_or_none
from members.contributions import exports
from members.contributions.models import (
    ContributionScheme,
    InvoicingRun,
)
from members.contributions.selectors import (
    collection_by_use,
    invoicing_preview,
    overdue_contributions,
    years_overview,
)
from members.contributions.services import (
    bank_payment_record,
    contribution_void,
    contribution_write_off,
    form_token,
    invoicing_start,
)
from members.organisations.models import Property

view_required = permission_required("contributions.view_contribution")


class BankPaymentForm(forms.Form):
    amount_minor = MajorUnitsField(label=gettext_lazy("Amount"), min_value=0.01)
    occurred_on = forms.DateField(
        label=gettext_lazy("Date of payment"),
        widget=DATE_INPUT,
    )
    reference = forms.CharField(label=gettext_lazy("Bank reference"), max_length=120)
    token = forms.CharField(widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class ContributionIndexView(IndexView):
    def get_base_queryset(self):
        # Paid, outstanding and the status come from the ledger in one query.
        return super().get_base_queryset().with_balance().select_related("organisation")


class ContributionInspectView(InspectView):
    template_name = "contributions/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contribution = self.object
        user = self.request.user
        context.update(
            {
                "contribution": contribution,
                "balance": contribution.balance(),
                "lines": contribution.lines.all(),
                "entries": contribution.entries.all(),
                "attempts": contribution.payment_attempts.all(),
                "bank_form": kwargs.get("bank_form")
                or BankPaymentForm(
                    initial={
                        "token": form_token(),
                        "occurred_on": timezone.localdate(),
                        "amount_minor": contribution.balance()["outstanding"],
                        "reference": contribution.payment_reference,
                    }
                ),
                "void_form": kwargs.get("void_form") or ReasonForm(),
                "write_off_form": kwargs.get("write_off_form")
                or ReasonForm(prefix="write_off"),
                "reviews": contribution.reviews.all(),
                "may_record": user.has_perm("contributions.add_ledgerentry"),
                "may_void": user.has_perm("contributions.change_contribution"),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        contribution = self.object
        if "write_off" in request.POST:
            return self._with_reason(
                request,
                form=ReasonForm(request.POST, prefix="write_off"),
                context_key="write_off_form",
                act=lambda reason: contribution_write_off(
                    contribution=contribution, by=request.user, reason=reason
                ),
                done=lambda _entry: _("The rest of the invoice is written off."),
            )
        if "void" in request.POST:
            return self._with_reason(
                request,
                form=ReasonForm(request.POST),
                context_key="void_form",
                act=lambda reason: contribution_void(
                    contribution=contribution, by=request.user, reason=reason
                ),
                done=lambda credit_note: (
                    _("The contribution is void; credit note %(number)s is issued.")
                    % {"number": credit_note.number}
                ),
            )
        form = BankPaymentForm(request.POST)
        recorded = submitted(
            request,
            form,
            lambda: bank_payment_record(
                contribution=contribution,
                by=request.user,
                amount_minor=form.cleaned_data["amount_minor"],
                occurred_on=form.cleaned_data["occurred_on"],
                reference=form.cleaned_data["reference"],
                form_token=form.cleaned_data["token"],
            ),
            done=_("The bank payment is recorded."),
            to=request.path,
        )
        return recorded or self.render_to_response(
            self.get_context_data(bank_form=form)
        )

    def _with_reason(self, request, *, form, context_key, act, done):
        """An action that takes a stated reason: done and reported, or the form
        again with the service's reason for refusing."""
        taken = submitted(
            request,
            form,
            lambda: act(form.cleaned_data["reason"]),
            done=done,
            to=request.path,
        )
        return taken or self.render_to_response(
            self.get_context_data(**{context_key: form})
        )


def _bar_chart(title, labels, series, currency):
    chart = new_chart(
        pygal.Bar,
        height=360,
        truncate_label=-1,
        x_label_rotation=20 if len(labels) > 4 else 0,
        margin_bottom=10,
        range=(0, None),
        include_x_axis=True,
        value_formatter=lambda value: format_money(int(value * 100), currency),
        title=str(title),
    )
    chart.x_labels = [str(label) for label in labels]
    for name, values in series:
        chart.add(str(name), [value / 100 for value in values])
    return chart.render(is_unicode=True)


@view_required
def overview(request):
    years = years_overview()
    latest = years[-1]["year"] if years else timezone.localdate().year
    chosen = id_or_none(request.GET.get("year")) or latest
    by_use = collection_by_use(year=chosen)
    currency = next((row["currency"] for row in years if row["year"] == chosen), "SEK")
    use_labels = dict(Property.UseCategory.choices)
    use_labels.update(
        {"base_fee": _("Base fee"), "floor": _("Minimum"), "cap": _("Maximum")}
    )
    context = {
        "years": years,
        "chosen": chosen,
        "currency": currency,
        "by_use": [
            {**row, "label": use_labels.get(row["key"], row["key"])} for row in by_use
        ],
        "overdue": overdue_contributions(year=chosen),
        "schemes": ContributionScheme.objects.all(),
        "may_invoice": request.user.has_perm("contributions.run_invoicing"),
        "runs": InvoicingRun.objects.select_related("scheme")[:5],
    }
    if years:
        context["years_chart"] = _bar_chart(
            _("Due and collected per year"),
            [str(row["year"]) for row in years],
            [
                (_("Due"), [row["due"] for row in years]),
                (_("Collected"), [row["collected"] for row in years]),
            ],
            years[-1]["currency"],
        )
    # Adjustments to the maximum are negative: they stay in the table, the
    # chart shows what each use brings in.
    charted = [row for row in context["by_use"] if row["due"] > 0]
    if charted:
        context["use_chart"] = _bar_chart(
            _("Due and collected by use, %(year)s") % {"year": chosen},
            [row["label"] for row in charted],
            [
                (_("Due"), [row["due"] for row in charted]),
                (_("Collected"), [row["collected"] for row in charted]),
            ],
            currency,
        )
    return TemplateResponse(request, "contributions/admin/overview.html", context)


@view_required
def export_csv(request, year: int):
    return exports.contributions_csv(year=year)


@permission_required("contributions.run_invoicing")
def start_invoicing(request, scheme_id: int):
    """Say what issuing will do — how many invoices, what total, who is
    emailed — and issue only when that is confirmed."""
    scheme = get_object_or_404(ContributionScheme, pk=scheme_id)
    if request.method == "POST" and request.POST.get("confirm") == "issue":
        try:
            run = invoicing_start(scheme=scheme, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("contributions_overview")
        return redirect("contributions_run", run.pk)
    return TemplateResponse(
        request,
        "contributions/admin/issue_confirm.html",
        {
            "scheme": scheme,
            "preview": invoicing_preview(scheme=scheme),
            "latest": scheme
            == ContributionScheme.objects.filter(year=scheme.year).first(),
        },
    )


@view_required
def invoicing_run(request, run_id: int):
    run = get_object_or_404(InvoicingRun.objects.select_related("scheme"), pk=run_id)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": run.status,
                "done": run.done,
                "total": run.total,
                "created": run.created,
                "percent": run.percent,
            }
        )
    return TemplateResponse(request, "contributions/admin/run.html", {"run": run})
