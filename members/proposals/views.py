"""Proposals in the member portal, and attachment downloads for whoever may see them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bid.access import is_member, organisations_of
from bid.actions import reported
from bid.params import id_or_none
from bid.ratelimit import ratelimit
from members.organisations.selectors import organisations_for
from members.proposals import services
from members.proposals.forms import (
    AttachmentForm,
    CommentForm,
    ProgressForm,
    ProposalForm,
)
from members.proposals.models import ACTIVE_STATUSES, Proposal, ProposalAttachment
from members.proposals.selectors import (
    filter_and_sort,
    priorities_for_choice,
    proposals_visible_to,
    with_localized_priorities,
)

PER_PAGE = 20


def _visible(request, pk) -> Proposal:
    return get_object_or_404(
        proposals_visible_to(user=request.user).select_related("decision"), pk=pk
    )


def _detail(pk) -> str:
    return reverse("portal:proposal", args=[pk])


def _errors(request, error: ValidationError, form=None) -> None:
    if form is not None and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    for message in error.messages:
        messages.error(request, message)


@login_required
def proposal_list(request):
    if not is_member(request.user):
        raise PermissionDenied(_("The proposals are for members."))
    queryset = filter_and_sort(
        proposals_visible_to(user=request.user).exclude(status=Proposal.Status.DRAFT),
        priority_id=id_or_none(request.GET.get("priority")),
        # PostgreSQL refuses NUL in any text it is given.
        area=request.GET.get("area", "").replace("\x00", "").strip()[:100],
        status=request.GET.get("status", ""),
        sort=request.GET.get("sort", "newest"),
    )
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = with_localized_priorities(page.object_list)
    return TemplateResponse(
        request,
        "proposals/proposal_list.html",
        {
            "proposals": page,
            "priorities": priorities_for_choice(),
            "statuses": [s for s in Proposal.Status.choices if s[0] != "draft"],
            "filters": request.GET,
        },
    )


@login_required
def my_proposals(request):
    mine = proposals_visible_to(user=request.user).filter(
        organisation__in=organisations_for(user=request.user)
    )
    return TemplateResponse(
        request,
        "proposals/my_proposals.html",
        {"proposals": with_localized_priorities(mine.order_by("-updated_at"))},
    )


@login_required
@ratelimit("proposal_create")
def proposal_create(request):
    organisations = organisations_for(user=request.user)
    if not organisations_of(request.user):
        raise PermissionDenied(_("Register your organisation before proposing."))
    form = ProposalForm(
        request.POST or None,
        organisations=organisations,
        priorities=priorities_for_choice(),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation")
        try:
            proposal = services.proposal_create(
                by=request.user, organisation=organisation, **data
            )
        except ValidationError as error:
            _errors(request, error, form)
        else:
            messages.success(
                request, _("The draft is saved. Add attachments, then submit it.")
            )
            return redirect("portal:proposal", proposal.pk)
    return TemplateResponse(request, "proposals/proposal_form.html", {"form": form})


@login_required
def proposal_edit(request, pk):
    proposal = _visible(request, pk)
    if not services.is_proposer(request.user, proposal):
        raise PermissionDenied(
            _("Only the organisation that makes the proposal edits it.")
        )
    form = ProposalForm(
        request.POST or None,
        instance=proposal,
        organisations=organisations_for(user=request.user),
        priorities=priorities_for_choice(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update(
                proposal=proposal, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _errors(request, error, form)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("portal:proposal", proposal.pk)
    return TemplateResponse(
        request, "proposals/proposal_form.html", {"form": form, "proposal": proposal}
    )


@login_required
@require_POST
def proposal_delete(request, pk):
    proposal = _visible(request, pk)
    return reported(
        request,
        lambda: services.proposal_delete(proposal=proposal, by=request.user),
        done=_("The draft is deleted."),
        to=reverse("portal:my_proposals"),
        back=_detail(pk),
    )


@login_required
def proposal_detail(request, pk):
    proposal = _visible(request, pk)
    user = request.user
    # Known with the person's memberships: most of the board acts for none.
    own = organisations_for(user=user) if organisations_of(user) else []
    with_localized_priorities([proposal])
    supports = list(proposal.supports.select_related("organisation"))
    supporting = {support.organisation_id for support in supports}
    may_support = [o for o in own if o.pk != proposal.organisation_id]
    return TemplateResponse(
        request,
        "proposals/proposal_detail.html",
        {
            "proposal": proposal,
            "is_proposer": services.is_proposer(user, proposal),
            # Discontinuing asks for a reason: the board does it in the admin.
            "steps": [
                step
                for step in services.allowed_steps(proposal=proposal, user=user)
                if step != Proposal.Status.DISCONTINUED
            ],
            "transitions": proposal.transitions.all(),
            "attachments": proposal.attachments.all(),
            "supports": supports,
            "support_options": [
                {"organisation": o, "supporting": o.pk in supporting}
                for o in may_support
            ],
            "can_support": is_member(user)
            and proposal.status in services.OPEN_STATUSES,
            "comments": proposal.comments.select_related("organisation"),
            "can_comment": is_member(user) and proposal.status in services.COMMENTABLE,
            "comment_form": CommentForm(),
            "attachment_form": AttachmentForm(),
            # Fetched with the proposal, newest first as the model orders them.
            "progress": proposal.prefetched_progress,
            "can_report": services._may(services.EITHER, user, proposal)
            and proposal.status in ACTIVE_STATUSES,
            "progress_form": ProgressForm(
                initial={"reported_on": timezone.localdate()}
            ),
        },
    )


@login_required
@require_POST
def proposal_step(request, pk):
    proposal = _visible(request, pk)
    step = request.POST.get("to", "")
    if step not in services.allowed_steps(proposal=proposal, user=request.user):
        raise PermissionDenied(_("You cannot take this step."))
    return reported(
        request,
        lambda: services.proposal_transition(
            proposal=proposal,
            to=step,
            by=request.user,
            comment=request.POST.get("comment", ""),
        ),
        done=lambda _proposal: (
            _("The proposal is now “%(status)s”.")
            % {"status": Proposal.Status(step).label}
        ),
        to=_detail(pk),
    )


@login_required
@require_POST
@ratelimit("proposal_support")
def support(request, pk):
    proposal = _visible(request, pk)
    organisation = get_object_or_404(
        organisations_for(user=request.user),
        pk=id_or_none(request.POST.get("organisation")),
    )
    return reported(
        request,
        lambda: services.support_toggle(
            proposal=proposal, by=request.user, organisation=organisation
        ),
        done=lambda supporting: (
            (
                _("%(name)s supports the proposal.")
                if supporting
                else _("%(name)s no longer supports the proposal.")
            )
            % {"name": organisation}
        ),
        to=_detail(pk),
    )


@login_required
@require_POST
@ratelimit("proposal_comment")
def comment(request, pk):
    proposal = _visible(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        return reported(
            request,
            lambda: services.comment_add(
                proposal=proposal, by=request.user, body=form.cleaned_data["body"]
            ),
            done=_("Your comment is posted."),
            to=_detail(pk),
        )
    messages.error(request, _("Write a comment."))
    return redirect("portal:proposal", pk)


@login_required
@require_POST
def progress(request, pk):
    proposal = _visible(request, pk)
    form = ProgressForm(request.POST)
    if form.is_valid():
        return reported(
            request,
            lambda: services.progress_report(
                proposal=proposal, by=request.user, **form.cleaned_data
            ),
            done=_("The progress is reported."),
            to=_detail(pk),
        )
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
    return redirect("portal:proposal", pk)


@login_required
@require_POST
@ratelimit("proposal_attachment")
def attachment_upload(request, pk):
    proposal = _visible(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        return reported(
            request,
            lambda: services.attachment_add(
                proposal=proposal, by=request.user, upload=form.cleaned_data["file"]
            ),
            done=_("The file is attached."),
            to=_detail(pk),
        )
    messages.error(request, _("Choose a file to attach."))
    return redirect("portal:proposal", pk)


def attachment_download(request, pk):
    """Served through the proposal's own visibility, never as a public media URL."""
    attachment = get_object_or_404(
        ProposalAttachment.objects.filter(
            proposal__in=proposals_visible_to(user=request.user)
        ),
        pk=pk,
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        content_type=attachment.content_type,
        as_attachment=attachment.content_type == "application/pdf",
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    return response
