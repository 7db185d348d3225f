"""The agreements register in the admin: the board and the secretariat list,
add and edit agreements, their obligations, signed documents and yearly
follow-ups, see what expires and what to act on, and the contracted value per
year and per priority beside the plan's budget."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required
from wagtail.models import Locale

from bid.forms import DATE_INPUT, FormsByButton, submitted
from bid.params import id_or_none
from members.agreements import selectors, services
from members.agreements.models import (
    Agreement,
    AgreementDocument,
    FollowUp,
    Obligation,
)
from members.proposals.models import PUBLIC_STATUSES

PERMISSION = "agreements.view_agreement"


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = services.AGREEMENT_FIELDS
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counterparty"].queryset = self.fields[
            "counterparty"
        ].queryset.order_by("legal_name")
        self.fields["counterparty"].label_from_instance = lambda organisation: (
            organisation.legal_name
        )
        self.fields["responsible"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("email")
        )
        self.fields["responsible"].label_from_instance = lambda user: (
            f"{user.display_name} <{user.email}>"
        )
        self.fields["responsible"].help_text = gettext_lazy(
            "Reminded before the notice deadline and the obligations."
        )
        # Decisions named by their meeting and date, newest meeting first:
        # "§ 3" alone is ambiguous across meetings.
        self.fields["decision"].queryset = (
            self.fields["decision"]
            .queryset.select_related("meeting")
            .order_by("-meeting__starts_at", "number")
        )
        self.fields["decision"].label_from_instance = _decision_label
        # The plan's priorities once, in the district's main language (their
        # translations are the same priority), in the plan's order; the
        # projects: accepted proposals, under way or over. A link made before
        # stays choosable.
        priority, project = self.instance.priority_id, self.instance.project_id
        self.fields["priority"].queryset = (
            self.fields["priority"]
            .queryset.filter(
                Q(locale=Locale.get_default()) | Q(pk=priority),
            )
            .order_by("path")
        )
        self.fields["project"].queryset = (
            self.fields["project"]
            .queryset.filter(Q(status__in=PUBLIC_STATUSES) | Q(pk=project))
            .order_by("title")
        )


def _decision_label(decision) -> str:
    """ "Styrelsemöte 2026-11-12 § 3 Mötet beslutade att …": the meeting's
    date once, whether or not its title holds it."""
    meeting = decision.meeting
    held = f"{timezone.localdate(meeting.starts_at):%Y-%m-%d}"
    name = meeting.title if held in meeting.title else f"{meeting.title} {held}"
    return f"{name} § {decision.number or '–'} {decision.text[:60]}"


class ObligationForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Obligation"), max_length=200)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=Obligation.Kind.choices,
        initial=Obligation.Kind.DELIVERY,
    )
    due_on = forms.DateField(
        label=pgettext_lazy("obligation", "Due"), widget=DATE_INPUT
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    file = forms.FileField(
        label=gettext_lazy("Signed agreement (PDF)"),
        help_text=gettext_lazy("A PDF of at most 20 MB."),
    )


class FollowUpForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year"), min_value=2000, max_value=2100
    )
    delivered_as_agreed = forms.ChoiceField(
        label=gettext_lazy("Delivered as agreed?"),
        choices=FollowUp.Delivered.choices,
        widget=forms.RadioSelect,
    )
    cost_as_agreed = forms.ChoiceField(
        label=gettext_lazy("Cost as agreed?"),
        choices=FollowUp.Cost.choices,
        widget=forms.RadioSelect,
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("What next"),
        choices=FollowUp.Outcome.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _data(form: forms.BaseForm) -> dict:
    return {name: form.cleaned_data[name] for name in services.AGREEMENT_FIELDS}


@permission_required(PERMISSION)
def agreement_list(request):
    """The register, filtered by kind and by ending within 90 days."""
    kind = request.GET.get("kind", "")
    if kind not in Agreement.Kind.values:
        kind = ""
    expiring = request.GET.get("expiring") == "1"
    agreements = selectors.agreements_listed(
        kind=kind, expiring_days=selectors.EXPIRING_DAYS if expiring else None
    )
    return TemplateResponse(
        request,
        "agreements/admin/list.html",
        {
            "agreements": agreements,
            "kinds": Agreement.Kind.choices,
            "kind": kind,
            "expiring": expiring,
        },
    )


@permission_required(PERMISSION)
def agreement_expiring(request):
    """Agreements that end within 90 days, with their notice deadlines."""
    return TemplateResponse(
        request,
        "agreements/admin/expiring.html",
        {
            "agreements": selectors.agreements_expiring(),
            "days": selectors.EXPIRING_DAYS,
        },
    )


@permission_required(PERMISSION)
def to_act_on(request):
    """Notice deadlines within 60 days and overdue obligations."""
    notice, overdue = selectors.to_act_on()
    return TemplateResponse(
        request,
        "agreements/admin/act_on.html",
        {"notice": notice, "overdue": overdue, "days": selectors.NOTICE_SOON_DAYS},
    )


@permission_required("agreements.add_agreement")
def agreement_create(request):
    form = AgreementForm(request.POST or None)
    added = submitted(
        request,
        form,
        lambda: services.agreement_create(by=request.user, **_data(form)),
        done=_("The agreement is added."),
        to=lambda agreement: reverse("agreements_edit", args=[agreement.pk]),
    )
    if added:
        return added
    return TemplateResponse(request, "agreements/admin/create.html", {"form": form})


@permission_required(PERMISSION)
def agreement_edit(request, pk: int):
    """The agreement with its obligations, documents and follow-ups."""
    agreement = get_object_or_404(
        Agreement.objects.select_related("counterparty", "responsible"), pk=pk
    )
    posted = FormsByButton(
        request, "save", "add_obligation", "add_document", "follow_up"
    )
    form = AgreementForm(posted.data("save"), instance=agreement)
    obligation_form = ObligationForm(posted.data("add_obligation"), prefix="obligation")
    document_form = DocumentForm(
        posted.data("add_document"),
        posted.files("add_document"),
        prefix="document",
    )
    follow_up_form = FollowUpForm(
        posted.data("follow_up"),
        prefix="follow_up",
        initial={"year": timezone.localdate().year},
    )
    if posted.pressed is not None and not request.user.has_perm(
        {
            "save": "agreements.change_agreement",
            "add_obligation": "agreements.add_obligation",
            "add_document": "agreements.add_agreementdocument",
            "follow_up": "agreements.add_followup",
        }[posted.pressed]
    ):
        raise Http404
    answer = posted.submitted(
        {
            "save": (
                form,
                lambda: services.agreement_update(
                    by=request.user, agreement=agreement, **_data(form)
                ),
                _("The agreement is saved."),
            ),
            "add_obligation": (
                obligation_form,
                lambda: services.obligation_add(
                    by=request.user, agreement=agreement, **obligation_form.cleaned_data
                ),
                _("The obligation is added."),
            ),
            "add_document": (
                document_form,
                lambda: services.document_add(
                    by=request.user, agreement=agreement, **document_form.cleaned_data
                ),
                _("The document is attached."),
            ),
            "follow_up": (
                follow_up_form,
                lambda: services.follow_up_record(
                    by=request.user, agreement=agreement, **follow_up_form.cleaned_data
                ),
                _("The follow-up is recorded."),
            ),
        },
        to=reverse("agreements_edit", args=[agreement.pk]),
    )
    if answer:
        return answer
    today = timezone.localdate()
    detail = selectors.agreement_detail(agreement=agreement)
    for obligation in detail["obligations"]:
        obligation.overdue = obligation.is_overdue(today)
    return TemplateResponse(
        request,
        "agreements/admin/edit.html",
        {
            "agreement": agreement,
            "form": form,
            "obligation_form": obligation_form,
            "document_form": document_form,
            "follow_up_form": follow_up_form,
            **detail,
        },
    )


@require_POST
@permission_required("agreements.change_obligation")
def obligation_done(request, pk: int):
    obligation = get_object_or_404(Obligation, pk=pk)
    try:
        services.obligation_done(by=request.user, obligation=obligation)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("“%(title)s” is done.") % {"title": obligation.title}
        )
    return redirect("agreements_edit", obligation.agreement_id)


def serve_document(document: AgreementDocument) -> FileResponse:
    """The signed PDF, never as a public media address."""
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{document.title}.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    return response


@permission_required(PERMISSION)
def document_download(request, pk: int):
    return serve_document(get_object_or_404(AgreementDocument, pk=pk))


@permission_required(PERMISSION)
def contracted_value(request):
    """The contracted value per year (five years around this one) and, for
    the chosen year, per priority beside the priority's budget."""
    this_year = timezone.localdate().year
    year = id_or_none(request.GET.get("year"))
    if year is None or not 2000 <= year <= 2100:
        year = this_year
    years = range(this_year - 2, this_year + 3)
    if year not in years:
        years = range(year, year + 1)
    per_year = selectors.contracted_per_year(years=years)
    return TemplateResponse(
        request,
        "agreements/admin/value.html",
        {
            "year": year,
            "per_year": sorted(per_year.items()),
            "per_priority": selectors.contracted_per_priority(year=year),
        },
    )
