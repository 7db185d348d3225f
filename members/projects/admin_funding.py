"""A project's money in the admin: the board and the secretariat record who
pledged what, take each funding line through decision, invoice and payment,
and record what the project spent."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_required

from bid.forms import (
    DATE_INPUT,
    FormsByButton,
    RecordChoiceField,
    fit_inputs,
    submitted,
)
from bid.money import CURRENCIES, MajorUnitsField, format_money
from members.organisations.models import Organisation
from members.projects.models import FundingLine
from members.projects.selectors.funding import (
    decisions_for_choice,
    funding_lines_followed_up,
    project_money,
    projects_with_money,
)
from members.projects.services import funding as services
from members.proposals.models import ACTIVE_STATUSES

PERMISSION = "projects.view_fundingline"
TODAY_IF_EMPTY = gettext_lazy("Left empty: today.")
Status = FundingLine.Status
Party = FundingLine.Party


class FundingLineForm(forms.Form):
    party = forms.ChoiceField(
        label=gettext_lazy("Party"),
        choices=Party.choices,
        widget=forms.RadioSelect,
    )
    organisation = RecordChoiceField(
        label=gettext_lazy("Member organisation"),
        queryset=Organisation.objects.order_by("legal_name"),
        required=False,
        help_text=gettext_lazy(
            "Required for a member company; optional for the municipality and others."
        ),
    )
    party_name = forms.CharField(
        label=gettext_lazy("Name of the party"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("For a party that is not in the member register."),
    )
    amount_minor = MajorUnitsField(label=gettext_lazy("Amount"), min_value=0.01)
    currency = forms.ChoiceField(label=gettext_lazy("Currency"), choices=CURRENCIES)
    pledged_on = forms.DateField(
        label=gettext_lazy("Pledged on"),
        required=False,
        widget=DATE_INPUT,
        help_text=TODAY_IF_EMPTY,
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].initial = project.currency
        self.fields["organisation"].label_from_instance = lambda organisation: (
            organisation.legal_name
        )
        fit_inputs(self, amount_minor="amount", pledged_on="date")


class ExpenditureForm(forms.Form):
    spent_on = forms.DateField(label=gettext_lazy("Date"), widget=DATE_INPUT)
    description = forms.CharField(
        label=gettext_lazy("What it paid for"), max_length=200
    )
    amount_minor = MajorUnitsField(label=gettext_lazy("Amount"), min_value=0.01)
    currency = forms.ChoiceField(label=gettext_lazy("Currency"), choices=CURRENCIES)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].initial = project.currency
        fit_inputs(self, amount_minor="amount", spent_on="date")


class DecideForm(forms.Form):
    decision = RecordChoiceField(
        label=gettext_lazy("Decision"),
        queryset=None,
        required=False,
        help_text=gettext_lazy("The meeting's decision, when there is one."),
    )
    decided_on = forms.DateField(
        label=gettext_lazy("Decided on"),
        required=False,
        widget=DATE_INPUT,
        help_text=TODAY_IF_EMPTY,
    )

    def __init__(self, *args, line: FundingLine, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        field.queryset = decisions_for_choice(project=line.project)
        field.label_from_instance = lambda decision: (
            f"{decision.reference}: {Truncator(decision.text).chars(80)}"
        )
        fit_inputs(self)


class InvoiceForm(forms.Form):
    on = forms.DateField(
        label=gettext_lazy("Invoice date"),
        required=False,
        widget=DATE_INPUT,
        help_text=TODAY_IF_EMPTY,
    )
    due_date = forms.DateField(
        label=gettext_lazy("Due date"),
        required=False,
        widget=DATE_INPUT,
        help_text=gettext_lazy("Left empty: 30 days after the invoice date."),
    )

    def __init__(self, *args, line: FundingLine, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the ledger's invoice to a member has a due date of its own.
        if line.party != Party.MEMBER:
            del self.fields["due_date"]


class PaymentForm(forms.Form):
    paid_on = forms.DateField(
        label=gettext_lazy("Paid on"),
        required=False,
        widget=DATE_INPUT,
        help_text=TODAY_IF_EMPTY,
    )

    def __init__(self, *args, line: FundingLine, **kwargs):
        super().__init__(*args, **kwargs)


class RemoveForm(forms.Form):
    def __init__(self, *args, line: FundingLine, **kwargs):
        super().__init__(*args, **kwargs)


@dataclass(frozen=True)
class Step:
    """One step a funding line can take, as its confirmation page offers it."""

    name: str
    link: str
    title: str
    button: str
    form_class: type[forms.Form]
    act: Callable
    done: str


DECIDE = Step(
    name="decide",
    link=gettext_lazy("Record decision"),
    title=gettext_lazy("Record the decision"),
    button=gettext_lazy("Record the decision"),
    form_class=DecideForm,
    act=services.funding_line_decide,
    done=gettext_lazy("The decision on the share of %(party)s is recorded."),
)
INVOICE = Step(
    name="invoice",
    link=gettext_lazy("Invoice"),
    title=gettext_lazy("Invoice the share"),
    button=gettext_lazy("Invoice"),
    form_class=InvoiceForm,
    act=services.funding_line_invoice,
    done=gettext_lazy("The share of %(party)s is invoiced."),
)
PAY = Step(
    name="paid",
    link=gettext_lazy("Record payment"),
    title=gettext_lazy("Record the payment"),
    button=gettext_lazy("Record the payment"),
    form_class=PaymentForm,
    act=services.funding_line_record_payment,
    done=gettext_lazy("The payment of %(party)s is recorded."),
)
REMOVE = Step(
    name="remove",
    link=gettext_lazy("Remove"),
    title=gettext_lazy("Take back the pledge"),
    button=gettext_lazy("Remove the line"),
    form_class=RemoveForm,
    act=services.funding_line_remove,
    done=gettext_lazy("The pledge of %(party)s is removed."),
)


def steps_of(line: FundingLine) -> list[Step]:
    """The steps the line can take next."""
    if line.status == Status.PLEDGED:
        return [DECIDE, REMOVE]
    if line.status == Status.DECIDED:
        return [PAY] if line.party == Party.BID else [INVOICE]
    if line.status == Status.INVOICED and line.party != Party.MEMBER:
        # A member's invoice is paid in the ledger, its line with it.
        return [PAY]
    return []


def _project(pk: int):
    return get_object_or_404(
        projects_with_money().select_related("organisation", "priority"), pk=pk
    )


@permission_required(PERMISSION)
def funding(request, pk: int):
    """The project's funding lines and spending, with the forms to add them."""
    project = _project(pk)
    posted = FormsByButton(request, "add_line", "add_expenditure")
    line_form = FundingLineForm(posted.data("add_line"), prefix="line", project=project)
    spent_form = ExpenditureForm(
        posted.data("add_expenditure"), prefix="spent", project=project
    )
    added = posted.submitted(
        {
            "add_line": (
                line_form,
                lambda: services.funding_line_add(
                    by=request.user, project=project, **line_form.cleaned_data
                ),
                lambda line: (
                    _("The pledge of %(party)s is added.") % {"party": line.party_label}
                ),
            ),
            "add_expenditure": (
                spent_form,
                lambda: services.expenditure_record(
                    by=request.user, project=project, **spent_form.cleaned_data
                ),
                _("The expenditure is recorded."),
            ),
        },
        to=reverse("projects_funding", args=[project.pk]),
    )
    if added:
        return added
    money = project_money(project=project)
    user = request.user
    may_change = user.has_perm("projects.change_fundingline")
    may_remove = user.has_perm("projects.delete_fundingline")
    for line in money.lines:
        line.actions = [
            (step.link, reverse(f"projects_funding_{step.name}", args=[line.pk]))
            for step in steps_of(line)
            if (may_remove if step is REMOVE else may_change)
        ]
    open_for_lines = project.status in ACTIVE_STATUSES
    return TemplateResponse(
        request,
        "projects/admin/funding.html",
        {
            "project": project,
            "money": money,
            "line_form": line_form
            if open_for_lines and user.has_perm("projects.add_fundingline")
            else None,
            "spent_form": spent_form
            if user.has_perm("projects.add_expenditure")
            else None,
        },
    )


def _step(request, pk: int, step: Step):
    """A step's confirmation page; on POST the step is taken, or the page
    shows the service's reason for refusing and nothing changes."""
    line = get_object_or_404(funding_lines_followed_up(), pk=pk)
    form = step.form_class(
        request.POST if request.method == "POST" else None, line=line
    )
    taken = submitted(
        request,
        form,
        lambda: step.act(line=line, by=request.user, **form.cleaned_data),
        done=step.done % {"party": line.party_label},
        to=reverse("projects_funding", args=[line.project_id]),
    )
    if taken:
        return taken
    return TemplateResponse(
        request,
        "projects/admin/funding_step.html",
        {
            "line": line,
            "project": line.project,
            "step": step,
            "form": form,
            "amount": format_money(line.amount_minor, line.currency),
        },
    )


@permission_required("projects.change_fundingline")
def line_decide(request, pk: int):
    return _step(request, pk, DECIDE)


@permission_required("projects.change_fundingline")
def line_invoice(request, pk: int):
    return _step(request, pk, INVOICE)


@permission_required("projects.change_fundingline")
def line_paid(request, pk: int):
    return _step(request, pk, PAY)


@permission_required("projects.delete_fundingline")
def line_remove(request, pk: int):
    return _step(request, pk, REMOVE)
